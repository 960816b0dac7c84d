"""What every answer needs to be safe on a shared network: a known host, no cross-site writes,
security headers, a Secure cookie over https, and no facilitator key in the access log.

One pure-ASGI middleware, outside the session middleware, so a refused request never reaches
the session and its answer carries no Set-Cookie: a tablet's seats survive a hostile page.
"""

import ipaddress
import logging
import re
from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.settings import Settings
from app.web.errors import error_page

# No 'unsafe-inline' and no 'unsafe-eval': a script or style that someone managed to put in a
# page does not run. htmx only evaluates code for hx-on and js: values, which we do not use.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; "
    "object-src 'none'"
)
STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}

CROSS_SITE = (
    "Dit verzoek kwam van een andere website",
    "Om je apparaat te beschermen voeren we alleen verzoeken uit die van deze site zelf komen. "
    "Er is niets veranderd. Open de sessie via de link of QR-code van de facilitator.",
)
UNKNOWN_HOST = (
    "Dit adres hoort niet bij deze server",
    "Open de sessie via het adres of de QR-code van de facilitator. Beheerder: zet het adres "
    "in OPD_PUBLIC_URL of OPD_ALLOWED_HOSTS.",
)


def host_name(host: str) -> str:
    """'Example.nl:8000' -> 'example.nl', '[::1]:8000' -> '::1'."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def ip_address(name: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(name)
    except ValueError:
        return None


class SecurityMiddleware:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.allowed_hosts = {host_name(h) for h in settings.allowed_hosts.split(",") if h.strip()}
        public = urlsplit(settings.public_url or "")
        self.public_origin = f"{public.scheme}://{public.netloc}".lower() if public.netloc else ""
        self.public_host = host_name(public.netloc) if public.netloc else None
        self.always_https = public.scheme == "https"

    def host_served(self, host: str | None) -> bool:
        """OPD_PUBLIC_URL's host and the machine itself (health checks); then OPD_ALLOWED_HOSTS
        when set, else, as on a laptop, any IP address: a made-up name never becomes the join
        address."""
        if host is None:  # HTTP/1.0 without Host: the server's own address is used
            return True
        name = host_name(host)
        address = ip_address(name)
        if name in (self.public_host, "localhost") or (address and address.is_loopback):
            return True
        return name in self.allowed_hosts if self.allowed_hosts else address is not None

    def cross_site(self, method: str, headers: Headers) -> bool:
        """As Go's CrossOriginProtection: the browser's Sec-Fetch-Site, else its Origin header.
        Requests with neither (curl, scripts, old browsers' top-level forms) are not browsers'
        cross-site requests and pass."""
        if method not in STATE_CHANGING:
            return False
        fetch_site = headers.get("sec-fetch-site")
        if fetch_site:
            return fetch_site not in ("same-origin", "none")
        origin = headers.get("origin")
        if origin is None:
            return False
        origin = origin.lower()
        if self.public_origin and origin == self.public_origin:
            return False
        return urlsplit(origin).netloc != headers.get("host", "").lower()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        https = scope.get("scheme") == "https" or self.always_https
        regie = scope["path"].startswith("/regie/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                answer = MutableHeaders(scope=message)
                answer["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
                answer["X-Content-Type-Options"] = "nosniff"
                answer["X-Frame-Options"] = "DENY"
                # The facilitator's key is in the URL of every /regie/ page: never pass it on.
                answer["Referrer-Policy"] = "no-referrer" if regie else "same-origin"
                if https:
                    secure_cookies(answer)
            await send(message)

        refusal = None
        if not self.host_served(headers.get("host")):
            refusal = (400, *UNKNOWN_HOST)
        elif self.cross_site(scope["method"], headers):
            refusal = (403, *CROSS_SITE)
        if refusal:
            response = error_page(Request(scope, receive), *refusal)
            await response(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)


def secure_cookies(headers: MutableHeaders) -> None:
    cookies = headers.getlist("set-cookie")
    if not cookies:
        return
    del headers["set-cookie"]
    for cookie in cookies:
        secure = "; secure" in cookie.lower()
        headers.append("set-cookie", cookie if secure else f"{cookie}; secure")


# ---- the logs ---------------------------------------------------------------------------------

REGIE_KEY = re.compile(r"(/regie/)[^/?#\s\"]+")


def redact(text: str) -> str:
    """'/regie/abc123/export.json' -> '/regie/…/export.json': a log reader is no facilitator."""
    return REGIE_KEY.sub(r"\1…", text)


class RedactFacilitatorKeys(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        return True


LOG_FILTER = RedactFacilitatorKeys()


def redact_logs() -> None:
    """uvicorn's access log and our own error log (which names the path) show no facilitator key."""
    for name in ("uvicorn.access", "opdenksessie"):
        # One filter object: adding it again (each create_app) is a no-op.
        logging.getLogger(name).addFilter(LOG_FILTER)
