"""The home page: the demo one click from every screen, and the way in for everyone else."""

import re

from tests.web.flows import Device, page_text, redirect_path


def test_home_offers_the_demo_with_one_click_to_each_screen(demo_server):
    with Device(demo_server.url) as visitor:
        home = page_text(visitor.get("/"))
        assert "Probeer de demosessie" in home
        shown = re.search(r'<strong class="code">(\w{4}-\w{4})</strong>', home).group(1)
        code = shown.replace("-", "")
        board = re.search(r'href="(/s/\w+/bord)"', home).group(1)
        regie = re.search(r'href="(/regie/[\w-]+)"', home).group(1)
        tablet_form = re.search(r'action="(/t/\w{10})"', home).group(1)
        phone_form = re.search(r'action="(/j/\w+/deelnemer)"', home).group(1)

        assert "Demo — Samen Opleiden" in page_text(visitor.get(board))
        assert f'<strong class="code">{shown}</strong>' in page_text(visitor.get(regie))

        tablet_path = redirect_path(visitor.post(tablet_form))
        assert tablet_path == f"/s/{code}/groep"
        assert "Tafel 1" in page_text(visitor.get(tablet_path))

        sheet_path = redirect_path(visitor.post(phone_form, data={"name": ""}))
        assert sheet_path == f"/s/{code}/oogst"
        assert "Mijn persoonlijke oogst" in page_text(visitor.get(sheet_path))


def test_the_demo_board_shows_tables_under_way(demo_server):
    with Device(demo_server.url) as visitor:
        board = re.search(r'href="(/s/\w+/bord)"', visitor.get("/").text).group(1)
        page = page_text(visitor.get(board))

    assert "Solidariteit vraagt om afspraken die verder gaan dan één bestuur." in page
    assert "Ik neem mee dat solidariteit tussen besturen om concrete afspraken vraagt." in page


def test_without_the_demo_home_offers_joining_a_new_session_and_import(server):
    with Device(server.url) as visitor:
        home = page_text(visitor.get("/"))

    assert "demosessie" not in home
    assert 'action="/j"' in home
    assert 'href="/nieuw"' in home
    assert 'action="/importeer"' in home


def test_health_answers_ok(server):
    with Device(server.url) as monitor:
        response = monitor.get("/health")

    assert (response.status_code, response.text) == (200, "ok")
