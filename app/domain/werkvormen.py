"""Closing a werkvorm: its fields on the group tablets turn read-only until it is reopened."""

from sqlmodel import Session as DbSession

from app.storage.tables import WorkshopSession

# The group fields of each werkvorm that can be closed (see worksheet.py for the keys): those on
# its tab of the tablet, the inzichten and vervolg prepared for the terugkoppeling included.
FIELDS = {
    "scenario-denken": ("w1.", "tk.inzicht_w1."),
    "partners-in-beeld": ("w2.", "tk.inzicht_w2.", "tk.vervolgstap", "tk.opbrengst"),
}

CLOSED_MESSAGE = (
    "De facilitator heeft deze werkvorm gesloten; er wordt niets meer opgeslagen. "
    "Je tekst staat nog op dit apparaat."
)


def werkvorm_of(key: str) -> str | None:
    """The werkvorm a group field belongs to; None for fields outside any (the rollen)."""
    return next((w for w, prefixes in FIELDS.items() if key.startswith(prefixes)), None)


def closed_werkvormen(session: WorkshopSession) -> frozenset[str]:
    return frozenset(filter(None, session.closed_werkvormen.split(",")))


def set_werkvorm_closed(
    db: DbSession, session: WorkshopSession, werkvorm: str, closed: bool
) -> bool:
    """Close or reopen `werkvorm`; False for a werkvorm that has no fields to close."""
    if werkvorm not in FIELDS:
        return False
    now = closed_werkvormen(session)
    now = now | {werkvorm} if closed else now - {werkvorm}
    session.closed_werkvormen = ",".join(sorted(now))
    db.add(session)
    db.commit()
    return True
