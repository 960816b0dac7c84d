"""Joining without accounts: the room code gives a personal sheet (phone); a table's own code,
from the QR on its table card, links a tablet to that table."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from app.context import AppContext
from app.domain.devices import link_device
from app.domain.sessions import (
    JoinRefused,
    UnknownCode,
    add_participant,
    group_for_table_code,
    mark_group_joined,
    normalise_code,
    session_for_code,
)
from app.web import broadcast
from app.web.deps import Ctx, device_id, participant_seat, remember
from app.web.errors import StorableText
from app.web.participant import privacy_facts
from app.web.ratelimit import check, spend
from app.web.templating import templates

router = APIRouter()

REASONS = {
    "geen-groep": "Deze tablet is niet (meer) aan een tafel gekoppeld. Scan de QR-code op de "
    "tafelkaart, of vul de tafelcode in.",
    "geen-oogst": "Op dit apparaat is nog geen persoonlijke oogst gestart. Begin hieronder.",
}


def code_form(
    request: Request,
    code: str = "",
    error: str = "",
    table_code: str = "",
    table_error: str = "",
    status: int = 200,
):
    return templates.TemplateResponse(
        request,
        "join_code.html",
        {"code": code, "error": error, "table_code": table_code, "table_error": table_error},
        status_code=status,
    )


def refused(request: Request, context: AppContext, reason: JoinRefused, **form):
    """The code form again, with the reason; a code nobody has counts as a wrong try."""
    if isinstance(reason, UnknownCode):
        spend(request, context.code_tries)
    return code_form(request, status=404, **form)


def open_session(context: AppContext, db, code: str):
    return session_for_code(db, code, context.today(), context.settings.join_code_valid_days)


def open_table(context: AppContext, db, table_code: str):
    valid_days = context.settings.join_code_valid_days
    return group_for_table_code(db, table_code, context.today(), valid_days)


@router.get("/j", response_class=HTMLResponse)
def enter_code(
    request: Request,
    context: Ctx,
    code: str = "",
    tafelcode: str = "",
):
    if tafelcode:
        return RedirectResponse(f"/t/{normalise_code(tafelcode)}", status_code=303)
    if not code:
        return code_form(request)
    return RedirectResponse(f"/j/{normalise_code(code)}", status_code=303)


@router.get("/j/{code}", response_class=HTMLResponse)
def join_page(
    request: Request,
    context: Ctx,
    code: str,
    reden: str = "",
):
    check(request, context.code_tries)
    with context.db() as db:
        try:
            session = open_session(context, db, code)
        except JoinRefused as error:
            return refused(request, context, error, code=code, error=str(error))
    return templates.TemplateResponse(
        request,
        "join.html",
        {"session": session, "notice": REASONS.get(reden, ""), **privacy_facts(context, session)},
    )


@router.post("/j/{code}/deelnemer")
def join_participant(
    request: Request,
    context: Ctx,
    code: str,
    name: Annotated[StorableText, Form(max_length=200)] = "",
):
    check(request, context.code_tries)
    with context.db() as db:
        try:
            session = open_session(context, db, code)
        except JoinRefused as error:
            return refused(request, context, error, code=code, error=str(error))
        if participant_seat(request, session.code) is not None:
            return RedirectResponse(f"/s/{session.code}/oogst", status_code=303)
        check(request, context.joins)
        spend(request, context.joins)
        participant = add_participant(db, session.id, name)
    remember(request, session.code, session.id, "p", participant.id)
    broadcast.session_changed(context, session.id)
    return RedirectResponse(f"/s/{session.code}/oogst", status_code=303)


@router.get("/t/{table_code}", response_class=HTMLResponse)
def table_page(
    request: Request,
    context: Ctx,
    table_code: str,
):
    """What the QR code on a table card opens: which table this is, and one button to link."""
    check(request, context.code_tries)
    with context.db() as db:
        try:
            session, group = open_table(context, db, table_code)
        except JoinRefused as error:
            return refused(request, context, error, table_code=table_code, table_error=str(error))
    return templates.TemplateResponse(
        request,
        "join_table.html",
        {"session": session, "group": group, "casus": context.content.casussen[group.casus_id]},
    )


@router.post("/t/{table_code}")
def join_table(
    request: Request,
    context: Ctx,
    table_code: str,
):
    check(request, context.code_tries)
    device = device_id(request)
    with context.db() as db:
        try:
            session, group = open_table(context, db, table_code)
        except JoinRefused as error:
            return refused(request, context, error, table_code=table_code, table_error=str(error))
        link_device(db, group, device, request.headers.get("user-agent", ""))
        mark_group_joined(db, group)
    context.admissions.set_linked(group.id, device, True)
    remember(request, session.code, session.id, "g", group.id)
    broadcast.session_changed(context, session.id)
    return RedirectResponse(f"/s/{session.code}/groep", status_code=303)
