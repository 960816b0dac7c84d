"""In Chromium: the Content-Security-Policy holds on every page, a hostile site cannot unlink a
tablet, and a paste too big to send is refused once and kept, not re-sent forever."""

import re

from playwright.sync_api import Page, expect

from tests.browser.screens import (
    LIVE,
    choose,
    field,
    join_as_group,
    join_as_participant,
    open_tab,
    status,
    write,
)

# Reports each CSP violation (the page's own listener runs too late for the first ones).
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => {
  const where = e.target && e.target.outerHTML ? e.target.outerHTML.slice(0, 120) : "";
  window.reportViolation(`${location.pathname}: ${e.violatedDirective} ${e.blockedURI} ${where}`);
});
"""


def watch_csp(page: Page, violations: list[str]) -> Page:
    page.expose_function("reportViolation", lambda text: violations.append(text))
    page.add_init_script(REPORT_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text
            and violations.append(f"{page.url}: {message.text}")
        ),
    )
    return page


def test_no_page_breaks_the_content_security_policy(devices, prepared):
    violations: list[str] = []
    laptop = watch_csp(devices("laptop", None), violations)

    policy = laptop.goto("/").headers["content-security-policy"]
    assert "script-src 'self';" in policy and "unsafe" not in policy
    laptop.goto("/nieuw")
    rows = laptop.locator(".group-row")
    count = rows.count()
    laptop.get_by_role("button", name="+ Groep toevoegen").click()
    expect(rows).to_have_count(count + 1)
    expect(rows.last.locator("input[name=group_name]")).to_have_value(f"Tafel {count + 1}")
    rows.last.get_by_role("button", name="Verwijder groep").click()
    expect(rows).to_have_count(count)

    laptop.goto(prepared.regie)
    laptop.get_by_role("button", name="Volgende →").click()
    expect(laptop.locator("#programme li.current")).to_have_count(1)
    laptop.once("dialog", lambda dialog: dialog.dismiss())
    laptop.get_by_role("button", name="Sessie afsluiten").click()
    expect(laptop.get_by_role("button", name="Sessie afsluiten")).to_be_visible()  # not closed

    board = watch_csp(devices("board", None), violations)
    board.goto(prepared.board)
    expect(board.locator("#verbinding")).to_have_attribute("data-state", "open", timeout=LIVE)

    tablet = watch_csp(devices("tablet", None), violations)
    join_as_group(tablet, prepared.code, "Tafel 1")
    open_tab(tablet, "casus")
    open_tab(tablet, "w1")
    choose(tablet, "fp-kwaliteit")  # a bar on the board
    open_tab(tablet, "w2")
    write(tablet, "w2.wie.1", "Pabo")
    choose(tablet, "star-1")  # a note on the three-circle canvas
    expect(board.locator("#bar-kwaliteit .bar-count")).to_have_text("1", timeout=LIVE)

    phone = watch_csp(devices("phone", None), violations)
    phone.goto("/j")
    join_as_participant(phone, prepared.code, "Sam")
    phone.wait_for_load_state("networkidle")

    assert violations == [], "\n".join(violations)


def test_a_form_on_another_site_cannot_unlink_a_tablet(devices, prepared, app_server):
    tablet = join_as_group(devices("tablet"), prepared.code, "Tafel 1")
    # Another site, in the same browser: its page posts itself to the join form at once.
    hostile = f"""<form method="post" action="{app_server.url}/j/{prepared.code}/deelnemer">
      <input name="name" value="overgenomen"></form>
      <script>document.forms[0].submit()</script>"""
    tablet.context.route(
        "http://evil.example/**",
        lambda route: route.fulfill(body=hostile, content_type="text/html"),
    )

    tablet.goto("http://evil.example/")
    expect(tablet.locator("h1")).to_have_text("Dit verzoek kwam van een andere website")

    tablet.goto(f"/s/{prepared.code}/groep")
    expect(tablet).to_have_url(re.compile(rf"/s/{prepared.code}/groep$"))
    expect(tablet.locator(".who")).to_contain_text("Stad")


def test_a_paste_too_big_to_send_is_refused_once_and_kept(devices, prepared):
    tablet = join_as_group(devices("tablet"), prepared.code, "Tafel 1")
    open_tab(tablet, "casus")
    saves: list[str] = []
    tablet.on("request", lambda r: r.url.endswith("/groep/veld") and saves.append(r.url))
    paste = "Heel lang. " * 100_000  # 1.1 MB: over what the server's form parser accepts

    field(tablet, "rol.schrijver").fill(paste)

    # Generous: Chromium fills the field, stores the draft and uploads a megabyte first.
    expect(status(tablet, "rol.schrijver")).to_contain_text("Dit is te lang", timeout=30_000)
    tablet.wait_for_timeout(4_000)  # long enough for the old retries (after 1 s, 2 s, …)
    assert len(saves) == 1
    assert field(tablet, "rol.schrijver").evaluate("el => el.value.length") == len(paste)
    assert tablet.evaluate(
        "Object.entries(localStorage).some(([k, v]) => k.endsWith(':rol.schrijver') "
        "&& JSON.parse(v).value.length === 1100000)"
    )
    expect(status(tablet, "rol.schrijver")).to_contain_text("Dit is te lang")
    field(tablet, "rol.schrijver").fill("Marieke")
    expect(status(tablet, "rol.schrijver")).to_contain_text("Opgeslagen", timeout=LIVE)
    assert len(saves) == 2


def test_a_refusal_from_a_proxy_is_not_resent_either(devices, prepared):
    tablet = join_as_group(devices("tablet"), prepared.code, "Tafel 1")
    open_tab(tablet, "casus")
    saves: list[str] = []
    # e.g. nginx's client_max_body_size: a 413 page the app never wrote
    tablet.route(
        "**/groep/veld",
        lambda route: (
            saves.append(route.request.url)
            or route.fulfill(status=413, body="<p>Request Entity Too Large</p>")
        ),
    )

    field(tablet, "rol.schrijver").fill("Marieke")

    expect(status(tablet, "rol.schrijver")).to_contain_text("Request Entity Too Large")
    tablet.wait_for_timeout(4_000)  # long enough for the old retries (after 1 s, 2 s, …)
    assert len(saves) == 1
    expect(field(tablet, "rol.schrijver")).to_have_value("Marieke")
