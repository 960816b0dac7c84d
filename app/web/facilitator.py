"""The facilitator: prepares a session, moves the room through the programme, takes the harvest."""

import json
from typing import Annotated

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from app.context import AppContext
from app.domain.clock import run_clock, send_message, skip_block
from app.domain.export import ImportRefused, export_session, import_session
from app.domain.harvest import session_harvest
from app.domain.moderation import merge_partner, moderate_harvest
from app.domain.privacy import delete_session, sheets_erased_on
from app.domain.report import markdown_report
from app.domain.sessions import (
    GroupDraft,
    SessionDraft,
    close_session,
    create_session,
    default_draft,
    move_to_block,
    neighbour_block,
    session_for_key,
    validate_draft,
)
from app.domain.werkvormen import FIELDS as WERKVORM_FIELDS
from app.domain.werkvormen import closed_werkvormen, set_werkvorm_closed
from app.storage.tables import WorkshopSession
from app.web import broadcast
from app.web.deps import Ctx, join_links
from app.web.errors import UNSTORABLE, Refusal, is_storable
from app.web.templating import block, templates

router = APIRouter()

IMPORT_MAX_BYTES = 5 * 1024 * 1024


def draft_page(request: Request, context: AppContext, draft: SessionDraft, status: int = 200):
    return templates.TemplateResponse(
        request,
        "session_new.html",
        {"draft": draft, "content": context.content},
        status_code=status,
    )


@router.get("/nieuw", response_class=HTMLResponse)
def new_session(
    request: Request,
    context: Ctx,
):
    return draft_page(request, context, default_draft(context.content, context.today()))


@router.get("/nieuw/groep", response_class=HTMLResponse)
def new_group_row(
    request: Request,
    context: Ctx,
    index: int = 0,
):
    casussen = list(context.content.casussen)
    group = GroupDraft(f"Tafel {index + 1}", casussen[index % len(casussen)])
    return HTMLResponse(
        block(
            "session_new.html",
            "group_row",
            group=group,
            index=index,
            draft=SessionDraft(),
            content=context.content,
        )
    )


@router.post("/nieuw", response_class=HTMLResponse)
async def create(
    request: Request,
    context: Ctx,
):
    form = await request.form()
    if not all(is_storable(str(value)) for _, value in form.multi_items()):
        raise Refusal(422, *UNSTORABLE)
    names = form.getlist("group_name")
    casussen = form.getlist("group_casus")
    draft = SessionDraft(
        title=str(form.get("title", "")),
        date=str(form.get("date", "")),
        groups=[GroupDraft(str(n), str(c)) for n, c in zip(names, casussen, strict=False)],
    )
    validate_draft(context.content, draft)
    if not draft.valid:
        return draft_page(request, context, draft, status=422)
    with context.db() as db:
        session = create_session(db, draft)
    return RedirectResponse(f"/regie/{session.facilitator_key}", status_code=303)


def facilitator_context(request: Request, context: AppContext, key: str) -> dict:
    with context.db() as db:
        session = facilitated(db, key)
        harvest = session_harvest(db, context.worksheet, session.id)
    return {
        "session": session,
        "harvest": harvest,
        "content": context.content,
        "clock": context.clock(session),
        "closable_werkvormen": [context.content.werkvorm(w) for w in WERKVORM_FIELDS],
        "sheets_erased_on": sheets_erased_on(session.date, context.settings.sheet_retention_days),
        **join_links(request, context, session.code),
    }


def facilitated(db, key: str) -> WorkshopSession:
    """The session whose facilitator link carries `key`; a friendly 404 page otherwise."""
    session = session_for_key(db, key)
    if session is None:
        raise Refusal(
            404,
            "Deze regielink werkt niet",
            "Controleer of je de volledige link hebt gekopieerd.",
        )
    return session


def programme_block(
    request: Request, context: AppContext, key: str, status: int = 200, **extra
) -> HTMLResponse:
    """The regie page's programme card (blocks, clock, message, werkvormen), as the answer to a
    change made in it."""
    page = {**facilitator_context(request, context, key), **extra}
    return HTMLResponse(block("facilitator.html", "programme", **page), status_code=status)


