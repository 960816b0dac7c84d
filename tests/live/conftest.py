"""Live fixtures: the room of tests/web, and screens that listen to server-sent events."""

import asyncio
import contextlib
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import httpx
import pytest

from tests.web.flows import Device, room

__all__ = ["room", "listen"]

WAIT = 10.0  # generous: a live update normally arrives in well under a second


@dataclass(frozen=True)
class Message:
    event: str
    data: str


class EventStream:
    """A screen with an open EventSource: reads the stream in the background, like a browser."""

    def __init__(self, base_url: str, path: str, cookies: httpx.Cookies) -> None:
        self.path = path
        self.status: int | None = None
        self.messages: queue.Queue[Message] = queue.Queue()
        self._base_url, self._cookies = base_url, cookies
        self._opened = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task | None = None
        self._thread = threading.Thread(target=asyncio.run, args=(self._read(),), daemon=True)

    def open(self) -> "EventStream":
        self._thread.start()
        assert self._opened.wait(WAIT), f"{self.path} did not answer"
        return self

    async def _read(self) -> None:
        self._loop, self._task = asyncio.get_running_loop(), asyncio.current_task()
        timeout = httpx.Timeout(WAIT, read=None)
        try:
            async with (
                httpx.AsyncClient(
                    base_url=self._base_url, cookies=self._cookies, timeout=timeout
                ) as client,
                client.stream("GET", self.path) as response,
            ):
                self.status = response.status_code
                self._opened.set()
                event, data = "message", []
                async for line in response.aiter_lines():
                    if line == "" and data:
                        self.messages.put(Message(event, "\n".join(data)))
                        event, data = "message", []
                    elif line.startswith("event:"):
                        event = line.removeprefix("event:").strip()
                    elif line.startswith("data:"):
                        data.append(line.removeprefix("data:").removeprefix(" "))
        except (asyncio.CancelledError, httpx.HTTPError):
            pass
        finally:
            self._opened.set()

    def first(self) -> Message:
        return self.wait_for(lambda message: True)

    def wait_for(self, matches: Callable[[Message], bool]) -> Message:
        """The next message that matches, skipping others; fails after WAIT seconds."""
        deadline = time.monotonic() + WAIT
        seen = []
        while (left := deadline - time.monotonic()) > 0:
            try:
                message = self.messages.get(timeout=left)
            except queue.Empty:
                break
            if matches(message):
                return message
            seen.append(message)
        raise AssertionError(f"no matching message on {self.path}; got {seen!r}"[:2000])

    def wait_for_text(self, text: str, event: str = "message") -> Message:
        return self.wait_for(lambda m: m.event == event and text in m.data)

    def received_so_far(self, settle: float = 0.3) -> list[Message]:
        """Every message not yet looked at, after a moment for stragglers to arrive."""
        time.sleep(settle)
        messages = []
        while not self.messages.empty():
            messages.append(self.messages.get())
        return messages

    def close(self) -> None:
        if self._loop and self._task and not self._loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the stream had already ended
                self._loop.call_soon_threadsafe(self._task.cancel)
        self._thread.join(WAIT)


@pytest.fixture
def listen(room) -> Iterator[Callable[..., EventStream]]:
    """Open an event stream as `device` (a fresh one by default) would: listen(path, device)."""
    streams: list[EventStream] = []

    def listen(path: str, device: Device | None = None) -> EventStream:
        cookies = (device or room.device()).cookies
        stream = EventStream(room.server.url, path, cookies).open()
        streams.append(stream)
        return stream

    yield listen
    for stream in streams:
        stream.close()
