"""The group tablet: casus, werkvorm 1 and 2, terugkoppeling; autosave, choices, live stream."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from app.domain.entries import choose_for_group
from app.domain.worksheet import KLAAR
from app.storage.tables import Group
from app.web import broadcast
from app.web.autosave import FieldForm, autosave, not_linked, refused_when_closed
from app.web.deps import Ctx, device_id, group_seat
from app.web.errors import Refusal, session_gone
from app.web.group_view import group_page_context
from app.web.templating import block, templates

router = APIRouter()


@router.get("/s/{code}/groep", response_class=HTMLResponse)
def group_page(
    request: Request,
    context: Ctx,
    code: str,
):
    seat = group_seat(request, code)
    if seat is None:
        return RedirectResponse(f"/j/{code}?reden=geen-groep", status_code=303)
    with context.db() as db:
        group = db.get(Group, seat.owner_id)
        if group is None:  # deleted with its session
            raise session_gone()
        page = group_page_context(context, db, group)
    page["device"] = device_id(request)
    return templates.TemplateResponse(request, "group.html", page)


@router.post("/s/{code}/groep/veld", response_class=HTMLResponse)
async def save_field(request: Request, context: Ctx, code: str, form: Annotated[FieldForm, Form()]):
    return await autosave(
        request, context, group_seat(request, code), form, broadcast.group_field_saved
    )


@router.post("/s/{code}/groep/keuze", response_class=HTMLResponse)
def choose_item(
    request: Request,
    context: Ctx,
    code: str,
    key: str = Form(max_length=40),
    item: str = Form(max_length=80),
    on: bool = Form(False),
):
    seat = group_seat(request, code)
    if seat is None:
        return not_linked(request)
    if closed := refused_when_closed(request, context, seat, key):
        return closed
    spec = context.worksheet.choices.get(key)
    if spec is None:
        raise Refusal(422, "Deze keuze bestaat niet", "Vernieuw de pagina en probeer het opnieuw.")
    result = choose_for_group(
        context.engine,
        context.worksheet,
        spec,
        session_id=seat.session_id,
        owner=seat.owner,
        item=item,
        on=on,
        device=device_id(request),
    )
    if result.changed:
        broadcast.group_structure_changed(context, seat.session_id, seat.owner_id)
    with context.db() as db:
        page = group_page_context(context, db, db.get(Group, seat.owner_id), {key: result.message})
    if key == KLAAR:  # one button, no limits to explain
        return HTMLResponse(block("group.html", "klaar", **page))
    region = "keuze" if key.startswith("w1") else "partners"
    # The message goes out of band into a holder that live re-renders leave alone.
    return HTMLResponse(
        block("group.html", region, **page) + block("group.html", f"{region}_melding", **page)
    )


@router.get("/s/{code}/groep/events")
async def group_events(
    request: Request,
    context: Ctx,
    code: str,
):
    seat = group_seat(request, code)
    if seat is None:
        return not_linked(request)
    topics = [broadcast.group_topic(seat.owner_id)]

    # A tablet that (re)connects first gets the whole current state: what it missed is in it.
    def first() -> str:
        regions = ("keuze", "partners", "canvas", "now", "message", "dicht", "closed")
        return broadcast.render_group_regions(
            context, seat.owner_id, regions
        ) + broadcast.sync_frame(context, seat.owner)

    device = device_id(request)

    def still_linked() -> bool:  # cached in memory: the facilitator's unlink ends the stream
        return context.admissions.linked(context.engine, seat.owner_id, device)

    return broadcast.stream(context, topics, first, still_linked)
