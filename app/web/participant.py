"""Mijn persoonlijke oogst: a participant's own sheet, private unless an answer is shared."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from app.context import AppContext
from app.domain.entries import SaveResult, entries_of, set_shared
from app.storage.tables import Participant, WorkshopSession
from app.web import broadcast
from app.web.autosave import FieldForm, autosave, not_linked, refused_when_closed
from app.web.deps import Ctx, Seat, device_id, participant_seat
from app.web.templating import block, templates

router = APIRouter()


def sheet_context(context: AppContext, code: str, seat: Seat) -> dict:
    with context.db() as db:
        participant = db.get(Participant, seat.owner_id)
        session = db.get(WorkshopSession, seat.session_id)
    return {
        "session": session,
        "participant": participant,
        "content": context.content,
        "worksheet": context.worksheet,
        "fields": entries_of(context.engine, f"p{participant.id}"),
        "save_url": f"/s/{code}/oogst/veld",
        "share_url": f"/s/{code}/oogst/delen",
    }


@router.get("/s/{code}/oogst", response_class=HTMLResponse)
def sheet(
    request: Request,
    context: Ctx,
    code: str,
):
    seat = participant_seat(request, code)
    if seat is None:
        return RedirectResponse(f"/j/{code}?reden=geen-oogst", status_code=303)
    page = sheet_context(context, code, seat)
    page["device"] = device_id(request)
    return templates.TemplateResponse(request, "participant.html", page)


@router.post("/s/{code}/oogst/veld", response_class=HTMLResponse)
async def save_answer(
    request: Request, context: Ctx, code: str, form: Annotated[FieldForm, Form()]
):
    return await autosave(request, context, participant_seat(request, code), form, answer_saved)


def answer_saved(context: AppContext, seat: Seat, result: SaveResult, device: str) -> None:
    if result.shared:  # a shared answer changed: the board shows the new text
        broadcast.session_changed(context, seat.session_id)


@router.post("/s/{code}/oogst/delen", response_class=HTMLResponse)
def share_answer(
    request: Request,
    context: Ctx,
    code: str,
    key: str = Form(max_length=120),
    shared: bool = Form(False),
):
    seat = participant_seat(request, code)
    if seat is None or key not in context.worksheet.participant_fields:
        return not_linked(request)
    if closed := refused_when_closed(request, context, seat, key):
        return closed
    done = set_shared(context.engine, owner=seat.owner, key=key, shared=shared)
    broadcast.session_changed(context, seat.session_id)
    page = sheet_context(context, code, seat)
    page["spec"] = context.worksheet.participant_fields[key]
    page["share_error"] = (
        "" if done or not shared else "Schrijf eerst iets op; dan kun je het delen."
    )
    return HTMLResponse(block("participant.html", "share", **page))
