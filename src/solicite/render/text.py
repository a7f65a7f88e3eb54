"""Plain-text renderer: the tree's text, with typographic quotes and no markup."""

from solicite.render import Renderer


class TextRenderer(Renderer):
    """Plain Unicode text; italics and links leave no trace."""

    name = "text"

    def document(self, entries: list[str]) -> str:
        """One entry per line."""
        return "\n".join(entries)


RENDERER = TextRenderer()
