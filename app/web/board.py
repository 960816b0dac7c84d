"""The plenary board for the projector: programme, join code, the room's harvest, live."""

import io

import segno
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from app.context import AppContext
from app.domain.harvest import session_harvest
from app.domain.sessions import find_session
from app.storage.tables import WorkshopSession
from app.web import broadcast
from app.web.deps import Ctx, base_url, join_links
from app.web.errors import session_gone
from app.web.templating import templates

router = APIRouter()


def session_by_code(context: AppContext, code: str) -> WorkshopSession:
    with context.db() as db:
        session = find_session(db, code)
    if session is None:
        raise session_gone()
    return session


@router.get("/s/{code}/bord", response_class=HTMLResponse)
def board(
    request: Request,
    context: Ctx,
    code: str,
):
    session = session_by_code(context, code)
    with context.db() as db:
        harvest = session_harvest(db, context.worksheet, session.id)
    return templates.TemplateResponse(
        request,
        "board.html",
        {
            "session": session,
            "harvest": harvest,
            "content": context.content,
            **join_links(request, context, session.code),
        },
    )


@router.get("/s/{code}/bord/events")
async def board_events(
    request: Request,
    context: Ctx,
    code: str,
):
    session = session_by_code(context, code)
    return broadcast.stream(
        context,
        [broadcast.board_topic(session.id)],
        lambda: broadcast.render_board(context, session.id),
    )


@router.get("/s/{code}/qr.svg")
def qr_code(
    request: Request,
    context: Ctx,
    code: str,
):
    session = session_by_code(context, code)
    qr = segno.make(f"{base_url(request, context)}/j/{session.code}", error="m")
    svg = io.BytesIO()
    qr.save(svg, kind="svg", scale=8, dark="#1b2a4a", light="#ffffff", border=2)
    return Response(
        svg.getvalue(), media_type="image/svg+xml", headers={"Cache-Control": "max-age=3600"}
    )
