"""The home page: the demo session one click away, a new session, joining with a code."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, PlainTextResponse
from sqlalchemy import text

from app.domain.demo import demo_session
from app.domain.sessions import groups_of
from app.web.deps import Ctx
from app.web.templating import templates

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def home(
    request: Request,
    context: Ctx,
):
    with context.db() as db:
        demo = demo_session(db)
        groups = groups_of(db, demo.id) if demo else []
    return templates.TemplateResponse(
        request, "home.html", {"demo": demo, "groups": groups, "content": context.content}
    )


@router.get("/health", response_class=PlainTextResponse)
def health(context: Ctx):
    with context.engine.connect() as conn:
        conn.execute(text("SELECT 1"))
    return "ok"
