"""The autosave endpoint shared by the group tablet and the personal oogst sheet.

Answers with the field's save status as HTML: 200 saved (with the new version), 409 conflict
(with the other device's text), 422 invalid (with the message), 423 when the session is closed,
403 when the device is not linked. The browser keeps its draft until it gets a 200 for exactly
that text.
"""

from collections.abc import Callable
from functools import partial

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from app.context import AppContext
from app.domain.entries import Outcome, SaveResult, save_text
from app.domain.sessions import CLOSED_MESSAGE
from app.domain.werkvormen import CLOSED_MESSAGE as WERKVORM_CLOSED
from app.domain.werkvormen import werkvorm_of
from app.web.deps import Seat, device_id
from app.web.errors import StorableText
from app.web.templating import templates

SAVE_STATUS = {
    Outcome.SAVED: 200,
    Outcome.CONFLICT: 409,
    Outcome.INVALID: 422,
    Outcome.CLOSED: 423,
}


class FieldForm(BaseModel):
    key: StorableText = Field(max_length=120)
    value: StorableText = ""
    version: int = Field(default=0, ge=0, le=2**31 - 1)


OnSaved = Callable[[AppContext, Seat, SaveResult, str], None]


async def autosave(
    request: Request, context: AppContext, seat: Seat | None, form: FieldForm, on_saved: OnSaved
) -> HTMLResponse:
    if seat is None:
        return not_linked(request)
    if closed := refused_when_closed(request, context, seat, form.key):
        return closed
    device = device_id(request)
    write = partial(
        save_text,
        context.engine,
        context.worksheet,
        session_id=seat.session_id,
        owner=seat.owner,
        key=form.key,
        value=form.value,
        base_version=form.version,
        device=device,
    )
    result = await run_in_threadpool(write) if context.writes_off_loop else write()
    if result.outcome is Outcome.SAVED:
        on_saved(context, seat, result, device)
    return save_status(request, result)


def save_status(request: Request, result: SaveResult) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        "partials/save_status.html",
        {"result": result},
        status_code=SAVE_STATUS[result.outcome],
    )


def refused_when_closed(
    request: Request, context: AppContext, seat: Seat, key: str = ""
) -> HTMLResponse | None:
    """423 with the reason when the session is closed (or gone), or the werkvorm of a group's
    field is: nothing there may change any more."""
    admissions = context.admissions
    if admissions.closed(context.engine, seat.session_id):
        return save_status(request, SaveResult(Outcome.CLOSED, key, "", 0, CLOSED_MESSAGE))
    if seat.owner.startswith("g") and werkvorm_of(key) in admissions.closed_werkvormen(
        context.engine, seat.session_id
    ):
        return save_status(request, SaveResult(Outcome.CLOSED, key, "", 0, WERKVORM_CLOSED))
    return None


def not_linked(request: Request) -> HTMLResponse:
    """This device has no group or sheet in this session (any more): nothing is stored."""
    return templates.TemplateResponse(request, "partials/not_linked.html", {}, status_code=403)
