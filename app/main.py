"""create_app(): settings, content, database, routers, static files, lifespan — nothing else."""

import asyncio
import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.gzip import GZipMiddleware
from starlette.middleware.sessions import SessionMiddleware

from app.content import ContentError, load_content
from app.context import AppContext
from app.domain.demo import ensure_demo_session
from app.domain.privacy import purge_expired_sheets
from app.domain.worksheet import Worksheet
from app.live.broker import Broker
from app.settings import PROJECT_ROOT, Settings, get_settings
from app.storage.database import make_engine, migrate
from app.web import board, errors, facilitator, group, home, join, participant, table_cards
from app.web.security import SecurityMiddleware, redact_logs

DAY = 60 * 60 * 24


def cookie_max_age(settings: Settings) -> int:
    """A month (a tablet stays in its group across days), and at least until personal sheets are
    erased automatically: until then the sheet promises its owner can erase it from this phone."""
    return DAY * max(30, settings.sheet_retention_days + 1)


PURGE_EVERY_SECONDS = 60 * 60  # expired personal sheets are erased at start-up and then hourly

log = logging.getLogger("opdenksessie")


def purge_expired(context: AppContext) -> None:
    with context.db() as db:
        purge_expired_sheets(db, context.today(), context.settings.sheet_retention_days)


async def purge_periodically(context: AppContext) -> None:
    while True:
        await asyncio.sleep(PURGE_EVERY_SECONDS)
        try:
            await asyncio.to_thread(purge_expired, context)
        except Exception:  # e.g. the database briefly away: the next hour tries again
            log.exception("erasing expired personal sheets failed")


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    try:
        content = load_content(settings.content_dir)
    except ContentError as error:  # a broken content file stops start-up, saying where and why
        raise SystemExit(f"The content files are not valid:\n{error}") from None
    engine = make_engine(settings.database_url)
    context = AppContext(
        settings=settings,
        engine=engine,
        content=content,
        worksheet=Worksheet(content),
        broker=Broker(settings.board_throttle_ms / 1000),
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        context.broker.bind(asyncio.get_running_loop())
        migrate(engine)
        if settings.demo_session:
            with context.db() as db:
                ensure_demo_session(db, content, context.today())
        purge_expired(context)
        purging = asyncio.create_task(purge_periodically(context))
        yield
        purging.cancel()
        engine.dispose()

    app = FastAPI(
        title="Opdenksessie", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None
    )
    app.state.context = context
    app.add_middleware(GZipMiddleware, minimum_size=500)
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.cookie_secret(),
        session_cookie="opdenksessie",
        max_age=cookie_max_age(settings),
        same_site="lax",
    )
    # Outermost: a refused request never reaches the session, so its answer sets no cookie.
    app.add_middleware(SecurityMiddleware, settings=settings)
    redact_logs()
    # The autosaving screens first: routes are matched in order, and theirs are the busiest.
    for module in (group, participant, board, join, facilitator, table_cards, home):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=PROJECT_ROOT / "static"), name="static")
    errors.install(app)
    return app
