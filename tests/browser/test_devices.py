"""Every device in the room: phones and tablets in both orientations can use every control.

The worksheet is filled over HTTP by another tablet of the same table (one line per step), then
looked at in Chromium at each screen size.
"""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.screens import (
    LIVE,
    SCREENSHOTS,
    choose,
    field,
    join_as_group,
    join_as_participant,
    open_tab,
    table_codes_by_id,
)
from tests.web.flows import Device

SIZES = {
    "phone-375x667": {"width": 375, "height": 667},
    "phone-390x844": {"width": 390, "height": 844},
    "tablet-portrait-768x1024": {"width": 768, "height": 1024},
    "tablet-landscape-1024x768": {"width": 1024, "height": 768},
    "tablet-1280x800": {"width": 1280, "height": 800},
}
PORTRAIT_TABLET = SIZES["tablet-portrait-768x1024"]
PHONE = SIZES["phone-390x844"]

PARTNERS = ["Schoolbesturen vo", "Pabo Windesheim", "Gemeente Zwolle", "Mbo-college Deltion"]


def fill_worksheet(server_url: str, code: str, group_id: int) -> None:
    """A second tablet of the table names partners, marks three and writes their wat and hoe."""
    with Device(server_url, code, table_codes_by_id(server_url, code)) as other:
        assert other.join_group(group_id).status_code == 303
        for n, name in enumerate(PARTNERS, start=1):
            other.save(f"w2.wie.{n}", name)
        for n in (1, 2, 3):
            other.choose(str(n), key="w2.uitdagend")
            other.save(f"w2.{n}.wat", f"Afspraken over stageplekken met partner {n}")
            other.save(f"w2.{n}.hoe", "Dialoogtafels met de directies, twee keer per jaar")
        for item in ("kwaliteit", "financien"):
            other.choose(item)


@pytest.fixture
def tablet(devices, prepared, app_server) -> Page:
    fill_worksheet(app_server.url, prepared.code, prepared.group_ids[0])
    return join_as_group(devices("tablet"), prepared.code, "Tafel 1")


def boxes(page: Page, selector: str) -> list[dict]:
    """The on-screen boxes of the visible elements matching `selector`."""
    return page.eval_on_selector_all(
        selector,
        """els => els.filter(e => e.checkVisibility()).map(e => {
            const r = e.getBoundingClientRect();
            const what = e.id || e.getAttribute("class") || e.tagName;
            const name = `${what} ${e.textContent.trim().slice(0, 30)}`;
            return {x: r.x, y: r.y, width: r.width, height: r.height, name};
        })""",
    )


