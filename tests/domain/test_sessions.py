"""Preparing a session, joining it with a code, and moving the room through the programme."""

from datetime import date, timedelta

import pytest

from app.domain.sessions import (
    CODE_ALPHABET,
    GroupDraft,
    JoinRefused,
    SessionDraft,
    UnknownCode,
    close_session,
    create_session,
    default_draft,
    group_for_table_code,
    grouped_code,
    groups_of,
    move_to_block,
    neighbour_block,
    normalise_code,
    session_for_code,
    session_for_key,
    validate_draft,
)
from tests.conftest import make_session

VALID_DAYS = 14


def draft(content, title="Opdenksessie", when="2025-09-30", groups=None) -> SessionDraft:
    casus = next(iter(content.casussen))
    names = ["Tafel 1", "Tafel 2"] if groups is None else groups
    return SessionDraft(title, when, [GroupDraft(name, casus) for name in names])


def join(db, code: str, today: date | None = None):
    return session_for_code(db, code, today or date.today(), VALID_DAYS)


# --- the new-session form ---------------------------------------------------------------------


def test_a_complete_draft_is_valid(content):
    assert validate_draft(content, draft(content)).errors == {}


def test_the_default_draft_is_the_programme_with_four_tables(content):
    prepared = default_draft(content, date(2025, 9, 30))

    assert prepared.title == content.programma.titel
    assert prepared.date == "2025-09-30"
    assert [g.name for g in prepared.groups] == ["Tafel 1", "Tafel 2", "Tafel 3", "Tafel 4"]
    assert validate_draft(content, prepared).valid


def test_a_session_without_title_asks_for_one(content):
    checked = validate_draft(content, draft(content, title="   "))

    assert checked.errors == {"title": "Geef de sessie een titel."}


def test_a_title_over_200_characters_is_refused(content):
    assert "200 tekens" in validate_draft(content, draft(content, title="t" * 201)).errors["title"]


@pytest.mark.parametrize("typed", ["", "30-09-2025", "2025-02-30", "morgen"])
def test_a_wrong_date_asks_for_a_valid_one_with_an_example(content, typed):
    checked = validate_draft(content, draft(content, when=typed))

    assert checked.errors["date"].startswith("Vul een geldige datum in")
    assert "bijvoorbeeld 2025-09-30" in checked.errors["date"]
    assert checked.date == typed


def test_a_session_needs_at_least_one_named_group(content):
    checked = validate_draft(content, draft(content, groups=["", "  "]))

    assert "minstens één groep" in checked.errors["groups"]


def test_two_groups_with_the_same_name_are_refused_on_the_second(content):
    checked = validate_draft(content, draft(content, groups=["Tafel 1", "tafel 1 "]))

    assert checked.errors == {
        "groups.1.name": "Deze naam komt al voor; geef elke groep een eigen naam."
    }


def test_a_group_without_a_known_casus_is_asked_to_choose_one(content):
    prepared = draft(content)
    prepared.groups[1].casus_id = "atlantis"

    checked = validate_draft(content, prepared)

    assert checked.errors == {"groups.1.casus_id": "Kies een casus voor deze groep."}


def test_a_refused_draft_keeps_what_was_typed(content):
    prepared = SessionDraft("", "gisteren", [GroupDraft("Tafel 7", "atlantis")])

    checked = validate_draft(content, prepared)

    assert set(checked.errors) == {"title", "date", "groups.0.casus_id"}
    assert (checked.date, checked.groups[0].name, checked.groups[0].casus_id) == (
        "gisteren",
        "Tafel 7",
        "atlantis",
    )


# --- creating and joining -----------------------------------------------------------------


def test_a_new_session_gets_an_eight_character_code_without_ambiguous_characters(db, content):
    session = make_session(db, content, groups=3)

    assert len(session.code) == 8
    assert set(session.code) <= set(CODE_ALPHABET)
    assert not set("01IO") & set(CODE_ALPHABET)
    assert len(session.facilitator_key) >= 24
    assert session_for_key(db, session.facilitator_key).id == session.id
    assert [g.name for g in groups_of(db, session.id)] == ["Tafel 1", "Tafel 2", "Tafel 3"]


def test_sessions_get_different_codes_and_keys(db, content):
    sessions = [make_session(db, content) for _ in range(5)]

    assert len({s.code for s in sessions}) == 5
    assert len({s.facilitator_key for s in sessions}) == 5


def test_blank_group_rows_are_not_created(db, content):
    session = create_session(db, validate_draft(content, draft(content, groups=["A", "", "B"])))

    assert [g.name for g in groups_of(db, session.id)] == ["A", "B"]


