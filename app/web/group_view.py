"""Everything the group tablet page shows, shared by the page, its fragments and its stream."""

from sqlmodel import Session as DbSession

from app.context import AppContext
from app.domain.entries import entries_of, group_owner
from app.domain.harvest import group_harvest
from app.storage.tables import Group, WorkshopSession


def group_page_context(
    context: AppContext, db: DbSession, group: Group, messages: dict[str, str] | None = None
) -> dict:
    session = db.get(WorkshopSession, group.session_id)
    fields = entries_of(db.connection(), group_owner(group.id))
    return {
        "session": session,
        "group": group,
        "casus": context.content.casussen[group.casus_id],
        "content": context.content,
        "clock": context.clock(session),
        "worksheet": context.worksheet,
        "fields": fields,
        "view": group_harvest(context.worksheet, group, fields),
        "save_url": f"/s/{session.code}/groep/veld",
        "choose_url": f"/s/{session.code}/groep/keuze",
        "messages": messages or {},
    }
