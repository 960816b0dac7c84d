"""A session in the room, clicked through in a real browser: facilitator, board, tablets, phones.

Every screen is its own browser context (own cookie, own localStorage), as separate devices.
Live updates are awaited with Playwright's auto-waiting `expect`, never with fixed sleeps.
"""

import re

import httpx
from playwright.sync_api import Page, expect

from app.domain.sessions import grouped_code
from tests.browser.screens import (
    AFTER_RESTART,
    LIVE,
    NOT_SAVED,
    SCREENSHOTS,
    VIEWPORTS,
    choose,
    expect_saved,
    export_of,
    field,
    join_as_group,
    join_as_participant,
    open_tab,
    prepare_session,
    read_facilitator_page,
    reveal_all,
    status,
    table_code,
    write,
)


def create_session_in_browser(fac: Page, groups: list[tuple[str, str]]):
    """The facilitator fills in /nieuw: a title and one row per group, the rest removed."""
    fac.goto("/nieuw")
    fac.locator("#title").fill("Opdenksessie Doorontwikkeling Samen Opleiden")
    rows = fac.locator(".group-row")
    while rows.count() > len(groups):
        rows.last.get_by_role("button", name="Verwijder groep").click()
    for index, (name, casus) in enumerate(groups):
        rows.nth(index).locator("input[name=group_name]").fill(name)
        rows.nth(index).locator("select[name=group_casus]").select_option(casus)
    fac.get_by_role("button", name="Sessie aanmaken").click()
    expect(fac).to_have_url(re.compile(r"/regie/"))
    return read_facilitator_page(fac.url, fac.content())


def go_to_block(fac: Page, title: str) -> None:
    """Press "Volgende →" block by block until the programme's current block is `title`."""
    blocks = fac.locator("#programme li")
    titles = blocks.all_inner_texts()
    target = next(i for i, text in enumerate(titles) if title in text)
    classes = [blocks.nth(i).get_attribute("class") or "" for i in range(len(titles))]
    now = next((i for i, c in enumerate(classes) if "current" in c.split()), -1)
    assert now <= target, f"the programme is already past {title!r}"
    for step in range(now + 1, target + 1):
        fac.get_by_role("button", name="Volgende →").click()
        expect(blocks.nth(step)).to_have_class(re.compile(r"\bcurrent\b"))


