"""Settings from solicite.toml, ``[tool.solicite]`` in pyproject.toml, the user config and the environment.

Precedence, highest first: command-line options (applied by the CLI), environment variables
(``SOLICITE_LIBRARY``), the project file found in the current directory or a parent
(``solicite.toml``, else ``[tool.solicite]`` in ``pyproject.toml``), then the user config
file (``solicite.toml`` in the platformdirs user config directory).

Each stage reads its own table: ``[check]``, ``[resolve]``, ``[format]`` in solicite.toml
(``[tool.solicite.check]`` in pyproject.toml). Base URLs of web services live there, so tests
can point them at a loopback server.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from solicite.errors import ConfigError

DEFAULT_LIBRARY = Path("data") / "references.bib"


@dataclass
class Settings:
    """Resolved settings: the library path plus one table of options per stage."""

    library: Path | None = None
    tables: dict[str, Any] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)  # config files read, for --debug and messages

    def section(self, name: str) -> dict[str, Any]:
        """The options table of one stage (``check``, ``resolve``...), empty when absent."""
        value = self.tables.get(name, {})
        if not isinstance(value, dict):
            raise ConfigError(f"[{name}] must be a table in the configuration", path=str(self.files[-1]) if self.files else None)
        return value


def _load_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"cannot read configuration: {exc.strerror}", path=str(path)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", path=str(path), hint="fix the file or remove it") from exc


def _project_config(start: Path) -> tuple[Path | None, dict[str, Any]]:
    for folder in (start, *start.parents):
        candidate = folder / "solicite.toml"
        if candidate.is_file():
            return candidate, _load_toml(candidate)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _load_toml(pyproject).get("tool", {}).get("solicite")
            if table is not None:
                return pyproject, table
    return None, {}


def user_config_path() -> Path:
    """Where the user's own solicite.toml lives (platformdirs)."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("solicite")) / "solicite.toml"


def load_settings(cwd: Path | None = None, env: dict[str, str] | None = None) -> Settings:
    """Read the configuration files and environment and return the merged Settings."""
    cwd = cwd or Path.cwd()
    env = os.environ if env is None else env
    tables: dict[str, Any] = {}
    files: list[Path] = []
    user = Path(env["SOLICITE_CONFIG"]) if env.get("SOLICITE_CONFIG") else user_config_path()
    if user.is_file():
        tables = _merge(tables, _load_toml(user))
        files.append(user)
    project_path, project = _project_config(cwd)
    if project_path:
        tables = _merge(tables, project)
        files.append(project_path)
    library: Path | None = None
    if "library" in tables:
        base = project_path.parent if project_path and "library" in project else (files[0].parent if files else cwd)
        library = (base / str(tables.pop("library"))).resolve()
    if env.get("SOLICITE_LIBRARY"):
        library = Path(env["SOLICITE_LIBRARY"])
    if library is None:
        root = project_path.parent if project_path else cwd
        for folder in (root, cwd):
            if (folder / DEFAULT_LIBRARY).is_file():
                library = folder / DEFAULT_LIBRARY
                break
    return Settings(library=library, tables=tables, files=files)


def _merge(base: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in top.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out
