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
from dataclasses import MISSING, dataclass, field, fields
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, TypeVar

from solicite.bibfile.lock import DEFAULT_TIMEOUT as LOCK_WAIT
from solicite.errors import ConfigError, UsageError
from solicite.keys import DEFAULT_PATTERN

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T", bound="DataclassInstance")  # read_options reads the fields of an options dataclass

DEFAULT_LIBRARY = Path("data") / "references.bib"
# The tables a configuration file may hold, each read by ``read_options`` (the one reader of options);
# besides them, only ``library = "FILE"`` stands at the top level.
TABLES = ("check", "format", "keys", "resolve", "save")


@dataclass
class Settings:
    """Resolved settings: the library path plus one table of options per stage."""

    library: Path | None = None
    tables: dict[str, Any] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)  # config files read, for --debug and messages
    project: Path | None = None  # the project's own file (solicite.toml or pyproject.toml), if any
    project_tables: dict[str, Any] = field(default_factory=dict)  # what that file alone says

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


def cache_dir(configured: Path | None = None) -> Path:
    """The one folder of solicite's caches: the configured one, else ``SOLICITE_CACHE_DIR``, else platformdirs'.

    ``configured`` comes from the user's own config or the command line only: a project's
    solicite.toml may not choose it (see ``option(user_only=True)``), since whoever writes that
    file would choose which cache files solicite opens.
    """
    if configured:
        return Path(configured)
    if os.environ.get("SOLICITE_CACHE_DIR"):
        return Path(os.environ["SOLICITE_CACHE_DIR"])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("solicite"))


