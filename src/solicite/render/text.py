"""Plain-text renderer: the tree's text, with typographic quotes and no markup."""

from collections.abc import Iterable, Iterator

from solicite.stream import separated
from solicite.render import Renderer


class TextRenderer(Renderer):
    """Plain Unicode text; italics and links leave no trace."""

    name = "text"

    def document(self, entries: list[str]) -> str:
        """One entry per line."""
        return "\n".join(entries)

    def document_chunks(self, entries: Iterable[str]) -> Iterator[str]:
        """One entry per line, each written as it is rendered."""
        return separated(entries, "\n")


RENDERER = TextRenderer()
