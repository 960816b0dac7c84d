"""The facilitator prepares a session, moves the room through the programme, takes the harvest."""

import json
import re

import pytest

from tests.web.flows import Device, page_text, redirect_path

NEW_SESSION = {
    "title": "Opdenksessie Noord",
    "date": "2025-09-30",
    "group_name": ["Tafel A", "Tafel B", ""],
    "group_casus": ["stad-en-streek", "binnenmeren", "stad-en-streek"],
}


@pytest.fixture
def facilitator(server):
    with Device(server.url) as device:
        yield device


def current_block(page: str) -> str:
    return re.search(r'<li class="current" id="blok-([\w-]+)"', page).group(1)


# --- preparing ----------------------------------------------------------------------------


def test_the_new_session_form_starts_from_the_programme_with_four_tables(facilitator):
    page = page_text(facilitator.get("/nieuw"))

    assert "Nieuwe sessie voorbereiden" in page
    assert page.count('class="group-row"') == 4
    assert 'value="Sterk en toekomstgericht: Samen Opleiden in de Onderwijsregio"' in page


def test_creating_a_session_opens_its_regie_page(facilitator):
    regie = redirect_path(facilitator.post("/nieuw", data=NEW_SESSION))

    assert re.fullmatch(r"/regie/[\w-]{24,}", regie)
    page = page_text(facilitator.get(regie))
    assert "Opdenksessie Noord" in page
    assert "30 september 2025" in page
    assert re.search(r'<strong class="code">\w{4}-\w{4}</strong>', page)
    assert "<td>Tafel A</td><td>Stad & Streek</td>" in page
    assert "<td>Tafel B</td><td>Binnenmeren</td>" in page
    assert page.count('<tr id="groep-') == 2  # the blank row is not a group


def test_a_wrong_form_comes_back_with_dutch_errors_and_what_was_typed(facilitator):
    typed = {**NEW_SESSION, "title": "", "date": "30-09-2025", "group_name": ["Tafel A", "tafel a"]}

    response = facilitator.post("/nieuw", data=typed)

    page = page_text(response, status=422)
    assert "Nog niet alles klopt" in page
    assert "Geef de sessie een titel." in page
    assert "Vul een geldige datum in" in page
    assert "Deze naam komt al voor; geef elke groep een eigen naam." in page
    assert 'name="date" type="date" value="30-09-2025"' in page
    assert 'value="Tafel A"' in page and 'value="tafel a"' in page
    assert '<option value="binnenmeren" selected>' in page


def test_a_group_with_an_unknown_casus_is_asked_to_choose_one(facilitator):
    typed = {**NEW_SESSION, "group_casus": ["stad-en-streek", "atlantis", "stad-en-streek"]}

    page = page_text(facilitator.post("/nieuw", data=typed), status=422)

    assert "Kies een casus voor deze groep." in page


def test_a_session_without_groups_is_refused(facilitator):
    typed = {**NEW_SESSION, "group_name": ["", ""], "group_casus": ["binnenmeren"] * 2}

    page = page_text(facilitator.post("/nieuw", data=typed), status=422)

    assert "Voeg minstens één groep toe" in page


def test_adding_a_group_row_returns_just_that_row(facilitator):
    row = page_text(facilitator.get("/nieuw/groep", params={"index": 4}))

    assert row.count('class="group-row"') == 1
    assert 'value="Tafel 5"' in row
    assert 'aria-label="Naam van groep 5"' in row
    assert "<html" not in row


def test_a_wrong_regie_link_gets_a_friendly_page(facilitator):
    page = page_text(facilitator.get("/regie/geen-geldige-sleutel"), status=404)

    assert "Deze regielink werkt niet" in page
    assert "volledige link" in page


# --- running ------------------------------------------------------------------------------


def test_next_and_previous_move_the_room_through_the_programme(room):
    facilitator = room.device()
    move = f"{room.regie}/blok"

    assert current_block(page_text(facilitator.post(move, data={"step": "1"}))) == "inloop"
    assert current_block(page_text(facilitator.post(move, data={"step": "1"}))) == "welkom"
    jumped = page_text(facilitator.post(move, data={"block_id": "werkvorm-2"}))
    assert current_block(jumped) == "werkvorm-2"
    assert "<html" not in jumped  # the programme fragment, swapped in place
    back = facilitator.post(move, data={"step": "-1"})
    assert current_block(page_text(back)) == "uitleg-werkvorm-2"

    assert current_block(page_text(facilitator.get(room.regie))) == "uitleg-werkvorm-2"