def load_settings(cwd: Path | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Read the configuration files and environment and return the merged Settings."""
    cwd = cwd or Path.cwd()
    env = os.environ if env is None else env
    tables: dict[str, Any] = {}
    files: list[Path] = []
    user = Path(env["SOLICITE_CONFIG"]) if env.get("SOLICITE_CONFIG") else user_config_path()
    if user.is_file():
        tables = _merge(tables, _checked_top(_load_toml(user), user))
        files.append(user)
    project_path, project = _project_config(cwd)
    if project_path:
        tables = _merge(tables, _checked_top(project, project_path))
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
    return Settings(library=library, tables=tables, files=files, project=project_path,
                    project_tables=project if project_path else {})


def _checked_top(top: dict[str, Any], path: Path) -> dict[str, Any]:
    """The top level of one configuration file, refused (one line, exit 2) unless it is ``library`` and known tables."""
    where = "[tool.solicite]" if path.name == "pyproject.toml" else "the top level"
    for key, value in top.items():
        if key == "library":
            if not isinstance(value, str):
                raise ConfigError(f"library must be a string (a path), not {value!r}", path=str(path))
        elif key not in TABLES:
            raise ConfigError(f"unknown {'table' if isinstance(value, dict) else 'setting'} {key!r} in {where}",
                              path=str(path), hint="known: library, " + ", ".join(f"[{t}]" for t in TABLES))
        elif not isinstance(value, dict):
            raise ConfigError(f"[{key}] must be a table, not {value!r}", path=str(path))
    return top


def _merge(base: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in top.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


# -- one typed options reader for every table -------------------------------------------------


def option(default: Any = None, *, factory: Callable[[], Any] | None = None, above: float | None = None,
           at_least: float | None = None, at_most: float | None = None, parse: Callable[[Any], Any] | None = None,
           user_only: bool = False, kind: type | None = None) -> Any:
    """A dataclass field of an options table, with its range and how a settings value is read.

    ``parse`` turns a settings value into the field's value (e.g. "5m" into 300.0) and may raise
    UsageError; ``user_only`` options are refused from a project's own file (a cloned repository
    must not choose, for instance, where solicite keeps a cache); ``kind`` is the expected type
    when the default (None) does not tell it.
    """
    meta = {"above": above, "at_least": at_least, "at_most": at_most, "parse": parse, "user_only": user_only,
            "kind": kind}
    if factory is not None:
        return field(default_factory=factory, metadata=meta)
    return field(default=default, metadata=meta)


def read_options(cls: type[T], settings: "Settings | dict[str, Any] | None", table: str, **overrides: Any) -> T:
    """Options of one stage from its ``[table]``, then the non-None ``overrides`` (command-line values).

    Keys may be written with ``-`` or ``_``; an unknown key, a wrong type or a value out of range
    is a ConfigError naming the table, the key and what is allowed (exit 2).
    """
    if table not in TABLES:
        raise ValueError(f"internal error: [{table}] is not one of config.TABLES")  # so every table is refused when unknown
    known = {f.name: f for f in fields(cls)}
    if isinstance(settings, Settings):
        values, where = settings.section(table), settings
    else:
        values, where = dict(settings or {}), None
    out: dict[str, Any] = {}
    for raw_key, value in values.items():
        key = raw_key.replace("-", "_")
        if key not in known:
            raise ConfigError(f"unknown option {raw_key!r} in [{table}]", path=_origin(where),
                              hint="known: " + ", ".join(sorted(k.replace("_", "-") for k in known)))
        f = known[key]
        if f.metadata.get("user_only") and where is not None and _from_project(where, table, raw_key):
            raise ConfigError(f"[{table}] {raw_key} is not taken from a project's own settings", path=str(where.project),
                              hint=f"set it in your user config ({user_config_path()}) or the environment; "
                                   "remove it from the project's file")
        out[key] = _check(f, value, f"[{table}] {raw_key}", ConfigError, _origin(where), parse=True)
    for key, value in overrides.items():
        if value is not None:
            # Command-line values come typed (click); only their range is left to check.
            out[key] = _check(known[key], value, "--" + key.replace("_", "-"), UsageError, None, parse=False)
    return cls(**out)


def _origin(settings: "Settings | None") -> str | None:
    return str(settings.files[-1]) if settings is not None and settings.files else None


def _from_project(settings: "Settings", table: str, key: str) -> bool:
    section = settings.project_tables.get(table)
    return isinstance(section, dict) and key in section


def _default(f) -> Any:
    if f.default is not MISSING:
        return f.default
    return f.default_factory() if f.default_factory is not MISSING else None


def _check(f, value: Any, name: str, error: type, path: str | None, *, parse: bool) -> Any:
    # Read (parse), type-check, then range-check one value; every failure is one clear line.
    meta = f.metadata
    reader = meta.get("parse") if parse else None
    if reader is not None and not isinstance(value, bool):
        try:
            value = reader(value)
        except UsageError as exc:
            raise error(f"{name}: {exc.message}", path=path, hint=exc.hint) from exc
    if value is None and _default(f) is None:
        return None
    expected = meta.get("kind") or type(_default(f))
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if expected is not type(None) and not isinstance(value, expected) or (isinstance(value, bool) and expected is not bool):
        raise error(f"{name} must be {_TYPE_NAMES.get(expected, expected.__name__)}, not {value!r}", path=path)
    for bound, test, words in (("above", lambda v, b: v > b, "above"), ("at_least", lambda v, b: v >= b, "at least"),
                               ("at_most", lambda v, b: v <= b, "at most")):
        b = meta.get(bound)
        if b is not None and not test(value, b):
            raise error(f"{name} must be {words} {b:g}, not {value!r}", path=path)
    return value


_TYPE_NAMES = {bool: "true or false", int: "a whole number", float: "a number", str: "a string", list: "a list",
               dict: "a table"}


TITLE_MODES = ("sentence-case", "as-written")


def _title_mode(value: Any) -> Any:
    if isinstance(value, str) and value not in TITLE_MODES:
        raise UsageError(f"must be {' or '.join(repr(m) for m in TITLE_MODES)}, not {value!r}")
    return value


@dataclass
class FormatSettings:
    """The ``[format]`` table: the default style and how titles are read (``titles``).

    ``titles = "sentence-case"`` (the default) reads English titles the BibTeX way, so
    sentence-case styles (APA, Harvard, Vancouver, IEEE) print them in sentence case with proper
    nouns kept; ``"as-written"`` prints them untouched. ``sentence_case = false``, the older
    switch, means ``"as-written"`` when ``titles`` is not set.
    """

    style: str = "apa"
    titles: str | None = option(None, kind=str, parse=_title_mode)
    sentence_case: bool | None = option(None, kind=bool)

    @property
    def sentence_titles(self) -> bool:
        """True unless titles are to be printed as written."""
        if self.titles is not None:
            return self.titles != "as-written"
        return self.sentence_case is not False


@dataclass
class KeysSettings:
    """The ``[keys]`` table: the pattern citation keys are made from (see ``solicite.keys``)."""

    pattern: str = DEFAULT_PATTERN


@dataclass
class SaveSettings:
    """The ``[save]`` table: how long a second writer waits for a library's lock (``SOLICITE_LOCK_TIMEOUT`` wins)."""

    lock_timeout: float = option(LOCK_WAIT, at_least=0, at_most=3600)
