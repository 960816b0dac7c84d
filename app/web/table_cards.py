"""The facilitator's side of the tables' tablets: printable table cards (code and QR per table),
and which devices each table has, with a way to unlink one."""

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse

from app.context import AppContext
from app.domain.devices import devices_by_group, unlink_device
from app.domain.sessions import groups_of
from app.web import broadcast
from app.web.deps import Ctx, base_url
from app.web.facilitator import facilitated
from app.web.qr import qr_inline
from app.web.templating import templates

router = APIRouter()


def tablets_page(request: Request, context: AppContext, key: str) -> HTMLResponse:
    with context.db() as db:
        session = facilitated(db, key)
        groups = groups_of(db, session.id)
        devices = devices_by_group(db, session.id)
    return templates.TemplateResponse(
        request,
        "tablets.html",
        {"session": session, "groups": groups, "devices": devices, "content": context.content},
    )


@router.get("/regie/{key}/tablets", response_class=HTMLResponse)
def tablets(
    request: Request,
    context: Ctx,
    key: str,
):
    return tablets_page(request, context, key)


@router.post("/regie/{key}/ontkoppel", response_class=HTMLResponse)
def unlink(
    request: Request,
    context: Ctx,
    key: str,
    link_id: int = Form(ge=1, le=2**31 - 1),
):
    """The tablet's next request finds it unlinked (403) and is sent to join again."""
    with context.db() as db:
        session = facilitated(db, key)
        link = unlink_device(db, session.id, link_id)
    if link is not None:
        context.admissions.set_linked(link.group_id, link.device_id, False)
        broadcast.session_changed(context, session.id)
    return tablets_page(request, context, key)


@router.get("/regie/{key}/tafelkaarten", response_class=HTMLResponse)
def table_cards(
    request: Request,
    context: Ctx,
    key: str,
):
    with context.db() as db:
        session = facilitated(db, key)
        groups = groups_of(db, session.id)
    base = base_url(request, context)
    cards = [
        {
            "group": group,
            "casus": context.content.casussen[group.casus_id],
            "qr": qr_inline(f"{base}/t/{group.table_code}"),
        }
        for group in groups
    ]
    return templates.TemplateResponse(
        request,
        "table_cards.html",
        {"session": session, "cards": cards, "address": f"{base.split('://', 1)[-1]}/j"},
    )
