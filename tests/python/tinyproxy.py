"""A real proxy for the proxy tests: tinyproxy (installed by scripts/setup-system.sh), started
on a free port of 127.0.0.1 and stopped by the test; its log tells what it carried."""

from __future__ import annotations

import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Tinyproxy:
    def __init__(self, extra: str = "") -> None:
        self.port = free_port()
        self._dir = tempfile.TemporaryDirectory(prefix="sessionlink-tinyproxy-")
        allow = "" if "Allow " in extra else "Allow 127.0.0.1\n"
        config = Path(self._dir.name) / "tinyproxy.conf"
        config.write_text(
            f"Port {self.port}\nListen 127.0.0.1\nTimeout 30\nMaxClients 32\nLogLevel Info\n{allow}{extra}\n"
        )
        self._lines: list[str] = []
        self._changed = threading.Condition()
        self._process = subprocess.Popen(
            ["tinyproxy", "-d", "-c", str(config)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for_line("Accepting connections")

    def _read(self) -> None:
        assert self._process.stdout is not None
        for line in self._process.stdout:
            with self._changed:
                self._lines.append(line)
                self._changed.notify_all()

    def url(self, user: str | None = None, password: str | None = None) -> str:
        credentials = f"{user}:{password}@" if user is not None else ""
        return f"http://{credentials}127.0.0.1:{self.port}"

    def wait_for_line(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for line in self._lines:
                    if text in line:
                        return line
                left = deadline - time.monotonic()
                assert left > 0, f"tinyproxy never logged {text!r}:\n{''.join(self._lines)}"
                self._changed.wait(left)

    def close(self) -> None:
        self._process.kill()
        self._process.wait()
        if self._process.stdout is not None:
            self._process.stdout.close()
        self._dir.cleanup()

    def __enter__(self) -> Tinyproxy:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()
