"""Who hears about a change: renders each live fragment once and hands it to the broker.

Topics: "board:<session>" (boards), "facilitator:<session>" (the facilitator's overview),
"group:<group>" (the tablets of one group).
"""

import json
from collections.abc import AsyncGenerator, AsyncIterator, Callable

from fastapi.responses import StreamingResponse

from app.context import AppContext
from app.domain.entries import SaveResult, entries_of
from app.domain.harvest import session_harvest
from app.domain.sessions import groups_of
from app.live.broker import frame
from app.storage.tables import Group, WorkshopSession
from app.web.deps import Seat
from app.web.errors import session_gone
from app.web.group_view import group_page_context
from app.web.templating import block, env

BOARD_KEYS = ("w1.focuspunten", "w2.wie.", "tk.")
FACILITATOR_SLOWER = 5  # times the board's throttle


def board_topic(session_id: int) -> str:
    return f"board:{session_id}"


def facilitator_topic(session_id: int) -> str:
    return f"facilitator:{session_id}"


def group_topic(group_id: int) -> str:
    return f"group:{group_id}"


def render_overview(
    context: AppContext, session_id: int, template: str, blocks: tuple[str, ...] = ("live",)
) -> str:
    """The live block of the board or the facilitator page (and any out-of-band blocks beside
    it), as one SSE message."""
    with context.db() as db:
        session = db.get(WorkshopSession, session_id)
        harvest = session_harvest(db, context.worksheet, session_id)
    page = {"session": session, "harvest": harvest, "content": context.content}
    page = {**page, "clock": context.clock(session)}
    return frame("".join(block(template, name, **page) for name in blocks))


def render_board(context: AppContext, session_id: int) -> str:
    return render_overview(context, session_id, "board.html")


def render_facilitator(context: AppContext, session_id: int) -> str:
    """The progress table, and the moderation queue below it (out of band)."""
    return render_overview(context, session_id, "facilitator.html", ("live", "moderation_oob"))


def session_changed(context: AppContext, session_id: int, board: bool = True) -> None:
    """Something the overview shows changed: re-render it (throttled) for everyone watching."""
    broker = context.broker
    # The facilitator's progress table may lag a little; the board is what the room watches.
    broker.publish_soon(
        facilitator_topic(session_id),
        lambda: render_facilitator(context, session_id),
        slower=FACILITATOR_SLOWER,
    )
    if board:
        broker.publish_soon(board_topic(session_id), lambda: render_board(context, session_id))


def session_deleted(context: AppContext, session_id: int) -> None:
    """Tell an open board that its session is gone; reloading shows the same."""
    gone = session_gone()
    fragment = env.get_template("partials/error_fragment.html")
    html = fragment.render(title=gone.title, message=gone.message)
    context.broker.publish(board_topic(session_id), frame(html))


def programme_changed(context: AppContext, session: WorkshopSession) -> None:
    """The block, its clock or the facilitator's message changed: the board and every tablet."""
    session_changed(context, session.id)
    page = {"session": session, "content": context.content, "clock": context.clock(session)}
    banner = frame(
        block("group.html", "now_oob", **page)
        + block("group.html", "message_oob", **page)
        + block("group.html", "dicht_oob", **page)
    )
    with context.db() as db:
        for group in groups_of(db, session.id):
            context.broker.publish(group_topic(group.id), banner)


def session_closed(context: AppContext, session: WorkshopSession) -> None:
    """Every open screen turns read-only at once: the board drops its join code, QR and Live
    badge; the tablets show the closed banner."""
    session_changed(context, session.id, board=False)
    with context.db() as db:
        harvest = session_harvest(db, context.worksheet, session.id)
        groups = groups_of(db, session.id)
    page = {"session": session, "harvest": harvest, "content": context.content}
    page["clock"] = context.clock(session)
    board = block("board.html", "head_oob", **page) + block("board.html", "live", **page)
    context.broker.publish(board_topic(session.id), frame(board))
    banner = frame(block("group.html", "closed_oob", session=session))
    for group in groups:
        context.broker.publish(group_topic(group.id), banner)


def group_field_saved(context: AppContext, seat: Seat, result: SaveResult, device: str) -> None:
    """Tell the group's other tablets the new text; refresh the canvas and the overviews."""
    session_id, group = seat.session_id, seat.owner_id
    payload = {"key": result.key, "value": result.value, "version": result.version, "by": device}
    context.broker.publish(group_topic(group), frame(json.dumps(payload), event="field"))
    if result.key.startswith("w2."):
        context.broker.publish_soon(
            group_topic(group), lambda: render_group_regions(context, group, ("canvas",)), "canvas"
        )
    session_changed(context, session_id, board=result.key.startswith(BOARD_KEYS))


def group_structure_changed(context: AppContext, session_id: int, group: int) -> None:
    """A choice changed the shape of the worksheet: send the group's regions to its tablets."""
    context.broker.publish_soon(
        group_topic(group),
        lambda: render_group_regions(context, group, ("keuze", "partners", "canvas")),
        "regions",
    )
    session_changed(context, session_id)


def sync_frame(context: AppContext, owner: str) -> str:
    """Every saved field of one owner, so a reconnecting screen can catch up on missed edits."""
    fields = entries_of(context.engine, owner)
    payload = {key: [f.value, f.version] for key, f in fields.items()}
    return frame(json.dumps(payload), event="sync")


def render_group_regions(context: AppContext, group_id: int, regions: tuple[str, ...]) -> str:
    with context.db() as db:
        group = db.get(Group, group_id)
        page = group_page_context(context, db, group)
    html = "\n".join(block("group.html", f"{name}_oob", **page) for name in regions)
    return frame(html)


def stream(
    context: AppContext,
    topics: list[str],
    first: Callable[[], str],
    allowed: Callable[[], bool] | None = None,
) -> StreamingResponse:
    """A server-sent event stream of topics, opening with the current state (`first()`).

    With `allowed`, the stream ends, sending nothing more, once it says no (a tablet unlinked).
    """
    frames = context.broker.stream(topics, first)
    return StreamingResponse(
        frames if allowed is None else _while(allowed, frames),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


async def _while(allowed: Callable[[], bool], frames: AsyncGenerator[str]) -> AsyncIterator[str]:
    try:
        async for message in frames:
            if not allowed():
                return
            yield message
    finally:
        await frames.aclose()  # unsubscribes from the broker at once
