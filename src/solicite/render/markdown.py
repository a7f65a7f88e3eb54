"""Markdown renderer: clean CommonMark, escaping only what would otherwise turn into markup.

No field can open raw HTML ("<" before a tag is escaped) or a link to anything but http, https
or a DOI (``solicite.render.linkable``); link addresses are percent-encoded so that no ">",
space or parenthesis ends them early.
"""

import re

from solicite.render import Renderer, linkable

# Only what would really turn into markup gets a backslash: asterisks, backticks, backslashes,
# underscores at a word edge, "<" before a tag or autolink, and brackets of a link ("](").
_SPECIAL = re.compile(r"([`\\]|(?<!\w)_|_(?!\w)|<(?=[A-Za-z/!?])|\[(?=[^\]]*\][(\[])|\](?=[(\[]))")


class MarkdownRenderer(Renderer):
    """Markdown: *italics*, <url> autolinks, [text](url) links."""

    name = "markdown"

    def text(self, s: str) -> str:
        if _SPECIAL.search(s):
            s = _SPECIAL.sub(lambda m: "\\" + m.group(0), s)
        if "*" in s and (s.count("*") > 1 or s.lstrip().startswith("*")):
            # A lone asterisk inside a word ("Soli*City") stays literal in CommonMark; pairs would not.
            s = s.replace("*", "\\*")
        return s

    def italic(self, inner: str) -> str:
        if not inner:
            return ""
        # Keep spaces outside the asterisks, or CommonMark will not see the emphasis.
        lead = inner[: len(inner) - len(inner.lstrip())]
        trail = inner[len(inner.rstrip()):]
        return f"{lead}*{inner.strip()}*{trail}"

    def link(self, url: str, inner: str) -> str:
        href = linkable(url)
        if href is None:
            return inner  # already escaped text: a javascript: or data: address is shown, never linked
        if inner == self.text(url) and href == url:
            return f"<{href}>"
        return f"[{inner}]({href.replace('(', '%28').replace(')', '%29')})"


RENDERER = MarkdownRenderer()