def test_facilitator_runs_a_session_with_two_tablets_and_two_participants(devices):
    fac = devices("laptop", "/")
    session = create_session_in_browser(
        fac, [("Tafel 1", "stad-en-streek"), ("Tafel 2", "binnenmeren")]
    )
    group_a, group_b = session.group_ids
    expect(fac.locator("strong.code")).to_have_text(grouped_code(session.code))

    # The board goes up on the projector straight away and is never reloaded after this.
    with fac.context.expect_page() as opened:
        fac.get_by_role("link", name="Open het bord ↗").click()
    board = opened.value
    board.set_viewport_size(VIEWPORTS["board"])
    expect(board).to_have_url(re.compile(rf"/s/{session.code}/bord$"))
    expect(board.locator(".join-code")).to_have_text(grouped_code(session.code))
    expect(board.locator("img.qr")).to_be_visible()
    expect(board.locator("#verbinding")).to_have_attribute("data-state", "open", timeout=LIVE)
    board.evaluate("window.neverReloaded = true")

    go_to_block(fac, "Werkvorm 1")
    expect(board.locator(".programme-strip li.current")).to_contain_text("Werkvorm 1", timeout=LIVE)

    tablet_a = join_as_group(devices("tablet"), session.code, "Tafel 1")
    tablet_b = join_as_group(devices("tablet"), session.code, "Tafel 2")
    expect(tablet_a.locator(".who")).to_contain_text("Stad")
    expect(tablet_b.locator(".who")).to_contain_text("Binnenmeren")
    named = join_as_participant(devices("phone"), session.code, "Annelies Verbeek")
    anonymous = join_as_participant(devices("phone"), session.code, "")

    expect(fac.locator(f"#groep-{group_a}")).to_contain_text("aangesloten", timeout=LIVE)
    expect(fac.locator(f"#groep-{group_b}")).to_contain_text("aangesloten", timeout=LIVE)
    expect(fac.locator("#deelnemers")).to_have_text("2", timeout=LIVE)

    # Tablet A: werkvorm 1 — three focuspunten, a fourth is refused kindly.
    open_tab(tablet_a, "w1")
    choose(tablet_a, "fp-kwaliteit")
    choose(tablet_a, "fp-financien")
    expect(tablet_a.locator("#w1-count")).to_contain_text("2 van 3")
    choose(tablet_a, "fp-relaties")
    expect(tablet_a.locator("#w1-count")).to_contain_text("3 van 3")
    tablet_a.locator("#fp-loopbaanontwikkeling").click()
    expect(tablet_a.locator("#w1-melding")).to_contain_text("al 3 focuspunten gekozen")
    expect(tablet_a.locator("#fp-loopbaanontwikkeling")).to_have_attribute("aria-pressed", "false")
    for kept in ("kwaliteit", "financien", "relaties"):
        expect(tablet_a.locator(f"#fp-{kept}")).to_have_attribute("aria-pressed", "true")
    expect(tablet_a.locator("#w1-count")).to_contain_text("3 van 3")

    scenario = "de lerarenopleidingen en besturen bewaken samen de kwaliteit van stages"
    write(tablet_a, "w1.kwaliteit.zin", scenario)
    write(tablet_a, "w1.kwaliteit.metafoor", "Een gedeelde keuken")
    inzicht = "Kwaliteit wordt pas gedeeld als ook het geld gedeeld wordt."
    write(tablet_a, "tk.inzicht_w1.1", inzicht)

    # Tablet B: werkvorm 2 — five partners, two of them uitdagend, with wat and hoe.
    open_tab(tablet_b, "w2")
    partners = [
        "Schoolbesturen vo",
        "Pabo Windesheim",
        "Gemeente Zwolle",
        "Mbo-college Deltion",
        "HR-adviseurs",
    ]
    for n, name in enumerate(partners, start=1):
        write(tablet_b, f"w2.wie.{n}", name)
    choose(tablet_b, "star-2")
    choose(tablet_b, "star-4")
    expect(tablet_b.locator("#w2-count")).to_contain_text("2 van 3")
    expect(tablet_b.locator("#w2-canvas")).to_contain_text("Pabo Windesheim")
    write(tablet_b, "w2.2.wat", "Afspraken over stageplekken in de krimpregio")
    tablet_b.locator("#field-w2-2-hoe .chip", has_text="dialoogtafels").click()
    expect(field(tablet_b, "w2.2.hoe")).to_have_value("dialoogtafels")
    expect_saved(tablet_b, "w2.2.hoe")
    write(tablet_b, "w2.4.wat", "Een gedeeld beeld van de instroom")
    write(tablet_b, "w2.4.hoe", "Bilaterale gesprekken met de directie")
    expect(tablet_b.locator("#w2-canvas")).to_contain_text("dialoogtafels", timeout=LIVE)
    vervolgstap = "Een gezamenlijke stagebureau-pilot voor de eilanden"
    write(tablet_b, "tk.vervolgstap", vervolgstap)

    # Participants: one shares an eye-opener anonymously, the other keeps theirs private.
    eye_opener = "Solidariteit tussen besturen vraagt om concrete afspraken over geld."
    write(named, "oogst.eyeopeners", eye_opener)
    share = named.locator("#share-oogst-eyeopeners button")
    expect(share).to_have_text("Deel met de zaal, zonder naam")
    share.click()
    expect(named.locator("#share-oogst-eyeopeners button")).to_have_attribute(
        "aria-pressed", "true"
    )
    private = "Mijn eigen bestuur doet hier nog niet aan mee, dat zeg ik liever niet hardop."
    write(anonymous, "oogst.eyeopeners", private)
    write(anonymous, "oogst.w1_praktijk", "Bij ons op school ontbreekt een opleidingsplan.")

    # The facilitator reads the inzicht and the eye-opener and lets them through to the board.
    for text in (inzicht, eye_opener):
        expect(fac.locator("#moderatie")).to_contain_text(text, timeout=LIVE)
    expect(fac.locator("#moderatie")).not_to_contain_text(private)
    reveal_all(fac)

    # The board followed all of it live.
    tile_a, tile_b = board.locator(f"#tile-{group_a}"), board.locator(f"#tile-{group_b}")
    expect(tile_a).to_contain_text("Tafel 1")
    for label in ("Kwaliteit", "Financiën", "Informele en formele relaties"):
        expect(tile_a.locator(".chips")).to_contain_text(label, timeout=LIVE)
    expect(tile_a).to_contain_text(f"“{inzicht}”", timeout=LIVE)
    expect(tile_b).to_contain_text(vervolgstap, timeout=LIVE)
    for punt in ("kwaliteit", "financien", "relaties"):
        expect(board.locator(f"#bar-{punt} .bar-count")).to_have_text("1", timeout=LIVE)
    expect(board.locator("#bar-loopbaanontwikkeling .bar-count")).to_have_text("0")
    cloud = board.locator(".cloud")
    for name in partners:
        expect(cloud).to_contain_text(name, timeout=LIVE)
    expect(board.locator(".quotes li")).to_have_text([eye_opener], timeout=LIVE)
    expect(board.locator("#participant-count")).to_have_text("2", timeout=LIVE)
    expect(board.locator("body")).not_to_contain_text(private)
    expect(board.locator("body")).not_to_contain_text("Annelies")

    # The facilitator sees both tables at work, and moves the whole room on.
    expect(fac.locator(f"#groep-{group_a}")).to_contain_text("Kwaliteit", timeout=LIVE)
    expect(fac.locator(f"#groep-{group_b}")).to_contain_text("aangesloten")
    expect(fac.locator("#deelnemers")).to_have_text("2")
    go_to_block(fac, "Werkvorm 2")
    for screen in (tablet_a, tablet_b):
        expect(screen.locator("#nu")).to_contain_text("Werkvorm 2", timeout=LIVE)
    expect(board.locator(".programme-strip li.current")).to_contain_text("Werkvorm 2", timeout=LIVE)
    assert board.evaluate("window.neverReloaded") is True


