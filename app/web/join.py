"""Joining without accounts: a code, then a group (tablet) or a personal sheet (phone)."""

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from app.context import AppContext
from app.domain.sessions import (
    JoinRefused,
    add_participant,
    groups_of,
    mark_group_joined,
    normalise_code,
    session_for_code,
)
from app.storage.tables import Group
from app.web import broadcast
from app.web.deps import Ctx, participant_seat, remember
from app.web.participant import privacy_facts
from app.web.templating import templates

router = APIRouter()

REASONS = {
    "geen-groep": "Deze tablet is nog niet aan een groep gekoppeld. Kies hieronder jullie groep.",
    "geen-oogst": "Op dit apparaat is nog geen persoonlijke oogst gestart. Begin hieronder.",
}


def code_form(request: Request, code: str = "", error: str = "", status: int = 200):
    return templates.TemplateResponse(
        request, "join_code.html", {"code": code, "error": error}, status_code=status
    )


def open_session(context: AppContext, db, code: str):
    return session_for_code(db, code, context.today(), context.settings.join_code_valid_days)


@router.get("/j", response_class=HTMLResponse)
def enter_code(
    request: Request,
    context: Ctx,
    code: str = "",
):
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
    with context.db() as db:
        try:
            session = open_session(context, db, code)
        except JoinRefused as refused:
            return code_form(request, code, str(refused), status=404)
        groups = groups_of(db, session.id)
    return templates.TemplateResponse(
        request,
        "join.html",
        {
            "session": session,
            "groups": groups,
            "content": context.content,
            "notice": REASONS.get(reden, ""),
            **privacy_facts(context, session),
        },
    )


@router.post("/j/{code}/groep")
def join_group(
    request: Request,
    context: Ctx,
    code: str,
    group_id: int = Form(ge=1, le=2**31 - 1),
):
    with context.db() as db:
        try:
            session = open_session(context, db, code)
        except JoinRefused as refused:
            return code_form(request, code, str(refused), status=404)
        group = db.get(Group, group_id)
        if group is None or group.session_id != session.id:
            return code_form(request, code, "Deze groep hoort niet bij deze sessie.", status=404)
        mark_group_joined(db, group)
    remember(request, session.code, session.id, "g", group.id)
    broadcast.session_changed(context, session.id)
    return RedirectResponse(f"/s/{session.code}/groep", status_code=303)


@router.post("/j/{code}/deelnemer")
def join_participant(
    request: Request,
    context: Ctx,
    code: str,
    name: str = Form("", max_length=200),
):
    with context.db() as db:
        try:
            session = open_session(context, db, code)
        except JoinRefused as refused:
            return code_form(request, code, str(refused), status=404)
        if participant_seat(request, session.code) is not None:
            return RedirectResponse(f"/s/{session.code}/oogst", status_code=303)
        participant = add_participant(db, session.id, name)
    remember(request, session.code, session.id, "p", participant.id)
    broadcast.session_changed(context, session.id)
    return RedirectResponse(f"/s/{session.code}/oogst", status_code=303)
