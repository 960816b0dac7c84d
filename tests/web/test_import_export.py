"""What leaves the server for the facilitator holds no names and no private answers; an import
file, however odd, is answered with a Dutch page that names the problem, never a crash."""

import json

import pytest

from app.domain.entries import group_owner, write_many
from app.domain.worksheet import FOCUSPUNTEN
from tests.web.flows import Device, page_text, redirect_path

PRIVATE = ("Marieke", "Jansen", "Alleen voor mezelf", "Toch liever niet gedeeld")


@pytest.fixture
def marieke(room):
    """Marieke keeps one answer private, shares two and takes a third share back."""
    phone = room.phone("Marieke Jansen")
    phone.save_answer("oogst.w1_praktijk", "Zo doen wij het op onze school")
    phone.share("oogst.w1_praktijk")
    phone.save_answer("oogst.w1_regio", "Alleen voor mezelf")
    phone.save_answer("oogst.w2_praktijk", "Toch liever niet gedeeld")
    phone.share("oogst.w2_praktijk")
    phone.share("oogst.w2_praktijk", shared=False)
    phone.save_answer("oogst.eyeopeners", "Aha: samen opleiden")
    phone.share("oogst.eyeopeners")
    return phone


def test_the_export_holds_what_marieke_shared_but_not_her_name_or_private_answers(room, marieke):
    response = room.device().get(f"{room.regie}/export.json")

    text = response.content.decode()
    assert not [word for word in PRIVATE if word in text]
    data = response.json()
    assert data["participants"] == 1
    # Question and text only, by question: nothing says the two answers are one person's.
    assert data["shared_answers"] == [
        {"key": "oogst.eyeopeners", "text": "Aha: samen opleiden"},
        {"key": "oogst.w1_praktijk", "text": "Zo doen wij het op onze school"},
    ]


def test_the_verslag_holds_what_marieke_shared_but_not_her_name_or_private_answers(room, marieke):
    text = room.device().get(f"{room.regie}/verslag.md").text

    assert not [word for word in PRIVATE if word in text]
    assert "- Aha: samen opleiden" in text and "- Zo doen wij het op onze school" in text


def test_the_regie_page_and_the_board_never_show_her_name_or_private_answers(room, marieke):
    regie = page_text(room.device().get(room.regie))
    board = room.board()

    assert not [word for word in PRIVATE if word in regie + board]
    assert '<strong id="deelnemers">1</strong>' in regie


def upload(device: Device, content: bytes):
    return device.post(
        "/importeer", files={"bestand": ("sessie.json", content, "application/json")}
    )


def refused(device: Device, content: bytes) -> str:
    page = page_text(upload(device, content), status=422)
    assert "Importeren lukte niet" in page
    return page


@pytest.fixture
def exported(room, marieke) -> dict:
    tablet = room.tablet()
    tablet.choose("kwaliteit")
    tablet.save("w1.kwaliteit.zin", "Samen bewaken we kwaliteit.")
    return room.device().get(f"{room.regie}/export.json").json()


def test_an_exported_session_imports_again_with_its_shared_answers(room, exported):
    facilitator = room.device()

    new_regie = redirect_path(upload(facilitator, json.dumps(exported).encode()))

    again = facilitator.get(f"{new_regie}/export.json").json()
    assert again["shared_answers"] == exported["shared_answers"]
    assert again["participants"] == exported["participants"]
    assert again["groups"] == exported["groups"]


def test_a_lone_surrogate_in_an_import_gets_a_page_naming_it(room, exported):
    raw = json.dumps(exported).replace("Samen bewaken", "\\ud800 bewaken").encode()

    assert "een teken dat geen tekst kan zijn" in refused(room.device(), raw)


def test_a_five_thousand_digit_number_in_an_import_gets_a_page_naming_it(room, exported):
    raw = json.dumps(exported).replace('"participants": 1', '"participants": ' + "9" * 5000)

    assert "een getal dat te groot is" in refused(room.device(), raw.encode())


def test_thirty_thousand_empty_participants_are_refused_with_a_clear_message(room):
    old = {"format": "opdenksessie/1", "title": "Groot", "date": "2025-06-26", "groups": []}
    raw = json.dumps({**old, "participants": [{}] * 30_000}).encode()
    assert len(raw) > 80_000

    page = refused(room.device(), raw)

    assert "bij ‘participants’ (te veel: 30000, maximaal 2000)" in page


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("participants", 30_000, "bij ‘participants’ (hoogstens 2000)"),
        ("participants", -1, "bij ‘participants’ (minstens 0)"),
        ("title", 123, "bij ‘title’ (verwacht tekst)"),
        ("date", "gisteren", "bij ‘date’ (verwacht een datum als 2025-06-26)"),
        ("closed", "misschien", "bij ‘closed’ (verwacht true of false)"),
        ("groups", {"a": 1}, "bij ‘groups’ (verwacht een lijst)"),
        ("onbekend", 1, "bij ‘onbekend’ (dit veld hoort niet in een export)"),
    ],
)
def test_a_wrong_value_in_an_import_is_named_in_dutch(room, exported, field, value, problem):
    page = refused(room.device(), json.dumps({**exported, field: value}).encode())

    assert problem in page
    assert "Input should" not in page and "Extra inputs" not in page


def test_an_unknown_focuspunt_is_refused_at_import(room, exported):
    exported["groups"][0]["entries"][FOCUSPUNTEN]["value"] = "kwaliteit,atlantis"

    page = refused(room.device(), json.dumps(exported).encode())

    assert "een keuze die deze installatie niet kent: ‘atlantis’" in page


def test_a_text_longer_than_the_live_field_allows_is_refused_at_import(room, exported, worksheet):
    limit = worksheet.group_fields["w1.kwaliteit.zin"].max_length
    exported["groups"][0]["entries"]["w1.kwaliteit.zin"]["value"] = "x" * (limit + 1)

    page = refused(room.device(), json.dumps(exported).encode())

    assert f"maximaal {limit}" in page


def test_an_unknown_focuspunt_already_in_the_database_does_not_break_the_regie_page(
    room, db, session
):
    stored = [(FOCUSPUNTEN, "kwaliteit,atlantis", False)]
    write_many(db.connection(), session.id, group_owner(room.groups[0].id), stored)
    db.commit()

    page = page_text(room.device().get(room.regie))

    assert "Kwaliteit" in page