def test_typed_text_survives_a_reload_mid_typing(devices, app_server, prepared):
    tablet = join_as_group(devices("tablet"), prepared.code, "Tafel 1")
    open_tab(tablet, "w1")
    text = "Inzicht: samen opleiden begint bij samen plannen"
    box = field(tablet, "tk.inzicht_w1.1")
    box.click()
    box.press_sequentially(text)
    tablet.reload()  # well within the autosave's debounce: nothing was sent yet

    expect(field(tablet, "tk.inzicht_w1.1")).to_have_value(text)
    expect_saved(tablet, "tk.inzicht_w1.1")
    saved = export_of(app_server, prepared)["groups"][0]["entries"]
    assert saved["tk.inzicht_w1.1"]["value"] == text

    # A second tablet of the same table, with nothing in its storage, gets it from the server.
    other = join_as_group(devices("tablet"), prepared.code, "Tafel 1")
    open_tab(other, "w1")
    expect(field(other, "tk.inzicht_w1.1")).to_have_value(text)


def test_text_typed_while_the_server_is_down_is_saved_after_restart(devices, app_server, prepared):
    board = devices("board", prepared.board)
    expect(board.locator("#verbinding")).to_have_attribute("data-state", "open", timeout=LIVE)
    board.evaluate("window.neverReloaded = true")
    tablet = join_as_group(devices("tablet"), prepared.code, "Tafel 1")
    open_tab(tablet, "w1")
    write(tablet, "tk.inzicht_w1.1", "Voor de storing")
    reveal = {"zet": "revealed:1", "werkvorm": "1"}  # the facilitator lets werkvorm 1 through
    httpx.post(f"{app_server.url}{prepared.regie}/moderatie", data=reveal)
    expect(board.locator(f"#tile-{prepared.group_ids[0]}")).to_contain_text(
        "Voor de storing", timeout=LIVE
    )

    app_server.stop()
    during = "Tijdens de storing getypt: niets mag verloren gaan"
    write_offline = field(tablet, "tk.inzicht_w1.2")
    write_offline.click()
    write_offline.press_sequentially(during, delay=5)
    expect(status(tablet, "tk.inzicht_w1.2")).to_have_text(NOT_SAVED, timeout=LIVE)
    expect(tablet.locator("#verbinding")).not_to_have_attribute("data-state", "open")

    app_server.start()
    expect_saved(tablet, "tk.inzicht_w1.2", timeout=AFTER_RESTART)
    expect(write_offline).to_have_value(during)
    expect(tablet.locator("#verbinding")).to_have_attribute(
        "data-state", "open", timeout=AFTER_RESTART
    )
    saved = export_of(app_server, prepared)["groups"][0]["entries"]
    assert saved["tk.inzicht_w1.2"]["value"] == during
    httpx.post(f"{app_server.url}{prepared.regie}/moderatie", data=reveal)

    # The board reconnected by itself: it shows what arrived after the restart, and new work.
    tile = board.locator(f"#tile-{prepared.group_ids[0]}")
    expect(tile).to_contain_text(during, timeout=AFTER_RESTART)
    expect(board.locator("#verbinding")).to_have_attribute(
        "data-state", "open", timeout=AFTER_RESTART
    )
    choose(tablet, "fp-financien")
    expect(tile.locator(".chips")).to_contain_text("Financiën", timeout=LIVE)
    expect(board.locator("#bar-financien .bar-count")).to_have_text("1", timeout=LIVE)
    assert board.evaluate("window.neverReloaded") is True


