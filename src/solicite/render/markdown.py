"""Markdown renderer: clean CommonMark, escaping only what would otherwise turn into markup."""

import re

from solicite.render import Renderer

# Only characters that can start markup mid-line need a backslash: emphasis, links, code, HTML.
_SPECIAL = re.compile(r"([*_`\[\]<>\\])")


class MarkdownRenderer(Renderer):
    """Markdown: *italics*, <url> autolinks, [text](url) links."""

    name = "markdown"

    def text(self, s: str) -> str:
        return _SPECIAL.sub(r"\\\1", s) if _SPECIAL.search(s) else s

    def italic(self, inner: str) -> str:
        if not inner:
            return ""
        # Keep spaces outside the asterisks, or CommonMark will not see the emphasis.
        lead = inner[: len(inner) - len(inner.lstrip())]
        trail = inner[len(inner.rstrip()):]
        return f"{lead}*{inner.strip()}*{trail}"

    def link(self, url: str, inner: str) -> str:
        if inner == self.text(url):
            return f"<{url}>"
        return f"[{inner}]({url.replace(')', '%29').replace(' ', '%20')})"


RENDERER = MarkdownRenderer()
