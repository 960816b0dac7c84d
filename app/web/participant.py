"""Mijn persoonlijke oogst: a participant's own sheet, private unless an answer is shared.

Only the device holding the sheet's seat opens it, prints it, downloads it or erases it; these
pages are never cached (Cache-Control: no-store), since they hold one person's answers.
"""

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response

from app.context import AppContext
from app.domain.entries import SaveResult, entries_of, set_shared
from app.domain.privacy import erase_participant, sheet_as_text, sheets_erased_on
from app.domain.sessions import find_session
from app.storage.tables import Participant, WorkshopSession
from app.web import broadcast
from app.web.autosave import FieldForm, autosave, not_linked, refused_when_closed
from app.web.deps import Ctx, Seat, device_id, forget_participant, participant_seat
from app.web.errors import session_gone
from app.web.ratelimit import check, spend
from app.web.templating import block, templates

router = APIRouter()

PRIVATE = {"Cache-Control": "no-store"}


@dataclass(frozen=True)
class Sheet:
    seat: Seat
    participant: Participant


def own_sheet(request: Request, context: AppContext, code: str) -> Sheet | None:
    """This device's sheet in the session; None without one, or once it was erased."""
    seat = participant_seat(request, code)
    if seat is None:
        return None
    with context.db() as db:
        participant = db.get(Participant, seat.owner_id)
    if participant is None or participant.session_id != seat.session_id:
        forget_participant(request, code)  # erased (by its owner, by retention or with its session)
        return None
    return Sheet(seat, participant)


def no_sheet(request: Request, context: AppContext, code: str) -> RedirectResponse:
    """Where a device without a sheet goes: the join page, or a page saying the session is gone.

    Telling the two apart tells whether a code exists, so a wrong one counts as a wrong code try.
    """
    check(request, context.code_tries)
    with context.db() as db:
        if find_session(db, code) is None:
            spend(request, context.code_tries)
            raise session_gone()
    return RedirectResponse(f"/j/{code}?reden=geen-oogst", status_code=303)


def privacy_facts(context: AppContext, session: WorkshopSession) -> dict:
    """What the privacy text says about how long a sheet is kept."""
    days = context.settings.sheet_retention_days
    return {"retention_days": days, "erased_on": sheets_erased_on(session.date, days)}


def sheet_context(context: AppContext, code: str, sheet: Sheet) -> dict:
    with context.db() as db:
        session = db.get(WorkshopSession, sheet.seat.session_id)
    return {
        "session": session,
        "participant": sheet.participant,
        "content": context.content,
        "clock": context.clock(session),
        "worksheet": context.worksheet,
        "fields": entries_of(context.engine, sheet.seat.owner),
        "save_url": f"/s/{code}/oogst/veld",
        "share_url": f"/s/{code}/oogst/delen",
        **privacy_facts(context, session),
    }


def private_page(request: Request, template: str, page: dict) -> HTMLResponse:
    return templates.TemplateResponse(request, template, page, headers=PRIVATE)


@router.get("/s/{code}/oogst", response_class=HTMLResponse)
def sheet(
    request: Request,
    context: Ctx,
    code: str,
):
    own = own_sheet(request, context, code)
    if own is None:
        return no_sheet(request, context, code)
    page = sheet_context(context, code, own)
    page["device"] = device_id(request)
    return private_page(request, "participant.html", page)


@router.get("/s/{code}/oogst/nu", response_class=HTMLResponse)
def current_block(
    request: Request,
    context: Ctx,
    code: str,
):
    """The current block and its clock, which the phone asks for now and then."""
    own = own_sheet(request, context, code)
    if own is None:
        return Response(status_code=204)  # nothing to show; the next page load says why
    page = sheet_context(context, code, own)
    return HTMLResponse(block("participant.html", "now", **page), headers=PRIVATE)


@router.get("/s/{code}/oogst/print", response_class=HTMLResponse)
def printable_sheet(
    request: Request,
    context: Ctx,
    code: str,
):
    own = own_sheet(request, context, code)
    if own is None:
        return no_sheet(request, context, code)
    return private_page(request, "participant_print.html", sheet_context(context, code, own))


@router.get("/s/{code}/oogst/mijn-oogst.txt")
def download_sheet(
    request: Request,
    context: Ctx,
    code: str,
):
    own = own_sheet(request, context, code)
    if own is None:
        return no_sheet(request, context, code)
    page = sheet_context(context, code, own)
    session = page["session"]
    text = sheet_as_text(context.worksheet, session, own.participant.name, page["fields"])
    filename = f"mijn-oogst-{session.date.isoformat()}.txt"
    return PlainTextResponse(
        text,
        headers={**PRIVATE, "Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.post("/s/{code}/oogst/wissen", response_class=HTMLResponse)
def erase_sheet(
    request: Request,
    context: Ctx,
    code: str,
):
    own = own_sheet(request, context, code)
    if own is None:
        return no_sheet(request, context, code)
    with context.db() as db:
        erased = erase_participant(db, own.participant.id)
        session = db.get(WorkshopSession, own.seat.session_id)
    if erased is None:  # erased a moment ago, e.g. in another tab
        return no_sheet(request, context, code)
    forget_participant(request, code)
    broadcast.session_changed(context, own.seat.session_id)  # shared answers leave the board
    page = {"session": session, "erased": erased, "scope": f"{session.code}:{own.seat.owner}"}
    return private_page(request, "participant_erased.html", page)


@router.post("/s/{code}/oogst/veld", response_class=HTMLResponse)
async def save_answer(
    request: Request, context: Ctx, code: str, form: Annotated[FieldForm, Form()]
):
    # Checking that the sheet still exists runs where the write runs: off the event loop when
    # the database is across a network.
    if context.writes_off_loop:
        own = await run_in_threadpool(own_sheet, request, context, code)
    else:
        own = own_sheet(request, context, code)
    return await autosave(request, context, own and own.seat, form, answer_saved)


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
    own = own_sheet(request, context, code)
    if own is None or key not in context.worksheet.participant_fields:
        return not_linked(request)
    if closed := refused_when_closed(request, context, own.seat, key):
        return closed
    done = set_shared(context.engine, owner=own.seat.owner, key=key, shared=shared)
    broadcast.session_changed(context, own.seat.session_id)
    page = sheet_context(context, code, own)
    page["spec"] = context.worksheet.participant_fields[key]
    page["share_error"] = (
        "" if done or not shared else "Schrijf eerst iets op; dan kun je het delen."
    )
    return HTMLResponse(block("participant.html", "share", **page))