def test_two_tablets_of_one_group_editing_the_same_field_see_both_versions(devices, prepared):
    tablet_a = join_as_group(devices("tablet"), prepared.code, "Tafel 2")
    tablet_b = join_as_group(devices("tablet"), prepared.code, "Tafel 2")
    key = "tk.vervolgstap"
    for tablet in (tablet_a, tablet_b):
        open_tab(tablet, "w2")

    # B loses the network and types on top of the old (empty) text; meanwhile A saves.
    tablet_b.context.set_offline(True)
    box_b = field(tablet_b, key)
    box_b.click()
    text_b = "Tablet B: eerst een regionale stagekaart maken"
    box_b.press_sequentially(text_b, delay=5)
    expect(status(tablet_b, key)).to_have_text(NOT_SAVED, timeout=LIVE)
    text_a = "Tablet A: eerst de besturen om tafel"
    write(tablet_a, key, text_a)

    tablet_b.context.set_offline(False)
    conflict = status(tablet_b, key).locator(".conflict")
    expect(conflict).to_be_visible(timeout=AFTER_RESTART)
    expect(conflict.locator(".theirs")).to_have_text(text_a)
    expect(field(tablet_b, key)).to_have_value(text_b)
    expect(field(tablet_a, key)).to_have_value(text_a)

    conflict.get_by_role("button", name="Mijn versie bewaren").click()
    expect_saved(tablet_b, key)
    expect(field(tablet_a, key)).to_have_value(text_b, timeout=LIVE)
    expect(status(tablet_a, key)).to_contain_text("Bijgewerkt vanaf een ander apparaat")


