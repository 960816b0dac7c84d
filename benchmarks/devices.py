"""The room's devices as HTTP clients: tablets and phones that join and autosave, and the screens'
live streams (boards, tablets), read as their bytes arrive.

Every device is its own httpx.AsyncClient, so it has its own cookie jar, as a phone has; they
all run in one asyncio loop in the driver process.
"""

import asyncio
import contextlib
import html
import json
import re
import ssl
from time import perf_counter

import httpx

from benchmarks.wire import BROWSER_HEADERS, boundary, multipart

# One TLS context for every client: httpx would otherwise load the CA bundle once per client.
_TLS = ssl.create_default_context()
VERSION = re.compile(r'data-state="(\w+)" data-version="(\d+)"')


def http_client(base_url: str, connections: int = 6) -> httpx.AsyncClient:
    """A browser-like client: its headers, its 6 connections per host, keep-alive."""
    return httpx.AsyncClient(
        base_url=base_url,
        headers={**BROWSER_HEADERS, "Origin": base_url},
        verify=_TLS,
        trust_env=False,  # never through a proxy: the server is on 127.0.0.1
        timeout=httpx.Timeout(30.0, connect=10.0),
        limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections),
    )


def wire_size(response: httpx.Response, with_request: bool = False) -> int:
    """Bytes a response took on the wire (status line, headers, body as sent: compressed).

    With with_request, the request's bytes are added: the whole round trip.
    """
    size = len(f"HTTP/1.1 {response.status_code} {response.reason_phrase}\r\n") + 2
    size += sum(len(k) + len(v) + 4 for k, v in response.headers.raw)
    size += response.num_bytes_downloaded
    if with_request:
        request = response.request
        size += len(f"{request.method} {request.url.raw_path.decode()} HTTP/1.1\r\n") + 2
        size += sum(len(k) + len(v) + 4 for k, v in request.headers.raw)
        size += len(request.content)
    return size


class Device:
    """A tablet (kind "g") or a phone (kind "p") that has joined a session and autosaves."""

    def __init__(self, base_url: str, code: str, kind: str, label: str) -> None:
        self.http = http_client(base_url)
        self.code = code
        self.kind = kind
        self.label = label
        self.page = f"/s/{code}/groep" if kind == "g" else f"/s/{code}/oogst"
        self.save_url = f"{self.page}/veld"
        self.mark = boundary()
        self.versions: dict[str, int] = {}
        self.confirmed: dict[str, str] = {}  # key -> the last value the server confirmed
        self.unanswered: dict[str, list[str]] = {}  # values sent since then without an answer
        self.shared: set[str] = set()
        self.retries = 0

    async def post(self, url: str, **kwargs) -> httpx.Response:
        """POST as a browser does: a request that fails on a kept-alive connection the server
        was closing at that moment (uvicorn closes idle ones after 5 s) is sent once more."""
        try:
            return await self.http.post(url, **kwargs)
        except (httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError):
            self.retries += 1
            return await self.http.post(url, **kwargs)

    async def join_table(self, table_code: str) -> httpx.Response:
        """Link the tablet with its table card's code; the browser follows to the tablet page."""
        response = await self.http.post(f"/t/{table_code}", follow_redirects=True)
        response.raise_for_status()
        if response.url.path != self.page:
            raise RuntimeError(f"joining table {table_code} ended on {response.url}")
        return response

    async def join_participant(self, name: str) -> httpx.Response:
        response = await self.http.post(
            f"/j/{self.code}/deelnemer", data={"name": name}, follow_redirects=True
        )
        response.raise_for_status()
        if response.url.path != self.page:
            raise RuntimeError(f"joining as {name!r} ended on {response.url}")
        return response

    def cookie(self) -> str:
        return self.http.cookies["opdenksessie"]

    async def save(self, key: str, value: str) -> httpx.Response:
        """One autosave as app.js sends it: FormData with key, value and the version it saw."""
        fields = {"key": key, "value": value, "version": str(self.versions.get(key, 0))}
        body, content_type = multipart(fields, self.mark)
        self.unanswered.setdefault(key, []).append(value)
        response = await self.post(
            self.save_url,
            content=body,
            headers={"Content-Type": content_type, "HX-Request": "true", "Referer": self.page},
        )
        found = VERSION.search(response.text)
        if response.status_code == 200 and found and found.group(1) == "saved":
            self.versions[key] = int(found.group(2))
            self.confirmed[key] = value
            self.unanswered.pop(key, None)
        return response

    async def share(self, key: str) -> httpx.Response:
        """The phone's 'Deel anoniem met de zaal' button (an htmx POST of its hx-vals)."""
        response = await self.post(
            f"/s/{self.code}/oogst/delen",
            data={"key": key, "shared": "1"},
            headers={"HX-Request": "true", "Referer": self.page},
        )
        if response.status_code == 200 and "Gedeeld met de zaal" in response.text:
            self.shared.add(key)
        return response

    def acceptable(self, key: str) -> set[str]:
        """Values the server may hold for key: the last confirmed one, or one sent after it
        whose answer never came (a timed-out request may still have been saved)."""
        values = set(self.unanswered.get(key, []))
        if key in self.confirmed or not values:
            values.add(self.confirmed.get(key, ""))
        return values

    async def close(self) -> None:
        await self.http.aclose()


