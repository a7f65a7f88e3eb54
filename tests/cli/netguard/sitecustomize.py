"""Loaded by Python at start-up in the README examples' child processes: no name lookup leaves loopback.

Every refused name is appended to the file named by README_TEST_NETLOG, which the test reads.
"""

import os
import socket

_LOG = os.environ.get("README_TEST_NETLOG")
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}

if _LOG:
    _real_getaddrinfo = socket.getaddrinfo

    def _getaddrinfo(host, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name not in _LOOPBACK:
            with open(_LOG, "a", encoding="utf-8") as log:
                log.write(name + "\n")
            raise socket.gaierror(socket.EAI_NONAME, f"the README test may not look up {name}")
        return _real_getaddrinfo(host, *args, **kwargs)

    socket.getaddrinfo = _getaddrinfo