@pytest.mark.parametrize("typed", ["{code}", "{lower}", " {lower} ", "{a}-{b}", "{a} {b}"])
def test_a_code_opens_its_session_however_it_is_typed(db, session, typed):
    code = session.code
    text = typed.format(code=code, lower=code.lower(), a=code[:3].lower(), b=code[3:])

    assert join(db, text).id == session.id


def test_normalise_code_keeps_only_letters_and_digits_in_capitals():
    assert normalise_code(" ab-c d9 ") == "ABCD9"


def test_an_empty_code_asks_for_the_code_on_the_screen(db):
    with pytest.raises(JoinRefused, match="Vul de code in die op het scherm voorin de zaal staat"):
        join(db, " - ")


def test_an_unknown_code_is_refused_naming_the_code(db, session):
    with pytest.raises(JoinRefused) as refused:
        join(db, "zzzz-zzzz")

    assert "De code ZZZZ-ZZZZ kennen we niet" in str(refused.value)
    assert "8 tekens" in str(refused.value)


def test_a_closed_session_cannot_be_joined(db, session):
    close_session(db, session)

    with pytest.raises(JoinRefused, match="afgesloten door de facilitator"):
        join(db, session.code)


def test_a_code_expires_the_given_number_of_days_after_the_session(db, content):
    session = make_session(db, content, when=date(2025, 9, 30))

    assert join(db, session.code, today=date(2025, 10, 14)).id == session.id
    with pytest.raises(JoinRefused) as refused:
        join(db, session.code, today=date(2025, 10, 15))

    assert f"De code {grouped_code(session.code)} is verlopen" in str(refused.value)
    assert "30-09-2025" in str(refused.value)


def test_a_session_planned_for_later_can_be_joined_already(db, content):
    session = make_session(db, content, when=date.today() + timedelta(days=30))

    assert join(db, session.code).id == session.id


# --- the programme ------------------------------------------------------------------------


def test_next_block_from_the_start_is_the_first_block(content):
    first = content.programma.blokken[0].id

    assert neighbour_block(content, None, 1) == first
    assert neighbour_block(content, None, -1) is None


def test_next_and_previous_block_step_through_the_programme(content):
    ids = [b.id for b in content.programma.blokken]

    assert neighbour_block(content, ids[2], 1) == ids[3]
    assert neighbour_block(content, ids[2], -1) == ids[1]
    assert neighbour_block(content, ids[-1], 1) is None
    assert neighbour_block(content, ids[0], -1) is None


def test_moving_to_a_block_makes_it_current(db, content, session):
    assert move_to_block(db, content, session, "werkvorm-1") is True

    assert session_for_key(db, session.facilitator_key).current_block == "werkvorm-1"


def test_moving_to_an_unknown_block_changes_nothing(db, content, session):
    move_to_block(db, content, session, "werkvorm-1")

    assert move_to_block(db, content, session, "borrel") is False
    assert session_for_key(db, session.facilitator_key).current_block == "werkvorm-1"


# --- table codes: the key on each table card ---------------------------------------------------


def test_every_table_gets_its_own_ten_character_table_code(db, content):
    session = make_session(db, content, groups=3)

    codes = [g.table_code for g in groups_of(db, session.id)]

    assert all(len(code) == 10 and set(code) <= set(CODE_ALPHABET) for code in codes)
    assert len(set(codes) | {session.code}) == 4


def test_codes_are_shown_in_groups_of_four():
    assert grouped_code("KT4P9XWM2Q") == "KT4P-9XWM-2Q"
    assert grouped_code("ABCDEFGH") == "ABCD-EFGH"


def test_a_table_code_as_typed_finds_its_table(db, session):
    table = groups_of(db, session.id)[1]

    found_session, group = group_for_table_code(
        db, f" {grouped_code(table.table_code).lower()} ", date.today(), 14
    )

    assert (found_session.id, group.id) == (session.id, table.id)


def test_an_unknown_table_code_is_refused_as_a_wrong_try(db, session):
    with pytest.raises(UnknownCode, match="De tafelcode ZZZZ-ZZZZ-ZZ kennen we niet"):
        group_for_table_code(db, "ZZZZZZZZZZ", date.today(), 14)


def test_a_table_code_of_a_closed_session_is_refused(db, session):
    table = groups_of(db, session.id)[0]
    close_session(db, session)

    with pytest.raises(JoinRefused, match="afgesloten door de facilitator"):
        group_for_table_code(db, table.table_code, date.today(), 14)