class EventStream:
    """A screen's live connection (GET text/event-stream), read as its bytes arrive.

    For the fan-out figure it watches for one marker in the raw bytes and notes when it came;
    with parse=True it also splits the stream into events, keeping a board's last message and
    the (key, version) of every `field` event a tablet heard.
    """

    def __init__(self, http: httpx.AsyncClient, path: str, parse: bool = False) -> None:
        self.http = http
        self.path = path
        self.parse = parse
        self.connected = asyncio.Event()
        self.status = 0
        self.received = 0  # bytes
        self.first_message = 0  # bytes up to the end of the first event
        self.drops = 0  # times the stream ended before we stopped reading (then: reconnect)
        self.error = ""
        self.expect: bytes = b""
        self.arrived: float | None = None
        self.last_data = ""  # the data of the last unnamed message (a board's whole state)
        self.fields: set[tuple[str, int]] = set()
        self.messages = 0  # unnamed messages (a board's updates), the opening state included
        self._tail = b""
        self._buffer = b""
        self._task: asyncio.Task | None = None

    def start(self) -> "EventStream":
        self._task = asyncio.create_task(self._run())
        return self

    def watch(self, marker: bytes) -> None:
        self.expect, self.arrived, self._tail = marker, None, b""

    async def _run(self) -> None:
        """Read the stream; when the server ends it, reconnect after 0.5 s as htmx's hx-sse does
        (a new stream opens with the whole current state). Bounded: at most 20 reconnects."""
        headers = {"Accept": "text/event-stream", "Cache-Control": "no-cache"}
        while True:
            try:
                async with self.http.stream("GET", self.path, headers=headers) as response:
                    self.status = response.status_code
                    async for chunk in response.aiter_raw():
                        self._chunk(chunk, perf_counter())
            except asyncio.CancelledError:
                raise
            except Exception as error:  # noqa: BLE001 - any failure is a figure, not a crash
                self.error = f"{type(error).__name__}: {error}"
            self.drops += 1
            self.connected.set()
            if self.status != 200 or self.drops > 20:
                return
            self._buffer = b""
            await asyncio.sleep(0.5)

    @property
    def ended(self) -> bool:
        return self.drops > 0

    def _chunk(self, chunk: bytes, now: float) -> None:
        self.received += len(chunk)
        if self.expect and self.arrived is None:
            window = self._tail + chunk
            if self.expect in window:
                self.arrived = now
            self._tail = window[-len(self.expect) :]
        if not self.connected.is_set() or self.parse:
            self._buffer += chunk
            while b"\n\n" in self._buffer:
                block, self._buffer = self._buffer.split(b"\n\n", 1)
                if not self.connected.is_set():
                    self.first_message = self.received - len(self._buffer)
                    self.connected.set()
                if self.parse:
                    self._event(block.decode())
            if not self.parse and self.connected.is_set():
                self._buffer = b""

    def _event(self, block: str) -> None:
        name, data = "", []
        for line in block.split("\n"):
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                data.append(line[6:])
        if not data:
            return  # a keep-alive comment
        if name == "field":
            payload = json.loads("\n".join(data))
            self.fields.add((payload["key"], payload["version"]))
        elif not name:
            self.messages += 1
            self.last_data = "\n".join(data)

    async def stop(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task


# ---- what a board shows ------------------------------------------------------------------------
TILE = re.compile(r'<article class="tile[^"]*" id="tile-(\d+)">(.*?)</article>', re.S)
INSIGHT = re.compile(r'<p class="insight[^"]*">(?:★ )?“(.*?)”</p>', re.S)
PARTICIPANTS = re.compile(r'<strong id="participant-count">(\d+)</strong>')
JOINED = re.compile(r'<p class="stats"><strong>(\d+)</strong>/(\d+) groepen')
QUOTES = re.compile(r'<ul class="quotes">(.*?)</ul>', re.S)
CLOUD = re.compile(r'<ul class="cloud">(.*?)</ul>', re.S)
ITEM = re.compile(r"<li[^>]*>(.*?)</li>", re.S)
MULTIPLE = re.compile(r" <span>×\d+</span>$")


def board_figures(page: str) -> dict:
    """The figures a board shows, read from its HTML (the page or a live message)."""
    joined = JOINED.search(page)
    participants = PARTICIPANTS.search(page)
    quotes = QUOTES.search(page)
    cloud = CLOUD.search(page)
    return {
        "tiles": {
            int(group): [html.unescape(t) for t in INSIGHT.findall(body)]
            for group, body in TILE.findall(page)
        },
        "participants": int(participants.group(1)) if participants else None,
        "joined_groups": int(joined.group(1)) if joined else None,
        "groups": int(joined.group(2)) if joined else None,
        "quotes": [html.unescape(q) for q in ITEM.findall(quotes.group(1))] if quotes else [],
        "partners": [html.unescape(MULTIPLE.sub("", p)) for p in ITEM.findall(cloud.group(1))]
        if cloud
        else [],
    }