def test_the_current_block_shows_on_the_group_tablets(room):
    tablet = room.tablet()
    assert "De sessie is nog niet begonnen" in tablet.group_page()

    room.device().post(f"{room.regie}/blok", data={"block_id": "werkvorm-1"})

    assert "Werkvorm 1 – Scenario-denken met casus" in tablet.group_page().split('id="nu"')[1]


def test_an_unknown_block_leaves_the_programme_where_it_was(room):
    facilitator = room.device()
    facilitator.post(f"{room.regie}/blok", data={"block_id": "welkom"})

    page = page_text(facilitator.post(f"{room.regie}/blok", data={"block_id": "borrel"}))

    assert current_block(page) == "welkom"


def test_after_closing_the_session_the_code_no_longer_lets_people_in(room):
    facilitator, latecomer = room.device(), room.device()

    assert redirect_path(facilitator.post(f"{room.regie}/afsluiten")) == room.regie

    assert "afgesloten" in page_text(facilitator.get(room.regie))
    refused = page_text(latecomer.get(f"/j/{room.code}"), status=404)
    assert "Deze sessie is afgesloten door de facilitator" in refused
    assert latecomer.join_as_participant("Laat").status_code == 404


def test_after_closing_a_tablet_is_told_nothing_is_saved_any_more(room):
    tablet = room.tablet()
    tablet.save("tk.opbrengst", "Een agenda")
    room.device().post(f"{room.regie}/afsluiten")

    refused = tablet.save("tk.opbrengst", "Een agenda voor maart", version=1)

    assert refused.status_code == 423
    assert "De sessie is afgesloten; er wordt niets meer opgeslagen." in page_text(refused, 423)
    assert "Je tekst staat nog op dit apparaat." in page_text(refused, 423)
    page = tablet.group_page()
    assert "Sessie afgesloten." in page
    assert "Een agenda voor maart" not in page and "Een agenda" in page


# --- taking the harvest -------------------------------------------------------------------


def test_the_export_downloads_as_json_and_imports_as_a_new_session(room):
    tablet, phone, facilitator = room.tablet(1), room.phone("Anne"), room.device()
    tablet.save("tk.inzicht_w1.1", "Begin klein.")
    phone.save_answer("oogst.eyeopeners", "Gedeeld inzicht")
    phone.share("oogst.eyeopeners")

    download = facilitator.get(f"{room.regie}/export.json")

    assert download.status_code == 200
    assert download.headers["content-type"].startswith("application/json")
    assert 'attachment; filename="opdenksessie-' in download.headers["content-disposition"]
    files = {"bestand": ("export.json", download.content, "application/json")}
    new_regie = redirect_path(facilitator.post("/importeer", files=files))
    assert new_regie != room.regie
    again = facilitator.get(f"{new_regie}/export.json").json()
    original = download.json()
    assert again["title"] == original["title"]
    assert [g["entries"] for g in again["groups"]] == [g["entries"] for g in original["groups"]]
    assert again["participants"] == original["participants"]
    assert "Begin klein." in page_text(facilitator.get(new_regie))


@pytest.mark.parametrize(
    "content, says",
    [
        (b"dit is geen json", "geen JSON-bestand"),
        (json.dumps({"format": "iets/9", "title": "x"}).encode(), "klopt niet"),
        (
            json.dumps(
                {
                    "format": "opdenksessie/1",
                    "title": "Oud",
                    "date": "2025-06-26",
                    "groups": [{"name": "Tafel 1", "casus": "atlantis"}],
                }
            ).encode(),
            "Kies een casus voor deze groep.",
        ),
    ],
)
def test_a_wrong_import_file_gets_a_dutch_page_not_a_crash(facilitator, content, says):
    files = {"bestand": ("sessie.json", content, "application/json")}

    page = page_text(facilitator.post("/importeer", files=files), status=422)

    assert "Importeren lukte niet" in page
    assert says in page


def test_the_verslag_downloads_as_markdown(room):
    room.tablet().choose("kwaliteit")

    response = room.device().get(f"{room.regie}/verslag.md")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/markdown")
    assert "attachment" in response.headers["content-disposition"]
    assert response.text.startswith("# Opdenksessie test\n")
    assert "**Kwaliteit**" in response.text


def test_the_facilitator_sees_which_tables_joined(room):
    room.tablet(1)

    page = page_text(room.device().get(room.regie))

    assert "<strong>1</strong> van 2 groepen aangesloten" in page
    row = page.split(f'<tr id="groep-{room.groups[1].id}">')[1].split("</tr>")[0]
    assert "aangesloten" in row
