"""The room's clock: a countdown for the current block, or for the current step of its werkvorm.

The facilitator starts, pauses, resumes, extends (+5 min) and skips; every screen shows the same
countdown because it is computed from the server's time (`now` is passed in, so tests use a
clock of their own). A block whose werkvorm has steps counts down step by step, each step for
the upper end of its minutes ("5–10" runs 10 minutes); any other block counts down from its
start to its end time in the programme.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlmodel import Session as DbSession

from app.content import Content
from app.content.models import ProgrammaBlok, Stap, minutes_of_day
from app.domain.sessions import move_to_block, neighbour_block
from app.storage.tables import WorkshopSession

EXTEND_MINUTES = 5
NEAR_SECONDS = 2 * 60  # the calm "bijna" signal: two minutes left
MESSAGE_MAX = 140


def aware(moment: datetime | None) -> datetime | None:
    """SQLite hands datetimes back without their time zone; every one stored here is UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def current_block(session: WorkshopSession, content: Content) -> ProgrammaBlok | None:
    ids = {b.id for b in content.programma.blokken}
    return content.programma.blok(session.current_block) if session.current_block in ids else None


def steps_of(block: ProgrammaBlok, content: Content) -> tuple[Stap, ...]:
    return content.werkvorm(block.werkvorm).stappen if block.werkvorm else ()


def step_minutes(step: Stap) -> int:
    return int(step.minuten.split("–")[-1])


def planned_minutes(block: ProgrammaBlok, content: Content, step: int) -> int:
    steps = steps_of(block, content)
    if steps:
        return step_minutes(steps[min(step, len(steps) - 1)])
    return minutes_of_day(block.eind) - minutes_of_day(block.start)


@dataclass(frozen=True)
class ClockView:
    """What a screen shows of the clock at one moment."""

    label: str  # "2. Kiezen van focuspunten" or the block's title
    state: str  # "idle" (not started), "running", "paused" or "over"
    seconds_left: int
    ends_at: datetime | None  # while running: when the time is up
    step: int  # index of the current step; 0 for a block without steps
    steps: int  # how many steps the block's werkvorm has
    now: datetime  # the server's time this view was taken at

    @property
    def signal(self) -> str:
        """ "normal", "bijna" (two minutes or less) or "tijd" (the time is up)."""
        if self.state == "over":
            return "tijd"
        if self.state in ("running", "paused") and self.seconds_left <= NEAR_SECONDS:
            return "bijna"
        return "normal"

    @property
    def text(self) -> str:
        if self.state == "over":
            return "tijd is om"
        minutes = f"{math.ceil(self.seconds_left / 60)} min"
        if self.state == "paused":
            return f"gepauzeerd, nog {minutes}"
        if self.state == "idle":
            return f"{minutes}, nog niet gestart"
        return f"nog {minutes}"

    @property
    def time(self) -> str:
        """The seconds left as m:ss."""
        return f"{self.seconds_left // 60}:{self.seconds_left % 60:02d}"

    @property
    def has_next_step(self) -> bool:
        return self.step + 1 < self.steps


def clock_view(session: WorkshopSession, content: Content, now: datetime) -> ClockView | None:
    """The clock as it stands at `now`; None before the programme has a current block."""
    block = current_block(session, content)
    if block is None:
        return None
    steps = steps_of(block, content)
    step = min(session.clock_step, len(steps) - 1) if steps else 0
    label = f"{step + 1}. {steps[step].titel}" if steps else block.titel
    length = timedelta(minutes=planned_minutes(block, content, step) + session.clock_extra_minutes)
    started, paused = aware(session.clock_started_at), aware(session.clock_paused_at)
    if started is None:
        state, left, ends_at = "idle", length, None
    else:
        ends_at = started + length
        left = ends_at - (paused or now)
        state = "paused" if paused else "running" if left.total_seconds() > 0 else "over"
        if paused:
            ends_at = None
    seconds = max(0, math.ceil(left.total_seconds()))
    return ClockView(label, state, seconds, ends_at, step, len(steps), now)


# ---- what the facilitator does --------------------------------------------------------------
# Each takes the session, the content and the moment, and changes the session's clock fields.


def start(session: WorkshopSession, content: Content, now: datetime) -> None:
    """Start the current block or step afresh (its extra minutes dropped)."""
    session.clock_started_at = now
    session.clock_paused_at = None
    session.clock_extra_minutes = 0


def pause(session: WorkshopSession, content: Content, now: datetime) -> None:
    if session.clock_started_at is not None and session.clock_paused_at is None:
        session.clock_paused_at = now


def resume(session: WorkshopSession, content: Content, now: datetime) -> None:
    """Run on from where the clock stood: the pause does not count."""
    started, paused = aware(session.clock_started_at), aware(session.clock_paused_at)
    if started is not None and paused is not None:
        session.clock_started_at = started + (now - paused)
        session.clock_paused_at = None


def extend(session: WorkshopSession, content: Content, now: datetime) -> None:
    """Five more minutes; once the time was up, five minutes from now."""
    view = clock_view(session, content, now)
    if view is not None and view.state == "over":
        session.clock_started_at = now - timedelta(
            minutes=planned_minutes(current_block(session, content), content, view.step)
        )
        session.clock_extra_minutes = EXTEND_MINUTES
    else:
        session.clock_extra_minutes += EXTEND_MINUTES


def next_step(session: WorkshopSession, content: Content, now: datetime) -> None:
    """On to the werkvorm's next step, whose clock starts at once."""
    view = clock_view(session, content, now)
    if view is not None and view.has_next_step:
        session.clock_step = view.step + 1
        start(session, content, now)


ACTIONS: dict[str, Callable[[WorkshopSession, Content, datetime], None]] = {
    "start": start,
    "pauze": pause,
    "hervat": resume,
    "verleng": extend,
    "volgende-stap": next_step,
}


def skip_block(db: DbSession, content: Content, session: WorkshopSession, now: datetime) -> bool:
    """Move the room to the next block and start its clock; False after the last block."""
    target = neighbour_block(content, session.current_block, 1)
    if target is None or not move_to_block(db, content, session, target):
        return False
    run_clock(db, content, session, "start", now)
    return True


def run_clock(
    db: DbSession, content: Content, session: WorkshopSession, action: str, now: datetime
) -> bool:
    """Do one of ACTIONS to the session's clock and store it; False for an unknown action."""
    if action not in ACTIONS or current_block(session, content) is None:
        return False
    ACTIONS[action](session, content, now)
    db.add(session)
    db.commit()
    return True


def send_message(db: DbSession, session: WorkshopSession, text: str, now: datetime) -> str:
    """Show `text` on every tablet in place of the previous message; empty text clears it.

    Returns why the text was refused ("" when sent), so the facilitator can shorten it.
    """
    text = " ".join(text.replace("\x00", "").split())  # one line, as the banner shows it
    if len(text) > MESSAGE_MAX:
        return f"Een bericht mag maximaal {MESSAGE_MAX} tekens zijn; dit zijn er {len(text)}."
    session.message = text
    session.message_at = now if text else None
    db.add(session)
    db.commit()
    return ""
