"""`python -m app.cli prepare`: check the content, migrate the database and seed the demo."""

import sys

from app.content import ContentError, load_content
from app.settings import get_settings
from app.storage.database import make_engine, migrate


def prepare() -> int:
    settings = get_settings()
    try:
        load_content(settings.content_dir)
    except ContentError as error:
        print(f"The content files are not valid:\n{error}", file=sys.stderr)
        return 1
    migrate(make_engine(settings.database_url))
    print(f"Database ready: {settings.database_url}")
    return 0


if __name__ == "__main__":
    if sys.argv[1:] != ["prepare"]:
        print("usage: python -m app.cli prepare", file=sys.stderr)
        sys.exit(2)
    sys.exit(prepare())
