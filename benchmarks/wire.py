"""What goes over the wire: a browser's headers and form encoding, and a lean keep-alive client.

The devices of the simulated room are httpx clients. For the request-rate comparison this
module's WireConnection is used instead, for both endpoints alike: on this 2-core machine an
httpx AsyncClient spends about 1 ms of CPU per request and, with 50 requests in flight, reached
under 300 req/s against the reference endpoint; it would have measured itself, not the server.
WireConnection is plain HTTP/1.1 over one asyncio stream per connection, keep-alive, one
request in flight per connection, as a browser tab does.
"""

import asyncio
import contextlib
import secrets

USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; SM-X210) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/142.0.0.0 Safari/537.36"
)

# What Chromium sends with app.js's fetch() of an autosave, less Host, Origin, Referer, Cookie
# and the body's headers, which depend on the request.
BROWSER_HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "*/*",
    "Accept-Language": "nl-NL,nl;q=0.9,en-US;q=0.8,en;q=0.7",
    "Accept-Encoding": "gzip, deflate, br, zstd",
    "sec-ch-ua": '"Chromium";v="142", "Not_A Brand";v="99"',
    "sec-ch-ua-mobile": "?1",
    "sec-ch-ua-platform": '"Android"',
    "Sec-Fetch-Site": "same-origin",
    "Sec-Fetch-Mode": "cors",
    "Sec-Fetch-Dest": "empty",
}


def boundary() -> str:
    """A boundary in the form Chromium gives a FormData body."""
    return "----WebKitFormBoundary" + secrets.token_urlsafe(12)[:16]


def multipart(fields: dict[str, str], mark: str) -> tuple[bytes, str]:
    """The body and content type of a FormData POST, as app.js sends an autosave."""
    parts = [
        f'--{mark}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields.items()
    ]
    parts.append(f"--{mark}--\r\n")
    return "".join(parts).encode(), f"multipart/form-data; boundary={mark}"


class WireConnection:
    """One keep-alive HTTP/1.1 connection that sends requests one after another."""

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def _open(self) -> None:
        self._reader, self._writer = await asyncio.open_connection(self.host, self.port)

    def head(self, method: str, path: str, headers: dict[str, str]) -> bytes:
        """The request line and headers, less Content-Length, prepared once per kind of request."""
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        return ("\r\n".join(lines) + "\r\n").encode()

    async def request(self, head: bytes, body: bytes) -> tuple[int, bytes]:
        if self._writer is None:
            await self._open()
        self._writer.write(head + b"Content-Length: %d\r\n\r\n" % len(body) + body)
        reader = self._reader
        raw = await reader.readuntil(b"\r\n\r\n")
        status = int(raw[9:12])
        lowered = raw.lower()
        if b"transfer-encoding: chunked" in lowered:
            chunks = []
            while True:
                size = int((await reader.readuntil(b"\r\n"))[:-2].split(b";")[0], 16)
                chunk = await reader.readexactly(size + 2)
                if size == 0:
                    break
                chunks.append(chunk[:-2])
            content = b"".join(chunks)
        else:
            at = lowered.find(b"content-length:")
            length = int(lowered[at + 15 : lowered.index(b"\r\n", at)]) if at >= 0 else 0
            content = await reader.readexactly(length)
        if b"connection: close" in lowered:
            await self.close()
        return status, content

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            with contextlib.suppress(OSError):
                await self._writer.wait_closed()
        self._reader = self._writer = None
