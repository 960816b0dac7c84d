"""Refusing a client that tried too many codes or started too many sheets: 429, in Dutch."""

import ipaddress

from fastapi import Request

from app.domain.ratelimit import RateLimit
from app.web.errors import Refusal


def client_of(request: Request) -> str:
    """Who is counted: the client's IPv4 address, or its IPv6 /64 network (one household or
    phone holds a whole /64, so counting single IPv6 addresses would count nothing)."""
    # uvicorn --proxy-headers has already put a trusted proxy's X-Forwarded-For address here
    host = request.client.host if request.client else ""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host
    if address.version == 6 and address.ipv4_mapped is None:
        return str(ipaddress.ip_network(f"{host}/64", strict=False))
    return host


def check(request: Request, limit: RateLimit) -> None:
    """Raise the 429 page when this client has used up `limit`."""
    wait = limit.wait(client_of(request))
    if wait:
        raise Refusal(
            429,
            "Te veel pogingen",
            "Er zijn vanaf dit netwerk te veel codes geprobeerd of deelnemers aangemeld. "
            "Wacht even en probeer het over een minuut opnieuw.",
            headers={"Retry-After": str(wait)},
        )


def spend(request: Request, limit: RateLimit) -> None:
    limit.spend(client_of(request))
