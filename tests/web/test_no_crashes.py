"""Whatever someone sends, the answer is a friendly Dutch page or fragment, never a 500."""

import json

import httpx

INZICHT = "tk.inzicht_w1.1"
TOO_BIG = "99999999999999999999"  # a number no database integer holds


def assert_friendly(response: httpx.Response, status: int | None = None) -> None:
    assert response.status_code < 500, f"{response.status_code}: {response.text[:300]}"
    if status is not None:
        assert response.status_code == status
    if response.status_code < 400:
        return
    assert response.headers["content-type"].startswith("text/html")
    assert 'lang="nl"' in response.text or 'role="alert"' in response.text
    assert "Traceback" not in response.text


# (who sends it, method, path, form data, the expected status)
BAD_REQUESTS = {
    "autosave without a key": ("tablet", "POST", "/s/{code}/groep/veld", {"value": "x"}, 422),
    "autosave with a word as version": (
        "tablet",
        "POST",
        "/s/{code}/groep/veld",
        {"key": INZICHT, "value": "x", "version": "twee"},
        422,
    ),
    "autosave with a huge key": (
        "tablet",
        "POST",
        "/s/{code}/groep/veld",
        {"key": "k" * 10_000, "value": "x"},
        422,
    ),
    "autosave with an impossible version": (
        "tablet",
        "POST",
        "/s/{code}/groep/veld",
        {"key": INZICHT, "value": "x", "version": TOO_BIG},
        None,
    ),
    "choice without an item": (
        "tablet",
        "POST",
        "/s/{code}/groep/keuze",
        {"key": "w1.focuspunten"},
        422,
    ),
    "choice with on=maybe": (
        "tablet",
        "POST",
        "/s/{code}/groep/keuze",
        {"key": "w1.focuspunten", "item": "kwaliteit", "on": "misschien"},
        422,
    ),
    "choice of an unknown kind": (
        "tablet",
        "POST",
        "/s/{code}/groep/keuze",
        {"key": "w9.iets", "item": "kwaliteit", "on": "1"},
        None,
    ),
    "joining a table with an unknown table code": ("anyone", "POST", "/t/ZZZZZZZZZZ", {}, 404),
    "a table code of only dashes": ("anyone", "GET", "/t/---", None, 404),
    "a name of a thousand letters": (
        "anyone",
        "POST",
        "/j/{code}/deelnemer",
        {"name": "n" * 1000},
        422,
    ),
    "sharing an unknown answer": ("phone", "POST", "/s/{code}/oogst/delen", {"key": "x"}, 403),
    "personal autosave without a key": ("phone", "POST", "/s/{code}/oogst/veld", {}, 422),
    "a block step that is not a number": (
        "anyone",
        "POST",
        "{regie}/blok",
        {"step": "verder"},
        422,
    ),
    "a row index that is not a number": ("anyone", "GET", "/nieuw/groep?index=vijf", None, 422),
    "an import without a file": ("anyone", "POST", "/importeer", {}, 422),
    "an unknown page": ("anyone", "GET", "/bestaat/niet", None, 404),
    "the board of an unknown code": ("anyone", "GET", "/s/ZZZZZZ/bord", None, 404),
    "the QR code of an unknown code": ("anyone", "GET", "/s/ZZZZZZ/qr.svg", None, 404),
    "the events of an unknown board": ("anyone", "GET", "/s/ZZZZZZ/bord/events", None, 404),
    "the events of an unknown regie link": ("anyone", "GET", "/regie/fout/events", None, 404),
    "a tablet's events without a group": ("anyone", "GET", "/s/{code}/groep/events", None, 403),
    "a code of only dashes": ("anyone", "GET", "/j/---", None, 404),
    "posting to the home page": ("anyone", "POST", "/", {}, 405),
}


def test_bad_input_gets_a_friendly_dutch_answer(room, subtests):
    tablet, phone = room.tablet(), room.phone()
    for name, (who, method, path, data, status) in BAD_REQUESTS.items():
        with subtests.test(name):
            device = {"tablet": tablet, "phone": phone}.get(who) or room.device()
            url = path.format(code=room.code, regie=room.regie)

            response = device.request(method, url, data=data)

            assert_friendly(response, status)


def test_an_htmx_request_with_bad_input_gets_an_error_fragment(room):
    tablet = room.tablet()

    response = tablet.post(
        f"/s/{room.code}/groep/veld",
        data={"key": INZICHT, "version": "twee"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 422
    assert response.text.startswith('<p class="notice error" role="alert">')
    assert "Dit klopt niet helemaal" in response.text


def test_text_with_a_nul_character_is_saved_or_refused_not_a_crash(room, subtests):
    tablet, phone = room.tablet(), room.phone()
    attempts = {
        "on the tablet": lambda: tablet.save(INZICHT, "voor\x00na"),
        "on the personal sheet": lambda: phone.save_answer("oogst.eyeopeners", "voor\x00na"),
        "as a name": lambda: room.device().join_as_participant("An\x00ne"),
        "as a group name": lambda: room.device().post(
            "/nieuw",
            data={"title": "T", "date": "2025-09-30", "group_name": "Ta\x00fel"}
            | {"group_casus": "binnenmeren"},
        ),
    }
    for name, attempt in attempts.items():
        with subtests.test(name):
            assert_friendly(attempt())


def test_an_import_with_an_impossible_field_name_is_not_a_crash(room):
    export = room.device().get(f"{room.regie}/export.json").json()
    export["groups"][0]["entries"] = {"k" * 300: {"value": "x"}}
    files = {"bestand": ("sessie.json", json.dumps(export).encode(), "application/json")}

    assert_friendly(room.device().post("/importeer", files=files))


def test_a_regie_link_with_strange_characters_is_a_friendly_404(room):
    assert_friendly(room.device().get("/regie/%00%FF"), 404)


def test_a_date_at_the_end_of_the_calendar_is_refused_and_the_form_kept(room):
    facilitator = room.device()
    new = {
        "title": "Ver weg",
        "date": "9999-12-31",
        "group_name": ["Tafel 1"],
        "group_casus": ["binnenmeren"],
    }
    response = facilitator.post("/nieuw", data=new)

    assert_friendly(response, 422)
    assert "Vul een geldige datum in" in response.text
    assert 'value="Ver weg"' in response.text
    assert 'value="Tafel 1"' in response.text