@router.get("/regie/{key}", response_class=HTMLResponse)
def overview(
    request: Request,
    context: Ctx,
    key: str,
):
    page = facilitator_context(request, context, key)
    return templates.TemplateResponse(request, "facilitator.html", page)


@router.post("/regie/{key}/blok", response_class=HTMLResponse)
def set_block(
    request: Request,
    context: Ctx,
    key: str,
    block_id: str = Form("", max_length=64),
    step: int = Form(0),
):
    with context.db() as db:
        session = facilitated(db, key)
        target = neighbour_block(context.content, session.current_block, step) if step else block_id
        if target:
            move_to_block(db, context.content, session, target)
            broadcast.programme_changed(context, session)
    return programme_block(request, context, key)


@router.post("/regie/{key}/klok", response_class=HTMLResponse)
def clock_action(
    request: Request,
    context: Ctx,
    key: str,
    action: str = Form("", max_length=20),
):
    """Start, pause, resume, +5 min, next step or skip the block: every screen follows."""
    with context.db() as db:
        session = facilitated(db, key)
        if action == "volgende-blok":
            changed = skip_block(db, context.content, session, context.now())
        else:
            changed = run_clock(db, context.content, session, action, context.now())
        if changed:
            broadcast.programme_changed(context, session)
    return programme_block(request, context, key)


@router.post("/regie/{key}/bericht", response_class=HTMLResponse)
def message(
    request: Request,
    context: Ctx,
    key: str,
    bericht: str = Form("", max_length=1000),
):
    """A short message to every tablet (and the board), replacing the previous one."""
    with context.db() as db:
        session = facilitated(db, key)
        refused = send_message(db, session, bericht, context.now())
        if not refused:
            broadcast.programme_changed(context, session)
    status = 422 if refused else 200
    draft = bericht if refused else ""  # a refused message stays in the field, to shorten
    extra = {"message_error": refused, "message_draft": draft}
    return programme_block(request, context, key, status, **extra)


@router.post("/regie/{key}/werkvorm", response_class=HTMLResponse)
def close_werkvorm(
    request: Request,
    context: Ctx,
    key: str,
    werkvorm: str = Form("", max_length=64),
    closed: bool = Form(True),
):
    """Close a werkvorm (its fields read-only on every tablet) or reopen it."""
    with context.db() as db:
        session = facilitated(db, key)
        if set_werkvorm_closed(db, session, werkvorm, closed):
            context.admissions.set_closed_werkvormen(session.id, closed_werkvormen(session))
            broadcast.programme_changed(context, session)
    return programme_block(request, context, key)


@router.get("/regie/{key}/tafel/{group_id}", response_class=HTMLResponse)
def table_view(
    request: Request,
    context: Ctx,
    key: str,
    group_id: int,
):
    """What one table wrote, to read and to moderate its inzichten."""
    page = facilitator_context(request, context, key)
    table = next((g for g in page["harvest"].groups if g.group.id == group_id), None)
    if table is None:
        raise Refusal(404, "Deze tafel bestaat niet", "Kies een tafel op de regiepagina.")
    return templates.TemplateResponse(request, "facilitator_table.html", {**page, "g": table})


@router.post("/regie/{key}/moderatie")
def moderate(
    request: Request,
    context: Ctx,
    key: str,
    zet: str = Form(..., pattern="^(revealed|hidden|pinned|starred):[01]$"),
    item: Annotated[list[str] | None, Form()] = None,
    werkvorm: int = Form(0),
    tafel: int = Form(0),
    terug: int = Form(0),
):
    """Reveal, hide, pin or star one item, or reveal a werkvorm's or a table's inzichten."""
    flag, on = zet.split(":")
    with context.db() as db:
        session = facilitated(db, key)
        harvest = session_harvest(db, context.worksheet, session.id)
        conn = db.connection()
        moderate_harvest(
            conn, harvest, session.id, flag, on == "1", item or (), werkvorm or None, tafel or None
        )
        db.commit()
    broadcast.session_changed(context, session.id)
    back = f"/regie/{key}/tafel/{terug}" if terug else f"/regie/{key}"
    return RedirectResponse(f"{back}#moderatie", status_code=303)


