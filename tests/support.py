"""Test helpers: a uvicorn server in a thread, and one in a subprocess that can be restarted."""

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from app.main import create_app
from app.settings import PROJECT_ROOT, Settings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_healthy(url: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"server at {url} did not become healthy")


class ServerThread:
    """uvicorn running create_app(settings) in a thread; `url` is its address."""

    def __init__(self, settings: Settings) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.app = create_app(settings)
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    @property
    def context(self):
        return self.app.state.context

    def __enter__(self) -> "ServerThread":
        self._thread.start()
        wait_until_healthy(self.url)
        return self

    def __exit__(self, *exc) -> None:
        self._server.should_exit = True
        self._server.force_exit = True
        self._thread.join(timeout=10)


class ServerProcess:
    """The app as a user starts it: `uvicorn app.main:create_app --factory` in its own process.

    It can be killed and started again on the same port, database and secret, as a server
    restart in the middle of a session.
    """

    def __init__(self, database_url: str, data_dir: Path, demo: bool = False) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "OPD_DATA_DIR": str(data_dir),
            "OPD_SECRET_KEY": "browser-test-secret",
            "OPD_DEMO_SESSION": "true" if demo else "false",
            "OPD_BOARD_THROTTLE_MS": "50",
        }
        self.log = data_dir / "server.log"
        self._process: subprocess.Popen | None = None

    def start(self) -> "ServerProcess":
        command = [
            sys.executable,
            "-m",
            "uvicorn",
            "app.main:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
        ]
        with open(self.log, "a") as log:
            self._process = subprocess.Popen(
                command, cwd=PROJECT_ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        wait_until_healthy(self.url)
        return self

    def stop(self) -> None:
        if self._process and self._process.poll() is None:
            self._process.kill()
            self._process.wait(timeout=10)

    def restart(self) -> None:
        self.stop()
        self.start()
