"""Backups for whoever runs the server (never offered over the web):

    python -m app.backup dump FILE      write every session to FILE, names and private sheets too
    python -m app.backup restore FILE   add the sessions in FILE to this install's database

Both use the app's own settings (DATABASE_URL, OPD_CONTENT_DIR), so run them where the app runs.
"""

import argparse
import json
import os
import sys
from pathlib import Path

from sqlmodel import Session as DbSession

from app.content import ContentError, load_content
from app.domain.backup import dump_all, restore_all
from app.domain.export import ImportRefused
from app.domain.worksheet import Worksheet
from app.settings import get_settings
from app.storage.database import make_engine, migrate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m app.backup", description="Back up or restore every session of this install."
    )
    parser.add_argument("action", choices=["dump", "restore"])
    parser.add_argument("file", type=Path)
    args = parser.parse_args(argv)
    settings = get_settings()
    engine = make_engine(settings.database_url)
    try:
        migrate(engine)
        with DbSession(engine, expire_on_commit=False) as db:
            if args.action == "dump":
                backup = dump_all(db)
                write_private(args.file, json.dumps(backup, ensure_ascii=False, indent=1))
                print(f"wrote {len(backup['sessions'])} sessions to {args.file}")
                return 0
            worksheet = Worksheet(load_content(settings.content_dir))
            for line in restore_all(db, worksheet, args.file.read_bytes()):
                print(line)
            return 0
    except (ImportRefused, ContentError, OSError) as error:
        print(f"{args.action} failed: {error}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()


def write_private(path: Path, text: str) -> None:
    """Write `text` readable by this user only: the backup holds personal data."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # also when the file was already there
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write(text)


if __name__ == "__main__":
    sys.exit(main())
