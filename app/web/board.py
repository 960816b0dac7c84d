"""The plenary board for the projector: programme, join code, the room's harvest, live."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from app.context import AppContext
from app.domain.harvest import session_harvest
from app.domain.sessions import find_session, is_expired
from app.storage.tables import WorkshopSession
from app.web import broadcast
from app.web.deps import Ctx, base_url, join_links
from app.web.errors import Refusal, session_gone
from app.web.qr import qr_svg
from app.web.ratelimit import check, spend
from app.web.templating import templates

router = APIRouter()


def session_by_code(request: Request, context: AppContext, code: str) -> WorkshopSession:
    """The session whose board this is; a friendly 404 once it is expired or deleted.

    The board's address holds the room code, so a wrong one counts as a wrong code try.
    """
    check(request, context.code_tries)
    with context.db() as db:
        session = find_session(db, code)
    if session is None:
        spend(request, context.code_tries)
    valid_days = context.settings.join_code_valid_days
    if session is None or is_expired(session, context.today(), valid_days):
        raise session_gone()
    return session


@router.get("/s/{code}/bord", response_class=HTMLResponse)
def board(
    request: Request,
    context: Ctx,
    code: str,
):
    session = session_by_code(request, context, code)
    with context.db() as db:
        harvest = session_harvest(db, context.worksheet, session.id)
    return templates.TemplateResponse(
        request,
        "board.html",
        {
            "session": session,
            "harvest": harvest,
            "content": context.content,
            "clock": context.clock(session),
            **join_links(request, context, session.code),
        },
    )


@router.get("/s/{code}/bord/events")
async def board_events(
    request: Request,
    context: Ctx,
    code: str,
):
    session = session_by_code(request, context, code)
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
    session = session_by_code(request, context, code)
    if session.closed_at is not None:  # a closed session takes nobody in: no QR to scan
        raise Refusal(404, "Deze sessie is afgesloten", "Meedoen kan niet meer.")
    return Response(
        qr_svg(f"{base_url(request, context)}/j/{session.code}"),
        media_type="image/svg+xml",
        headers={"Cache-Control": "max-age=3600"},
    )