def test_limits_and_bad_input_keep_what_was_typed(devices, prepared):
    tablet = join_as_group(devices("tablet"), prepared.code, "Tafel 1")
    open_tab(tablet, "casus")
    too_long = "Schrijver: " + "Marieke van den Berg-Oosterhuis " * 4  # over the 80 allowed
    field(tablet, "rol.schrijver").fill(too_long)
    error = status(tablet, "rol.schrijver")
    expect(error).to_contain_text(f"Dit is te lang: maximaal 80 tekens, nu {len(too_long)}")
    expect(error).to_contain_text("Je tekst blijft staan")
    expect(field(tablet, "rol.schrijver")).to_have_value(too_long)
    tablet.reload()
    open_tab(tablet, "casus")
    expect(field(tablet, "rol.schrijver")).to_have_value(too_long)
    expect(status(tablet, "rol.schrijver")).to_contain_text("Dit is te lang", timeout=LIVE)
    field(tablet, "rol.schrijver").fill("Marieke")
    expect_saved(tablet, "rol.schrijver")

    phone = devices("phone", "/j")
    phone.locator("#code").fill("zz9z-zz99")
    phone.get_by_role("button", name="Verder").click()
    expect(phone.locator(".field-error")).to_contain_text("De code ZZ9Z-ZZ99 kennen we niet")
    expect(phone.locator("#code")).to_have_value(re.compile("zz9zzz99", re.IGNORECASE))

    fac = devices("laptop", "/nieuw")
    fac.locator("#title").fill("   ")
    fac.get_by_role("button", name="+ Groep toevoegen").click()
    rows = fac.locator(".group-row")
    expect(rows).to_have_count(5)
    names = ["Tafel Noord", "Tafel Zuid", "Tafel Oost", "Tafel West", "Tafel Eilanden"]
    for index, name in enumerate(names):
        rows.nth(index).locator("input[name=group_name]").fill(name)
    rows.nth(4).locator("select[name=group_casus]").select_option("binnenmeren")
    fac.get_by_role("button", name="Sessie aanmaken").click()
    expect(fac.locator(".field-error")).to_contain_text("Geef de sessie een titel.")
    expect(fac).to_have_url(re.compile(r"/nieuw$"))
    for index, name in enumerate(names):
        expect(rows.nth(index).locator("input[name=group_name]")).to_have_value(name)
    expect(rows.nth(4).locator("select[name=group_casus]")).to_have_value("binnenmeren")


def test_the_demo_tiles_each_open_their_screen_in_one_click(demo_devices):
    home = demo_devices("laptop", "/")
    code = home.locator(".demo strong.code").inner_text().replace("-", "")

    with home.context.expect_page() as opened:
        home.locator(".tile-link", has_text="Plenair bord").click()
    board = opened.value
    expect(board).to_have_url(re.compile(rf"/s/{code}/bord$"))
    expect(board.locator(".tile")).to_have_count(4)
    expect(board.locator(".tile").nth(1)).to_contain_text("Tafel 2")

    home.locator(".tile-link", has_text="Facilitator").click()
    expect(home).to_have_url(re.compile(r"/regie/"))
    expect(home.locator("#programme li")).to_have_count(7)
    expect(home.locator("#programme li.current")).to_contain_text("Werkvorm 1")

    tablet = demo_devices("tablet", "/")
    tablet.locator(".tile-link", has_text="Groepstablet").click()
    expect(tablet).to_have_url(re.compile(rf"/s/{code}/groep"))
    expect(tablet.locator(".who")).to_contain_text("Tafel 1")

    phone = demo_devices("phone", "/")
    phone.locator(".tile-link", has_text="Deelnemer").click()
    expect(phone).to_have_url(re.compile(rf"/s/{code}/oogst$"))
    expect(phone.locator("#in-oogst-eyeopeners")).to_be_visible()


# ---- screenshots ----------------------------------------------------------------------------

