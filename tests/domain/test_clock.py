"""The room's clock, driven by a test clock: the facilitator starts, pauses, extends and skips."""

from datetime import UTC, datetime, timedelta

import pytest

from app.domain.clock import clock_view, run_clock, send_message, skip_block
from app.domain.sessions import move_to_block

T0 = datetime(2025, 9, 30, 12, 30, tzinfo=UTC)


def at(minutes: float = 0, seconds: float = 0) -> datetime:
    return T0 + timedelta(minutes=minutes, seconds=seconds)


@pytest.fixture
def room(db, content, session):
    """The session in werkvorm 1 (scenario-denken: 5, 5–10, 15–20, 5 and 5 minutes)."""
    move_to_block(db, content, session, "werkvorm-1")

    def do(action: str, when: datetime) -> None:
        assert run_clock(db, content, session, action, when)
        db.refresh(session)  # as the next request would read it back

    def view(when: datetime):
        return clock_view(session, content, when)

    return do, view


def test_before_the_first_block_there_is_no_clock(session, content):
    assert clock_view(session, content, T0) is None


def test_a_block_waits_for_the_facilitator_to_start_its_clock(room):
    do, view = room
    clock = view(T0)
    assert (clock.state, clock.label, clock.text) == (
        "idle",
        "1. Kennismaken met de casus",
        "5 min, nog niet gestart",
    )
    assert clock.ends_at is None


def test_a_running_step_counts_down_from_the_servers_time(room):
    do, view = room
    do("start", T0)
    clock = view(at(1, 30))
    assert (clock.state, clock.seconds_left, clock.text, clock.time) == (
        "running",
        210,
        "nog 4 min",
        "3:30",
    )
    assert clock.ends_at == at(5)
    assert clock.signal == "normal"


def test_two_minutes_before_the_end_the_signal_is_bijna_and_at_zero_tijd(room):
    do, view = room
    do("start", T0)
    assert view(at(2, 59)).signal == "normal"
    assert (view(at(3)).signal, view(at(3)).text) == ("bijna", "nog 2 min")
    over = view(at(5))
    assert (over.state, over.signal, over.text, over.seconds_left) == (
        "over",
        "tijd",
        "tijd is om",
        0,
    )
    assert view(at(9)).seconds_left == 0


def test_a_pause_stops_the_clock_and_resuming_runs_on_from_there(room):
    do, view = room
    do("start", T0)
    do("pauze", at(1))
    paused = view(at(30))
    assert (paused.state, paused.seconds_left, paused.text) == (
        "paused",
        240,
        "gepauzeerd, nog 4 min",
    )
    assert paused.ends_at is None
    do("hervat", at(30))
    assert view(at(31)).seconds_left == 180
    assert view(at(34)).state == "over"


def test_five_more_minutes_for_the_current_step(room):
    do, view = room
    do("start", T0)
    do("verleng", at(4))
    assert view(at(4)).seconds_left == 6 * 60


def test_five_more_minutes_after_the_time_was_up_count_from_now(room):
    do, view = room
    do("start", T0)
    do("verleng", at(12))
    clock = view(at(12))
    assert (clock.state, clock.seconds_left) == ("running", 5 * 60)


def test_the_next_step_starts_its_own_clock_for_the_upper_end_of_its_minutes(room):
    do, view = room
    do("start", T0)
    do("verleng", at(1))
    do("volgende-stap", at(3))
    clock = view(at(3))
    assert clock.label == "2. Kiezen van focuspunten"
    assert (clock.state, clock.seconds_left) == ("running", 10 * 60)  # "5–10", without the +5


def test_the_last_step_has_no_next_step(room):
    do, view = room
    for n in range(6):
        do("volgende-stap", at(n))
    clock = view(at(6))
    assert (clock.step, clock.steps, clock.has_next_step) == (4, 5, False)


def test_a_block_without_steps_counts_down_its_programme_time(db, content, session):
    move_to_block(db, content, session, "plenaire-oogst")  # 16.15–16.45, no steps
    run_clock(db, content, session, "start", T0)
    clock = clock_view(session, content, at(10))
    assert (clock.label, clock.text, clock.steps) == (
        "Plenaire oogst en verbinding",
        "nog 20 min",
        0,
    )


def test_moving_to_another_block_resets_its_clock(db, content, session, room):
    do, view = room
    do("start", T0)
    do("volgende-stap", at(5))
    move_to_block(db, content, session, "werkvorm-2")
    clock = view(at(6))
    assert (clock.state, clock.step, clock.seconds_left) == ("idle", 0, 5 * 60)


def test_skipping_a_block_moves_on_and_starts_the_next_clock(db, content, session, room):
    do, view = room
    assert skip_block(db, content, session, at(1))
    assert session.current_block == "uitleg-werkvorm-2"
    clock = view(at(2))
    assert (clock.state, clock.seconds_left) == ("running", 14 * 60)


def test_skipping_the_last_block_does_nothing(db, content, session):
    move_to_block(db, content, session, "afsluiting")
    assert not skip_block(db, content, session, T0)
    assert session.current_block == "afsluiting"


def test_an_unknown_action_changes_nothing(db, content, session, room):
    assert not run_clock(db, content, session, "ontplof", T0)
    assert session.clock_started_at is None


def test_a_message_replaces_the_previous_one_and_empty_text_clears_it(db, session):
    assert send_message(db, session, "  nog 5 minuten,\n rond af ", T0) == ""
    assert (session.message, session.message_at) == ("nog 5 minuten, rond af", T0)
    send_message(db, session, "Koffie staat klaar", at(1))
    assert session.message == "Koffie staat klaar"
    send_message(db, session, "", at(2))
    assert (session.message, session.message_at) == ("", None)


def test_a_message_longer_than_140_characters_is_refused_and_the_old_one_stays(db, session):
    send_message(db, session, "rond af", T0)
    refusal = send_message(db, session, "x" * 141, at(1))
    assert "maximaal 140 tekens" in refusal
    assert session.message == "rond af"
