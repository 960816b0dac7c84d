"""Tablets linked to a table: what the facilitator sees them as, linking and unlinking."""

import pytest

from app.domain.devices import (
    Admissions,
    device_label,
    devices_by_group,
    link_device,
    unlink_device,
)
from app.domain.sessions import close_session, groups_of
from tests.conftest import make_session

IPAD = "Mozilla/5.0 (iPad; CPU OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Safari/604.1"
ANDROID_TABLET = "Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 Chrome/124.0"
ANDROID_PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/124.0 Mobile Safari/537.36"
)
WINDOWS_CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36"
)


@pytest.mark.parametrize(
    ("agent", "label"),
    [
        (IPAD, "iPad"),
        (ANDROID_TABLET, "Android-tablet"),
        (ANDROID_PHONE, "Android-telefoon"),
        (WINDOWS_CHROME, "Chrome op Windows"),
        ("", "Onbekend apparaat"),
    ],
)
def test_a_device_is_named_as_the_facilitator_knows_it(agent, label):
    assert device_label(agent) == label


def test_linking_twice_is_one_link_and_unlinking_removes_it(db, engine, session):
    table = groups_of(db, session.id)[0]
    admissions = Admissions()

    link_device(db, table, "tablet-a", IPAD)
    link_device(db, table, "tablet-a", IPAD)
    link_device(db, table, "tablet-b", ANDROID_TABLET)

    links = devices_by_group(db, session.id)[table.id]
    assert [link.label for link in links] == ["iPad", "Android-tablet"]
    assert admissions.linked(engine, table.id, "tablet-a")

    unlinked = unlink_device(db, session.id, links[0].id)
    assert unlinked.device_id == "tablet-a"
    assert [link.label for link in devices_by_group(db, session.id)[table.id]] == ["Android-tablet"]
    assert not Admissions().linked(engine, table.id, "tablet-a")


def test_a_device_of_another_session_cannot_be_unlinked_from_here(db, content, session):
    other = make_session(db, content)
    table = groups_of(db, other.id)[0]
    link_device(db, table, "tablet-a", IPAD)
    link_id = devices_by_group(db, other.id)[table.id][0].id

    assert unlink_device(db, session.id, link_id) is None
    assert devices_by_group(db, other.id)[table.id]


def test_a_closed_session_is_known_as_closed(db, engine, session):
    assert not Admissions().closed(engine, session.id)

    close_session(db, session)

    assert Admissions().closed(engine, session.id)
    assert Admissions().closed(engine, 999_999)  # a session that is no longer there