TABLES = {
    "Tafel 1": {
        "choices": ["kwaliteit", "doelstellingen", "financien"],
        "fields": {
            "rol.gespreksleider": "Ingrid",
            "rol.tijdbewaker": "Youssef",
            "rol.schrijver": "Marieke",
            "rol.presentator": "Pieter",
            "w1.kwaliteit.zin": (
                "In deze Onderwijsregio bewaken besturen en opleidingen samen de kwaliteit van "
                "de werkplekken, met het kwaliteitskader als gedeelde taal."
            ),
            "w1.kwaliteit.metafoor": "Een gedeelde keuken",
            "w1.kwaliteit.bespreekbaar": "Verschillen in begeleiding tussen scholen",
            "w1.kwaliteit.nodig": "Tijd voor schoolopleiders, een jaarlijkse audit",
            "w1.financien.zin": "In deze Onderwijsregio gaat het geld mee met de student.",
            "tk.inzicht_w1.1": "Kwaliteit wordt pas gedeeld als ook het geld gedeeld wordt.",
            "tk.inzicht_w1.2": "Het kwaliteitskader werkt als gemeenschappelijke taal.",
            "w2.wie.1": "Schoolbesturen po",
            "w2.wie.2": "Pabo",
            "w2.wie.3": "Gemeente",
        },
    },
    "Tafel 2": {
        "choices": ["bovenbestuurlijke-solidariteit", "relaties"],
        "fields": {
            "w1.bovenbestuurlijke-solidariteit.zin": (
                "In deze Onderwijsregio verdelen de besturen de opleidingsplekken naar vraag."
            ),
            "w2.wie.1": "Schoolbesturen vo",
            "w2.wie.2": "Lerarenopleidingen",
            "w2.wie.3": "Mbo-instellingen",
            "w2.wie.4": "HR-adviseurs",
            "w2.wie.5": "Provincie Flevoland",
            "w2.1.wat": "Afspraken over capaciteit en stageplekken in krimpgebieden",
            "w2.1.hoe": "Dialoogtafels, twee keer per jaar",
            "w2.3.wat": "Gezamenlijke visie op doorlopende leerlijnen",
            "w2.3.hoe": "Bilaterale gesprekken en een pilot",
            "w2.5.wat": "Financiële helderheid",
            "w2.5.hoe": "Gezamenlijk overleg met de gedeputeerde",
            "tk.inzicht_w1.1": "Solidariteit vraagt afspraken die verder gaan dan één bestuur.",
            "tk.inzicht_w2.1": "Het mbo ontbrak tot nu toe aan tafel.",
            "tk.vervolgstap": "Een regionaal stagebureau als pilot voor twee jaar",
            "tk.opbrengst": "Een gedeelde kaart van alle opleidingsplekken",
        },
        "uitdagend": ["1", "3", "5"],
    },
    "Tafel 3": {
        "choices": ["organisatiestructuur", "toekomstbestendigheid", "relaties"],
        "fields": {
            "tk.inzicht_w1.1": "Begin klein: één gezamenlijk overleg van de drie partnerschappen.",
            "w2.wie.1": "Schoolbesturen po",
            "w2.wie.2": "Kinderopvang",
        },
    },
}
SHARED = [
    "Ik neem mee dat solidariteit tussen besturen om concrete afspraken over geld vraagt.",
    "Het mbo hoort vanaf het begin aan tafel, niet pas bij de uitvoering.",
    "Onze school kan morgen al een gedeelde stagekalender beginnen.",
]


def fill_table(server_url: str, code: str, table_code: str, table: dict) -> None:
    """One table's work over plain HTTP (the same form posts the tablet makes), to save time.

    In the order a table works: partners are named before they can be marked uitdagend.
    """
    fields = table["fields"]
    first = [k for k in fields if k.startswith("w2.wie.")]
    picks = [("w1.focuspunten", item, "fp") for item in table["choices"]]
    picks += [("w2.uitdagend", item, "star") for item in table.get("uitdagend", [])]
    with httpx.Client(base_url=server_url) as tablet:
        tablet.post(f"/t/{table_code}")
        for key in first:
            answer = tablet.post(f"/s/{code}/groep/veld", data={"key": key, "value": fields[key]})
            assert answer.status_code == 200, (key, answer.text)
        for key, item, prefix in picks:
            answer = tablet.post(
                f"/s/{code}/groep/keuze", data={"key": key, "item": item, "on": "1"}
            )
            chosen = re.search(rf'id="{prefix}-{item}"[^>]*aria-pressed="true"', answer.text)
            assert answer.status_code == 200 and chosen, (key, item, answer.text[-500:])
        for key in (k for k in fields if k not in first):
            answer = tablet.post(f"/s/{code}/groep/veld", data={"key": key, "value": fields[key]})
            assert answer.status_code == 200, (key, answer.text)