def overlap(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


# ---- werkvorm 2: the three circles ---------------------------------------------------------


def test_the_three_circles_draw_beside_or_above_the_form_at_every_size(tablet):
    open_tab(tablet, "w2")
    expect(tablet.locator("#w2-canvas .outer-note")).to_have_count(3)
    for name, size in SIZES.items():
        tablet.set_viewport_size(size)
        tablet.locator("#w2-canvas").scroll_into_view_if_needed()

        canvas = tablet.locator("#w2-canvas .canvas").bounding_box()
        assert canvas["width"] > 250 and canvas["height"] > 250, (name, canvas)
        assert canvas["width"] <= size["width"], (name, canvas)
        notes = boxes(tablet, "#w2-canvas .ring-note, #w2-canvas .wie-list, #w2-canvas text")
        assert len(notes) == 10
        for note in notes:
            assert overlap(note, canvas), f"{name}: {note['name']} lies outside the circles"
            for other in notes:
                assert other is note or not overlap(note, other), (
                    f"{name}: {note['name']} covers {other['name']}"
                )
        form = "[data-panel=w2] input, [data-panel=w2] textarea, [data-panel=w2] .star"
        for note in notes:
            for control in boxes(tablet, form):
                assert not overlap(note, control), (
                    f"{name}: {note['name']} covers {control['name']}"
                )


def test_the_canvas_has_no_inline_styles(tablet):
    open_tab(tablet, "w2")
    assert tablet.locator("#w2-canvas [style]").count() == 0


def test_screenshots_of_werkvorm_2_on_a_portrait_tablet_and_a_phone(tablet):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, size in (("768x1024", PORTRAIT_TABLET), ("390x844", PHONE)):
        tablet.set_viewport_size(size)
        open_tab(tablet, "w2")
        tablet.locator("#w2-canvas").scroll_into_view_if_needed()
        path = SCREENSHOTS / f"tablet-w2-canvas-{name}.png"
        tablet.screenshot(path=str(path))
        assert path.stat().st_size > 20_000


# ---- tap targets -----------------------------------------------------------------------------

CONTROLS = "button, summary, a, select, [role=tab], input[type=checkbox], input[type=radio]"


def small_controls(page: Page) -> list[dict]:
    return [b for b in boxes(page, CONTROLS) if b["width"] < 44 or b["height"] < 44]


def test_every_control_on_the_group_tablet_is_at_least_44_px(tablet):
    for size in (PORTRAIT_TABLET, PHONE):
        tablet.set_viewport_size(size)
        for tab in ("casus", "w1", "w2"):
            open_tab(tablet, tab)
            tablet.locator(f"[data-panel={tab}] details").evaluate_all(
                "all => all.forEach(d => (d.open = true))"
            )
            assert small_controls(tablet) == [], (size, tab)


def test_every_control_on_the_personal_sheet_is_at_least_44_px(devices, prepared):
    phone = join_as_participant(devices("phone"), prepared.code, "Annelies")
    for size in (PORTRAIT_TABLET, PHONE):
        phone.set_viewport_size(size)
        assert small_controls(phone) == [], size


# ---- what a tablet shows ---------------------------------------------------------------------


def test_the_now_banner_shows_on_a_portrait_tablet(devices, prepared, app_server):
    with Device(app_server.url) as laptop:
        assert laptop.post(f"{prepared.regie}/blok", data={"step": "1"}).status_code == 200
    tablet = join_as_group(devices("tablet"), prepared.code, "Tafel 1")
    tablet.set_viewport_size(PORTRAIT_TABLET)

    banner = tablet.locator("#nu")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Nu")
    box = banner.bounding_box()
    assert box["width"] > 100 and box["x"] >= 0 and box["x"] + box["width"] <= 768


def test_a_suggestion_joins_the_text_without_doubled_punctuation(tablet):
    open_tab(tablet, "w2")
    hoe = field(tablet, "w2.1.hoe")
    chip = tablet.locator("#field-w2-1-hoe .chip").first
    suggestion = chip.get_attribute("data-suggest")

    hoe.fill("Eerst het mandaat.")
    chip.click()
    expect(hoe).to_have_value(f"Eerst het mandaat. {suggestion}")

    hoe.fill("Overleg")
    chip.click()
    expect(hoe).to_have_value(f"Overleg, {suggestion}")

    hoe.fill("")
    chip.click()
    expect(hoe).to_have_value(suggestion)


def test_unpicking_a_focuspunt_with_text_says_the_text_is_kept(tablet):
    open_tab(tablet, "w1")
    tablet.locator("#in-w1-kwaliteit-zin").fill("Stel: het bestuur stapt eruit.")
    expect(tablet.locator("#status-w1-kwaliteit-zin")).to_contain_text("Opgeslagen", timeout=LIVE)

    tablet.locator("#fp-kwaliteit").click()

    expect(tablet.locator("#scenario-kwaliteit")).to_have_count(0)
    expect(tablet.locator("#w1-melding")).to_contain_text(
        "Je tekst bij Kwaliteit blijft bewaard; kies het opnieuw om verder te schrijven."
    )
    choose(tablet, "fp-kwaliteit")
    expect(tablet.locator("#in-w1-kwaliteit-zin")).to_have_value("Stel: het bestuur stapt eruit.")


# ---- two tablets choosing at once ------------------------------------------------------------


def test_the_refused_tablet_keeps_its_message_when_the_other_tablets_update_arrives(
    devices, prepared, app_server
):
    fill_worksheet(app_server.url, prepared.code, prepared.group_ids[0])
    tablet_a = join_as_group(devices("tablet"), prepared.code, "Tafel 1")
    tablet_b = join_as_group(devices("tablet"), prepared.code, "Tafel 1")
    open_tab(tablet_a, "w1")
    open_tab(tablet_b, "w1")

    choose(tablet_b, "fp-relaties")  # the third
    tablet_a.locator("#fp-doelstellingen").click()  # a fourth, maybe before A heard of the third

    refusal = tablet_a.locator("#w1-melding")
    expect(refusal).to_contain_text("Jullie hebben al 3 focuspunten gekozen")
    expect(tablet_a.locator("#fp-relaties")).to_have_attribute("aria-pressed", "true")

    # Tablet B changes the worksheet again; A's choices are re-rendered live, the refusal stays.
    open_tab(tablet_b, "w2")
    tablet_b.locator("#star-1").click()
    expect(tablet_b.locator("#star-1")).to_have_attribute("aria-pressed", "false")
    open_tab(tablet_a, "w2")
    expect(tablet_a.locator("#star-1")).to_have_attribute("aria-pressed", "false", timeout=LIVE)
    open_tab(tablet_a, "w1")
    expect(refusal).to_contain_text("Jullie hebben al 3 focuspunten gekozen")
    expect(refusal).to_be_visible()