@router.post("/regie/{key}/partners")
def merge_partners(
    request: Request,
    context: Ctx,
    key: str,
    naam: str = Form(..., min_length=1, max_length=120),
    samen_met: str = Form("", max_length=120),
):
    """Count partner `naam` together with `samen_met` ("besturen" = "schoolbesturen"), or undo."""
    with context.db() as db:
        session = facilitated(db, key)
        merge_partner(db.connection(), session.id, naam, samen_met)
        db.commit()
    broadcast.session_changed(context, session.id)
    return RedirectResponse(f"/regie/{key}#partners", status_code=303)


@router.get("/regie/{key}/events")
async def facilitator_events(
    request: Request,
    context: Ctx,
    key: str,
):
    with context.db() as db:
        session = facilitated(db, key)
    return broadcast.stream(
        context,
        [broadcast.facilitator_topic(session.id)],
        lambda: broadcast.render_facilitator(context, session.id),
    )


@router.post("/regie/{key}/afsluiten")
def close(
    request: Request,
    context: Ctx,
    key: str,
):
    with context.db() as db:
        session = facilitated(db, key)
        close_session(db, session)
    context.admissions.set_closed(session.id)
    broadcast.session_closed(context, session)
    return RedirectResponse(f"/regie/{key}", status_code=303)


@router.get("/regie/{key}/export.json")
def export_json(
    request: Request,
    context: Ctx,
    key: str,
):
    with context.db() as db:
        session = facilitated(db, key)
        data = export_session(db, context.worksheet, session)
    filename = f"opdenksessie-{session.date.isoformat()}-{session.code}.json"
    return Response(
        json.dumps(data, ensure_ascii=False, indent=2),
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get("/regie/{key}/verslag.md")
def export_report(
    request: Request,
    context: Ctx,
    key: str,
):
    with context.db() as db:
        session = facilitated(db, key)
        harvest = session_harvest(db, context.worksheet, session.id)
    filename = f"verslag-{session.date.isoformat()}-{session.code}.md"
    return PlainTextResponse(
        markdown_report(context.content, session, harvest),
        media_type="text/markdown; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.post("/importeer", response_class=HTMLResponse)
async def import_json(
    request: Request,
    context: Ctx,
    bestand: UploadFile,
):
    raw = await bestand.read(IMPORT_MAX_BYTES + 1)
    try:
        if len(raw) > IMPORT_MAX_BYTES:
            raise ImportRefused("Dit bestand is te groot voor een sessie-export (maximaal 5 MB).")
        # Reading, checking and writing a file takes a while: off the event loop, so every
        # screen in the room keeps answering meanwhile.
        session = await run_in_threadpool(imported, context, raw)
    except ImportRefused as refused:
        return templates.TemplateResponse(
            request,
            "error.html",
            {"title": "Importeren lukte niet", "message": str(refused), "back": "/"},
            status_code=422,
        )
    return RedirectResponse(f"/regie/{session.facilitator_key}", status_code=303)


def imported(context: AppContext, raw: bytes) -> WorkshopSession:
    with context.db() as db:
        return import_session(db, context.worksheet, raw)


@router.post("/regie/{key}/verwijderen", response_class=HTMLResponse)
def delete(
    request: Request,
    context: Ctx,
    key: str,
):
    with context.db() as db:
        session = facilitated(db, key)
        delete_session(db, session.id)
    context.admissions.set_closed(session.id)  # open tablets and phones stop saving at once
    broadcast.session_deleted(context, session.id)
    return templates.TemplateResponse(
        request,
        "error.html",
        {
            "title": "De sessie is verwijderd",
            "message": f"„{session.title}” is verwijderd, met de groepen, hun werk, de "
            "persoonlijke oogst van de deelnemers en hun namen. Het bord, de tablets en de "
            "telefoons zeggen nu dat de sessie niet meer bestaat.",
        },
    )