def share_eye_opener(server_url: str, code: str, text: str) -> None:
    with httpx.Client(base_url=server_url) as phone:
        phone.post(f"/j/{code}/deelnemer", data={"name": ""})
        answer = phone.post(
            f"/s/{code}/oogst/veld", data={"key": "oogst.eyeopeners", "value": text}
        )
        assert answer.status_code == 200
        phone.post(f"/s/{code}/oogst/delen", data={"key": "oogst.eyeopeners", "shared": "1"})


def shoot(page: Page, name: str) -> None:
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    assert path.stat().st_size > 20_000, f"{name}.png looks empty"


def test_screenshots(devices, app_server):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    session = prepare_session(
        app_server,
        [
            ("Tafel 1", "stad-en-streek"),
            ("Tafel 2", "binnenmeren"),
            ("Tafel 3", "stad-en-streek"),
            ("Tafel 4 — Lerarenopleiders", "binnenmeren"),
        ],
        title="Sterk en toekomstgericht: Samen Opleiden in de Onderwijsregio",
    )
    fac = devices("laptop", session.regie)
    go_to_block(fac, "Werkvorm 2")
    for name, table in TABLES.items():
        card = table_code(app_server.url, session.code, name)
        fill_table(app_server.url, session.code, card, table)
    for text in SHARED:
        share_eye_opener(app_server.url, session.code, text)

    fac.reload()
    reveal_all(fac)
    board = devices("board", session.board)
    expect(board.locator(".quotes li")).to_have_count(3, timeout=LIVE)
    expect(board.locator(f"#tile-{session.group_ids[1]}")).to_contain_text("stagebureau")
    shoot(board, "board-1920x1080")
    board.set_viewport_size({"width": 1280, "height": 720})
    expect(board.locator(".tiles")).to_be_visible()
    shoot(board, "board-1280x720")
    overflow = board.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the board scrolls sideways at 1280×720 ({overflow}px too wide)"

    tablet = join_as_group(devices("tablet"), session.code, "Tafel 2")
    for tab in ("casus", "w1", "w2"):
        open_tab(tablet, tab)
        tablet.evaluate("window.scrollTo(0, 0)")
        shoot(tablet, f"tablet-{tab}-1280x800")
    open_tab(tablet, "w2")
    tablet.locator("#w2-canvas").scroll_into_view_if_needed()
    shoot(tablet, "tablet-w2-canvas-1280x800")
    tablet_a = join_as_group(devices("tablet"), session.code, "Tafel 1")
    open_tab(tablet_a, "w1")
    tablet_a.locator("#mini-scenarios").scroll_into_view_if_needed()
    shoot(tablet_a, "tablet-w1-scenarios-1280x800")

    phone = join_as_participant(devices("phone"), session.code, "Sanne")
    write(phone, "oogst.w1_praktijk", "Op onze school ontbreekt nog een gedeeld opleidingsplan.")
    shoot(phone, "phone-oogst-390x844")
    phone.locator("#share-oogst-eyeopeners").scroll_into_view_if_needed()
    shoot(phone, "phone-oogst-share-390x844")

    fac.reload()
    expect(fac.locator(f"#groep-{session.group_ids[1]}")).to_contain_text("aangesloten")
    shoot(fac, "facilitator-1440x900")

    for name in (
        "board-1920x1080",
        "board-1280x720",
        "tablet-casus-1280x800",
        "tablet-w1-1280x800",
        "tablet-w2-1280x800",
        "phone-oogst-390x844",
        "facilitator-1440x900",
    ):
        assert (SCREENSHOTS / f"{name}.png").stat().st_size > 20_000
