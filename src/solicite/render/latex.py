"""LaTeX renderer: special characters escaped, \\emph for italics, \\url and \\href for links."""

from solicite.render import Renderer

_ESCAPES = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
    "%": r"\%", "_": r"\_", "^": r"\^{}", "~": r"\~{}",
    "\u201c": "``", "\u201d": "''", "\u2018": "`", "\u2019": "'", "\u2013": "--", "\u2014": "---",
}
_NEEDS = frozenset(_ESCAPES)


class LatexRenderer(Renderer):
    """LaTeX source for a thebibliography or a document body (UTF-8 input assumed)."""

    name = "latex"

    def text(self, s: str) -> str:
        if _NEEDS.isdisjoint(s):
            return s
        return "".join(_ESCAPES.get(c, c) for c in s)

    def italic(self, inner: str) -> str:
        return f"\\emph{{{inner}}}" if inner else ""

    def link(self, url: str, inner: str) -> str:
        safe = url.replace("\\", "/").replace("%", r"\%").replace("#", r"\#")
        if inner == self.text(url):
            return f"\\url{{{safe}}}"
        return f"\\href{{{safe}}}{{{inner}}}"


RENDERER = LatexRenderer()
