"""TLS is verified unless --insecure: a self-signed loopback server is broken by default, ok with --insecure."""

from __future__ import annotations

import shutil
import ssl
import subprocess
import threading
from http.server import ThreadingHTTPServer

import pytest

from solicite.check import BROKEN, OK, Link, check_links

from .server import Handler, State


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    """An HTTPS server on 127.0.0.1 with a self-signed certificate made by the openssl tool."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make a self-signed certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True, timeout=30)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.state = State()  # type: ignore[attr-defined]
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(cert), str(key))
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_address[1]}"
    server.state.stop.set()  # type: ignore[attr-defined]
    server.shutdown()
    server.server_close()


def test_self_signed_certificate_is_broken_by_default(tls_server, make_options):
    r = check_links([Link(tls_server + "/ok")], make_options(use_cache=False, retries=0)).results[0]
    assert r.verdict == BROKEN
    assert "TLS" in r.reason


def test_insecure_skips_verification(tls_server, make_options):
    r = check_links([Link(tls_server + "/ok")], make_options(use_cache=False, retries=0, insecure=True)).results[0]
    assert r.verdict == OK
