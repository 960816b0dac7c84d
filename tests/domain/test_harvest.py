"""The harvest adds up what the tables wrote and what people shared — and nothing private."""

import pytest

from app.domain.entries import group_owner, write_many
from app.domain.harvest import session_harvest
from app.domain.sessions import groups_of
from app.domain.worksheet import FOCUSPUNTEN, UITDAGEND
from tests.conftest import make_session


@pytest.fixture
def three_tables(db, content, table_of):
    session = make_session(db, content, groups=3)
    return session, [table_of(g) for g in groups_of(db, session.id)]


def counts(harvest) -> dict[str, int]:
    return {punt.id: n for punt, n in harvest.focus_counts if n}


def test_focuspunten_are_counted_across_the_groups(db, worksheet, three_tables):
    session, (one, two, three) = three_tables
    one.choose("kwaliteit", "financien")
    two.choose("kwaliteit", "relaties")
    three.choose("kwaliteit", "financien", "loopbaanontwikkeling")

    harvest = session_harvest(db, worksheet, session.id)

    assert counts(harvest) == {
        "kwaliteit": 3,
        "financien": 2,
        "relaties": 1,
        "loopbaanontwikkeling": 1,
    }
    assert harvest.max_focus_count == 3
    assert len(harvest.focus_counts) == 11  # every focuspunt, also the unchosen ones


def test_a_partner_named_by_two_groups_counts_once_with_both_groups(db, worksheet, three_tables):
    session, (one, two, three) = three_tables
    one.write("w2.wie.1", "Schoolbesturen PO")
    two.write("w2.wie.3", "  schoolbesturen   po ")
    three.write("w2.wie.1", "Gemeente")

    partners = session_harvest(db, worksheet, session.id).partners

    assert [(p.name, p.groups) for p in partners] == [
        ("Schoolbesturen PO", ["Tafel 1", "Tafel 2"]),
        ("Gemeente", ["Tafel 3"]),
    ]


def test_a_group_naming_the_same_partner_twice_counts_once(db, worksheet, session, tables):
    tables[0].write("w2.wie.1", "Pabo")
    tables[0].write("w2.wie.2", "PABO")

    assert session_harvest(db, worksheet, session.id).partners[0].groups == ["Tafel 1"]


def test_shared_answers_appear_and_private_answers_never(db, worksheet, session, person):
    sharing, private = person("Anne"), person("Bram")
    sharing.write("oogst.eyeopeners", "Samen opleiden begint bij elkaar kennen.")
    sharing.share("oogst.eyeopeners")
    sharing.write("oogst.w1_praktijk", "Mijn eigen, niet gedeelde gedachte.")
    private.write("oogst.eyeopeners", "Geheim van Bram.")

    harvest = session_harvest(db, worksheet, session.id)

    assert [(a.label, a.text) for a in harvest.shared] == [
        (
            "Deze inzichten en eye-openers heb ik opgedaan",
            "Samen opleiden begint bij elkaar kennen.",
        )
    ]
    assert harvest.participants == 2


def test_a_shared_answer_that_was_emptied_disappears(db, worksheet, session, person):
    someone = person()
    someone.write("oogst.eyeopeners", "Eerst dit.")
    someone.share("oogst.eyeopeners")
    someone.write("oogst.eyeopeners", "  ")

    assert session_harvest(db, worksheet, session.id).shared == []


def test_challenging_partners_carry_their_wat_and_hoe(db, worksheet, session, tables):
    table = tables[0]
    for n, name in enumerate(["Besturen", "Pabo", "Gemeente"], start=1):
        table.write(f"w2.wie.{n}", name)
    table.choose("1", "3", key=UITDAGEND)
    table.write("w2.3.wat", "Afspraken over huisvesting")
    table.write("w2.3.hoe", "Bilateraal gesprek")

    view = session_harvest(db, worksheet, session.id).groups[0]

    assert [(p.slot, p.name, p.challenging) for p in view.partners] == [
        (1, "Besturen", True),
        (2, "Pabo", False),
        (3, "Gemeente", True),
    ]
    assert [(p.name, p.wat, p.hoe) for p in view.challenging] == [
        ("Besturen", "", ""),
        ("Gemeente", "Afspraken over huisvesting", "Bilateraal gesprek"),
    ]


def test_a_group_view_holds_its_scenarios_roles_and_inzichten(db, worksheet, session, tables):
    table = tables[0]
    table.choose("financien", "kwaliteit")
    table.write("w1.financien.zin", "In deze Onderwijsregio is geld gedeeld.")
    table.write("rol.presentator", "Fatima")
    table.write("tk.inzicht_w1.2", "Tweede inzicht")
    table.write("tk.vervolgstap", "Bestuurlijk overleg plannen")

    view = session_harvest(db, worksheet, session.id).groups[0]

    assert [s.focuspunt.id for s in view.scenarios] == ["kwaliteit", "financien"]
    assert view.scenarios[1].answers["zin"] == "In deze Onderwijsregio is geld gedeeld."
    assert view.roles == {"Presentator": "Fatima"}
    assert view.inzichten_w1 == ["Tweede inzicht"]
    assert view.vervolgstap == "Bestuurlijk overleg plannen"
    assert view.joined


def test_an_empty_session_has_an_empty_harvest(db, worksheet, session):
    harvest = session_harvest(db, worksheet, session.id)

    assert harvest.joined_groups == 0
    assert harvest.partners == [] and harvest.shared == []
    assert harvest.max_focus_count == 0
    assert [g.group.name for g in harvest.groups] == ["Tafel 1", "Tafel 2"]


def test_the_harvest_of_one_session_ignores_another_session(db, content, worksheet, tables):
    other = make_session(db, content)
    tables[0].choose("kwaliteit", "financien")

    assert counts(session_harvest(db, worksheet, other.id)) == {}


def test_shared_answers_come_in_the_order_they_were_written_not_grouped_by_person(
    db, worksheet, session, person
):
    anne, bram = person("Anne"), person("Bram")
    for writer, key, text in [
        (anne, "oogst.w1_praktijk", "Eerste van Anne"),
        (bram, "oogst.w1_praktijk", "Eerste van Bram"),
        (anne, "oogst.eyeopeners", "Tweede van Anne"),
    ]:
        writer.write(key, text)
        writer.share(key)

    harvest = session_harvest(db, worksheet, session.id)

    assert [a.text for a in harvest.shared] == [
        "Eerste van Anne",
        "Eerste van Bram",
        "Tweede van Anne",
    ]


def test_an_unknown_or_doubled_focuspunt_in_the_database_does_not_break_the_harvest(
    db, worksheet, session, groups
):
    stored = [(FOCUSPUNTEN, "kwaliteit,atlantis,kwaliteit", False)]
    write_many(db.connection(), session.id, group_owner(groups[0].id), stored)
    db.commit()

    view = session_harvest(db, worksheet, session.id).groups[0]

    assert [p.id for p in view.focuspunten] == ["kwaliteit"]
