"""``solicite parse``: free-text reference lists (text, Markdown, HTML) to BibTeX, CSL-JSON or JSON."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import click

from solicite.cli.context import Env, ProgressBar, pass_env
from solicite.errors import ExitCode, InputError, UsageError
from solicite.model import Diagnostic, Reference

FORMATS = ("bibtex", "csl-json", "json")
_MAX_WARNINGS = 20  # more would bury the output; the JSON output has every diagnostic


@click.command("parse")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write to FILE instead of standard output (-); saved atomically, the old file kept as .bak.")
@click.option("--add", "add", is_flag=True, help="Append the entries to the library (keys made unique; entries it "
              "already holds are skipped with a note).")
@click.option("--allow-duplicates", is_flag=True, help="With --add: add entries the library already holds, too.")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format (default: bibtex; json with the global --json).")
@click.option("--one-per-line", is_flag=True, help="Each non-blank line is one reference (no sections, no splitting).")
@click.option("--input-format", type=click.Choice(["auto", "text", "markdown", "html"]), default="auto",
              show_default=True, help="How to read INPUT (auto: from the file name, then the content).")
@pass_env
def parse_cmd(env: Env, inputs: tuple[str, ...], output: str | None, add: bool, allow_duplicates: bool, fmt: str | None,
              one_per_line: bool, input_format: str) -> int:
    """Parse free-text reference lists into BibTeX.

    INPUT is a text, Markdown or HTML file, or - for standard input. Every reference gives
    one entry, in input order; the show-notes section goes in `keywords`, a lost link in
    `lostlink`. A reference that cannot be parsed is kept as @misc with its text in `note`.

    Exit status: 0 ok, 1 some references could not be parsed (or none were found),
    2 usage error, 3 unreadable input.
    """
    from solicite.bibfile.output import is_stdout
    from solicite.parse import UNPARSED_CODES

    if is_stdout(output):
        output = None
    if add and output:
        raise UsageError("--add and -o/--output cannot be used together", hint="--add writes into the library; -o writes a new file")
    if add and fmt not in (None, "bibtex"):
        raise UsageError(f"--add writes BibTeX into the library, not {fmt}", hint="drop --format, or use -o FILE")
    if inputs.count("-") > 1:
        raise UsageError("standard input (-) can be read only once")
    fmt = fmt or ("json" if env.json_output and not add else "bibtex")

    references, diagnostics = _parse_inputs(env, inputs, None if input_format == "auto" else input_format, one_per_line)
    problems = not references or any(d.code in UNPARSED_CODES for d in diagnostics)
    if add:
        _add_to_library(env, references, diagnostics, allow_duplicates)
    else:
        from solicite.keys import assign_keys

        _write_references(env, assign_keys(references), diagnostics, fmt, output)
    return int(ExitCode.FINDINGS) if problems else 0


def _parse_inputs(env: Env, inputs: tuple[str, ...], input_format: str | None,
                  one_per_line: bool) -> tuple[list[Reference], list[Diagnostic]]:
    """Parse every INPUT in turn; warn about the first warnings and inputs with no references."""
    from solicite.parse import parse_text

    references: list[Reference] = []
    diagnostics: list[Diagnostic] = []
    for name in inputs:
        text = _read_input(name)
        if _BIBTEX_HEAD.match(text):
            shown = name if name != "-" else "FILE"
            raise InputError("is BibTeX already, not a list of references to parse", path=name,
                             hint=f"add it with `solicite add {shown}` or `solicite import {shown}`")
        with _LazyBar(env, f"parsing {name}") as bar:
            result = parse_text(text, source=name, fmt=input_format, one_per_line=one_per_line, progress=bar.update)
        if not result.references:
            env.warn(f"{name}: no references found")
        references.extend(result.references)
        diagnostics.extend(result.diagnostics)
    warnings = [d for d in diagnostics if d.severity in ("warning", "error")]
    for d in warnings[:_MAX_WARNINGS]:
        env.warn(f"{d.location()}: {d.message}")
    if len(warnings) > _MAX_WARNINGS:
        env.warn(f"... and {len(warnings) - _MAX_WARNINGS} more warnings (--format json lists them all)")
    return references, diagnostics


def _add_to_library(env: Env, references: list[Reference], diagnostics: list[Diagnostic],
                    allow_duplicates: bool) -> None:
    """--add: merge the references into the library (keys made unique, entries it holds skipped) and save."""
    from solicite.cli.library import open_library
    from solicite.duplicates import merge_into

    lib = open_library(env, create=True, write=True)
    merge = merge_into(lib, references, allow_duplicates=allow_duplicates)
    for skipped in merge.skipped:
        env.warn(skipped.note())
    if merge.added:
        lib.save()
    keys = [key for _, key in merge.added]
    if env.json_output:
        env.emit_json({"library": str(lib.path), "added": keys,
                       "duplicates": [{"line": s.ref.line, "duplicate_of": s.duplicate_of, "by": s.by.value}
                                      for s in merge.skipped],
                       "diagnostics": [d.as_dict() for d in diagnostics if d.severity != "info"]})
    else:
        env.info(f"added {len(keys)} entr{'y' if len(keys) == 1 else 'ies'} to {lib.path}"
                 + (f"; {len(merge.skipped)} already there, not added" if merge.skipped else ""))


def _write_references(env: Env, references: list[Reference], diagnostics: list[Diagnostic], fmt: str,
                      output: str | None) -> None:
    """Write the keyed references as BibTeX, CSL-JSON or JSON, to output or standard output."""
    from solicite.cli.library import write_result

    if fmt == "bibtex":
        from solicite import bibfile

        if output:
            lib = bibfile.loads("", source=str(output))
            for ref in references:
                lib.add(ref)
            lib.save(output)  # atomic, checked, the old file kept as .bak
            env.info(f"wrote {len(references)} entries to {output}")
        else:
            # The same canonical text the library writer gives, without re-reading each entry.
            write_result(env, None, "\n\n".join(bibfile.format_entry(ref) for ref in references) + ("\n" if references else ""))
        return
    data: list[dict] | dict[str, list[dict]]
    if fmt == "csl-json":
        data = to_csl_items(references)
    else:
        data = {"references": [r.as_dict(with_raw=True) for r in references],
                "diagnostics": [d.as_dict() for d in diagnostics]}
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    write_result(env, output, text, backup=True)
    if output:
        env.info(f"wrote {len(references)} entries to {output}")


class _LazyBar:
    """A progress bar opened at the first report, when the number of references is known."""

    def __init__(self, env: Env, description: str) -> None:
        self.env, self.description = env, description
        self._bar: ProgressBar | None = None
        self._done = 0

    def update(self, done: int, total: int) -> None:
        if self._bar is None:
            self._bar = self.env.progress(total, self.description).__enter__()
        self._bar.advance(done - self._done)
        self._done = done

    def __enter__(self) -> "_LazyBar":
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)


# A BibTeX file starts, after blank lines and % comments, with an entry: "@article{key," or "@string{".
_BIBTEX_HEAD = re.compile(r"\A(?:\s*%[^\n]*\n|\s)*@\s*[A-Za-z]+\s*[{(]\s*[^\s,{}()]*\s*[,=]")


def _read_input(name: str) -> str:
    """The text of one INPUT (``-`` is standard input); unreadable input is an InputError."""
    if name == "-":
        stream = sys.stdin
        data = stream.buffer.read() if hasattr(stream, "buffer") else stream.read().encode("utf-8")
    else:
        path = Path(name)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise InputError("no such file", path=name, hint="check the path, or pass - to read standard input") from None
        except IsADirectoryError:
            raise InputError("is a folder, not a file", path=name, hint="name the text, Markdown or HTML file inside it") from None
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror}", path=name) from None
    if b"\x00" in data[:8192]:
        raise InputError("looks like a binary file, not text", path=name,
                         hint="give a text, Markdown or HTML file (convert PDF or Word files to text first)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError("is not UTF-8 text", path=name, line=line,
                         hint="convert it, e.g. `iconv -f latin1 -t utf-8`") from None


def to_csl_items(references: list[Reference]) -> list[dict]:
    """CSL-JSON items in input order: the section in ``keyword``, the raw reference text in ``note``."""
    from solicite.export.csljson import to_csl
    from solicite.codec import to_unicode

    items = []
    for ref in references:
        item = to_csl(ref)
        if ref.keywords:
            item["keyword"] = ", ".join(to_unicode(k) for k in ref.keywords)
        if ref.raw:
            item["note"] = " ".join(ref.raw.split())
        items.append(item)
    return items
