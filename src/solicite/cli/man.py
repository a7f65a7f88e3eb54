"""``solicite man``: the manual page in roff, generated from the click commands so it cannot drift."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

import click

from solicite.cli.context import Env, pass_env


def _roff(text: str) -> str:
    """Escape text for roff: backslashes, and a leading dot or quote that would read as a request."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\n".join("\\&" + line if line[:1] in (".", "'") else line for line in text.splitlines())


def _paragraphs(help_text: str) -> list[str]:
    """Help text as roff paragraphs; click's \\b blocks (examples) stay verbatim."""
    out = []
    for block in click.unstyle(help_text or "").split("\n\n"):
        block = block.strip("\n")
        if block.startswith("\b"):
            out.append(".nf\n" + _roff(block.lstrip("\b").strip("\n")) + "\n.fi")
        elif block.strip():
            out.append(".PP\n" + _roff(" ".join(block.split())))
    return out


def _options(ctx: click.Context, command: click.Command) -> list[str]:
    lines = []
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record:
            lines += [".TP", "\\fB" + _roff(record[0]) + "\\fR", _roff(record[1] or "")]
    return lines


def manual(group: click.Group, ctx: click.Context) -> str:
    """The whole manual page of ``group`` (section 1) as roff text."""
    try:
        release = version("solicite")
    except PackageNotFoundError:  # a source tree that was never installed
        release = "unknown"
    lines = [f'.TH SOLICITE 1 "" "solicite {release}" "User Commands"', ".SH NAME",
             "solicite \\- " + _roff(group.get_short_help_str(200)), ".SH SYNOPSIS",
             "\\fBsolicite\\fR [\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]...", ".SH DESCRIPTION"]
    lines += _paragraphs(group.help or "")
    lines += [".SH OPTIONS"] + _options(ctx, group) + [".SH COMMANDS"]
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is None:
            continue
        sub = click.Context(command, info_name=name, parent=ctx)
        usage = " ".join(command.collect_usage_pieces(sub))
        lines += [".SS " + _roff(f"solicite {name} {usage}".strip())] + _paragraphs(command.help or "")
        lines += _options(sub, command)
    return "\n".join(lines) + "\n"


@click.command("man")
@pass_env
def man_cmd(env: Env) -> None:
    """Print the manual page as roff (view it with: solicite man | man -l -)."""
    ctx = click.get_current_context()
    root = ctx.find_root()
    assert isinstance(root.command, click.Group)  # man is a command of the solicite group
    env.out(manual(root.command, root).rstrip("\n"))
