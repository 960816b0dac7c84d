"""Request helpers shared by the routers: the app context and what this device may open."""

import secrets
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from app.context import AppContext
from app.domain.entries import group_owner, participant_owner
from app.domain.sessions import normalise_code


async def get_context(request: Request) -> AppContext:
    # async: a plain def dependency would cost every request a hop to the thread pool
    return request.app.state.context


Ctx = Annotated[AppContext, Depends(get_context)]


@dataclass(frozen=True)
class Seat:
    """What the signed cookie says this device is in one session: a group tablet or a person."""

    session_id: int
    owner_id: int
    owner: str


def device_id(request: Request) -> str:
    device = request.session.get("d")
    if not device:
        device = secrets.token_urlsafe(9)
        request.session["d"] = device
    return device


def _seats(request: Request, code: str) -> dict:
    return request.session.get("s", {}).get(normalise_code(code), {})


def remember(request: Request, code: str, session_id: int, kind: str, owner_id: int) -> None:
    device_id(request)
    seats = dict(request.session.get("s", {}))
    seats[code] = {**seats.get(code, {}), "sid": session_id, kind: owner_id}
    request.session["s"] = seats


def group_seat(request: Request, code: str) -> Seat | None:
    """The group this tablet edits, while the facilitator has not unlinked it."""
    seat = _seats(request, code)
    if "g" not in seat:
        return None
    context: AppContext = request.app.state.context
    if not context.admissions.linked(context.engine, seat["g"], device_id(request)):
        return None
    return Seat(seat["sid"], seat["g"], group_owner(seat["g"]))


def participant_seat(request: Request, code: str) -> Seat | None:
    seat = _seats(request, code)
    if "p" not in seat:
        return None
    return Seat(seat["sid"], seat["p"], participant_owner(seat["p"]))


def forget_participant(request: Request, code: str) -> None:
    """Drop this device's personal sheet in one session from its cookie (its other seats stay)."""
    seats = dict(request.session.get("s", {}))
    seat = {k: v for k, v in seats.get(normalise_code(code), {}).items() if k != "p"}
    if set(seat) - {"sid"}:
        seats[normalise_code(code)] = seat
    else:
        seats.pop(normalise_code(code), None)
    request.session["s"] = seats


def base_url(request: Request, context: AppContext) -> str:
    return (context.settings.public_url or str(request.base_url)).rstrip("/")


def join_links(request: Request, context: AppContext, code: str) -> dict[str, str]:
    """The join address in full (for the QR code and links) and as people type it."""
    base = base_url(request, context)
    return {"join_url": f"{base}/j/{code}", "join_address": f"{base.split('://', 1)[-1]}/j"}
