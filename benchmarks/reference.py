"""The reference endpoint: the least a save needs, to measure the real autosave route against.

A bare Starlette route that parses the same form the tablets send (multipart, as a browser's
FormData), inserts one row with the standard library's sqlite3 (WAL) and answers a few bytes.
It runs in its own uvicorn process, one worker, as the app does:

    REFERENCE_DB=/tmp/ref.db uvicorn benchmarks.reference:create_app --factory --port 8001
"""

import os
import sqlite3

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route


def create_app() -> Starlette:
    db = sqlite3.connect(os.environ.get("REFERENCE_DB", ":memory:"), check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute(
        "CREATE TABLE IF NOT EXISTS saves "
        "(id INTEGER PRIMARY KEY, key TEXT NOT NULL, value TEXT NOT NULL, version INTEGER)"
    )
    db.commit()

    async def save(request: Request) -> PlainTextResponse:
        form = await request.form()
        with db:
            db.execute(
                "INSERT INTO saves (key, value, version) VALUES (?, ?, ?)",
                (form["key"], form["value"], int(form["version"])),
            )
        return PlainTextResponse("ok")

    async def health(request: Request) -> PlainTextResponse:
        return PlainTextResponse("ok")

    return Starlette(routes=[Route("/save", save, methods=["POST"]), Route("/health", health)])
