"""In-process publish/subscribe for server-sent events: one queue per connected screen.

Topics are strings such as "board:12" (everyone watching session 12's harvest) or "group:7"
(the tablets of group 7). Messages are already-formatted SSE frames, rendered once per event
and put on every subscriber's queue, so 300 screens cost one render, not 300.
"""

import asyncio
import logging
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Callable

log = logging.getLogger("opdenksessie.live")

QUEUE_LIMIT = 100  # a screen this far behind is dropped; it reconnects and gets the full state


def frame(data: str = "", event: str | None = None) -> str:
    """One SSE message; multi-line data becomes several data: lines."""
    lines = [f"event: {event}"] if event else []
    lines += [f"data: {line}" for line in data.split("\n")]
    return "\n".join(lines) + "\n\n"


class Broker:
    def __init__(self, throttle_seconds: float = 0.15) -> None:
        self._subscribers: dict[str, set[asyncio.Queue[str | None]]] = defaultdict(set)
        self._throttle = throttle_seconds
        self._last_render: dict[tuple[str, str], float] = {}
        self._pending: dict[tuple[str, str], asyncio.TimerHandle] = {}
        self._rendering: set[tuple[str, str]] = set()
        self._dirty: dict[tuple[str, str], float] = {}  # changed while rendering: slower factor
        self._loop: asyncio.AbstractEventLoop | None = None

    def subscriber_count(self, topic: str) -> int:
        return len(self._subscribers.get(topic, ()))

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        """Remember the server's event loop, so routes running in worker threads can publish."""
        self._loop = loop

    def _on_loop(self, function: Callable, *args) -> bool:
        """Run function on the event loop from a worker thread; False when already on the loop."""
        try:
            asyncio.get_running_loop()
            return False
        except RuntimeError:
            self._loop.call_soon_threadsafe(function, *args)
            return True

    def publish(self, topic: str, message: str) -> None:
        if self._on_loop(self.publish, topic, message):
            return
        for queue in list(self._subscribers.get(topic, ())):
            try:
                queue.put_nowait(message)
            except asyncio.QueueFull:
                # Cut off a screen that stopped reading: its stream ends and it reconnects.
                self._subscribers[topic].discard(queue)
                queue.get_nowait()
                queue.put_nowait(None)

    def publish_soon(
        self, topic: str, render: Callable[[], str], view: str = "", slower: float = 1.0
    ) -> None:
        """Publish render() on topic, at most once per throttle interval per (topic, view).

        The first change after a quiet moment goes out at once; changes that follow within the
        interval are folded into one render at its end, which then shows all of them. `slower`
        stretches the interval for views that need not be as quick as the board.
        """
        if self._on_loop(self.publish_soon, topic, render, view, slower):
            return
        slot = (topic, view)
        if slot in self._rendering:
            self._dirty[slot] = slower  # render once more when this one is out
            return
        if slot in self._pending or not self._subscribers.get(topic):
            return
        loop = asyncio.get_running_loop()
        wait = self._last_render.get(slot, 0.0) + self._throttle * slower - time.monotonic()
        self._pending[slot] = loop.call_later(max(wait, 0.0), self._render, slot, render)

    def _render(self, slot: tuple[str, str], render: Callable[[], str]) -> None:
        """Render in a worker thread: reading the harvest and filling the template can take
        milliseconds, and the event loop must keep answering saves meanwhile."""
        self._pending.pop(slot, None)
        self._last_render[slot] = time.monotonic()
        if not self._subscribers.get(slot[0]):
            return
        self._rendering.add(slot)
        rendered = asyncio.get_running_loop().run_in_executor(None, render)
        rendered.add_done_callback(lambda done: self._rendered(slot, render, done))

    def _rendered(self, slot: tuple[str, str], render: Callable[[], str], done) -> None:
        self._rendering.discard(slot)
        if done.exception() is None:
            self.publish(slot[0], done.result())
        else:
            log.error("live render of %s failed", slot[0], exc_info=done.exception())
        if slot in self._dirty:
            self.publish_soon(slot[0], render, slot[1], self._dirty.pop(slot))

    async def stream(
        self, topics: list[str], first: Callable[[], str] | None = None, keepalive: float = 15.0
    ) -> AsyncIterator[str]:
        """Yield SSE frames for topics until the client goes away.

        `first()` renders the current state; it is called only after subscribing, so a change
        made while the screen connects is either in that state or in a message that follows.
        """
        queue: asyncio.Queue[str | None] = asyncio.Queue(QUEUE_LIMIT)
        for topic in topics:
            self._subscribers[topic].add(queue)
        try:
            if first is not None:
                yield first()
            while True:
                try:
                    message = await asyncio.wait_for(queue.get(), keepalive)
                except TimeoutError:
                    yield ": keepalive\n\n"
                    continue
                if message is None:
                    return
                yield message
        finally:
            for topic in topics:
                self._subscribers[topic].discard(queue)
                if not self._subscribers[topic]:
                    del self._subscribers[topic]
