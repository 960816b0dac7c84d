"""The ready-made demo session a fresh install offers: four tables, some of them under way."""

from sqlmodel import Session as DbSession
from sqlmodel import select

from app.content import Content
from app.domain.entries import group_owner, participant_owner, write_many
from app.domain.moderation import inzicht_ref, moderate, shared_ref
from app.domain.sessions import (
    GroupDraft,
    SessionDraft,
    add_participant,
    create_session,
    groups_of,
)
from app.storage.tables import Entry, WorkshopSession

DEMO_TITLE = "Demo — Samen Opleiden in de Onderwijsregio"

# Tafel 1 stays empty for whoever tries the tablet; the others show what a board looks like.
DEMO_GROUPS = {
    2: {
        "w1.focuspunten": "bovenbestuurlijke-solidariteit,financien",
        "w1.bovenbestuurlijke-solidariteit.zin": (
            "In deze Onderwijsregio delen besturen de opleidingsplekken naar vraag en capaciteit."
        ),
        "w1.bovenbestuurlijke-solidariteit.metafoor": "Communicerende vaten",
        "w2.wie.1": "Schoolbesturen po",
        "w2.wie.2": "Lerarenopleidingen",
        "w2.wie.3": "HR-adviseurs",
        "w2.uitdagend": "1,3",
        "w2.1.wat": "Afspraken over capaciteit",
        "w2.1.hoe": "Dialoogtafels",
        "tk.inzicht_w1.1": "Solidariteit vraagt om afspraken die verder gaan dan één bestuur.",
    },
    3: {
        "w1.focuspunten": "organisatiestructuur,relaties,toekomstbestendigheid",
        "w1.organisatiestructuur.zin": (
            "In deze Onderwijsregio ontbreekt nog een gezamenlijke structuur; de partnerschappen "
            "werken naast elkaar."
        ),
        "w2.wie.1": "Schoolbesturen po",
        "w2.wie.2": "Mbo-instellingen",
        "tk.inzicht_w1.1": "Begin klein: één gezamenlijk overleg van de drie partnerschappen.",
    },
    4: {
        "w1.focuspunten": "kwaliteit,loopbaanontwikkeling",
        "tk.inzicht_w1.1": "Het kwaliteitskader is een goede gemeenschappelijke taal.",
    },
}
DEMO_SHARED = ("Ik neem mee dat solidariteit tussen besturen om concrete afspraken vraagt.",)


def ensure_demo_session(db: DbSession, content: Content, today) -> WorkshopSession:
    """Create the demo session once, when the database has no demo session yet."""
    existing = demo_session(db)
    if existing is not None:
        return existing
    casussen = list(content.casussen)
    draft = SessionDraft(
        title=DEMO_TITLE,
        date=today.isoformat(),
        groups=[GroupDraft(f"Tafel {n}", casussen[(n - 1) % len(casussen)]) for n in range(1, 5)],
    )
    session = create_session(db, draft)
    session.demo = True
    session.current_block = content.programma.blokken[2].id
    db.add(session)
    db.commit()
    participant = add_participant(db, session.id, "")
    conn = db.connection()
    revealed = []
    for position, group in enumerate(groups_of(db, session.id), start=1):
        values = DEMO_GROUPS.get(position, {})
        write_many(
            conn, session.id, group_owner(group.id), [(k, v, False) for k, v in values.items()]
        )
        revealed += [inzicht_ref(group.id, k) for k in values if k.startswith("tk.inzicht")]
    owner = participant_owner(participant.id)
    write_many(conn, session.id, owner, [("oogst.eyeopeners", text, True) for text in DEMO_SHARED])
    shared = conn.execute(select(Entry.id).where(Entry.owner == owner)).scalars()
    # A board under way: as if the facilitator had revealed what was written.
    moderate(conn, session.id, revealed + [shared_ref(i) for i in shared], "revealed", True)
    db.commit()
    return session


def demo_session(db: DbSession) -> WorkshopSession | None:
    return db.exec(select(WorkshopSession).where(WorkshopSession.demo)).first()
