"""Cross-site requests, hosts, headers, the cookie, the logs, and odd input: over real HTTP."""

import logging

import pytest

from app.web.security import CONTENT_SECURITY_POLICY
from tests.conftest import make_session
from tests.support import ServerThread
from tests.web.flows import Device, page_text, redirect_path

INZICHT = "tk.inzicht_w1.1"
EYEOPENERS = "oogst.eyeopeners"
FROM_ANOTHER_SITE = [
    {"Origin": "https://evil.example"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site", "Origin": "https://andere.example.nl"},
    {"Origin": "null"},
]


# ---- cross-site requests ------------------------------------------------------------------------


@pytest.mark.parametrize("headers", FROM_ANOTHER_SITE)
def test_a_page_on_another_site_cannot_give_a_tablet_a_new_cookie(room, headers):
    tablet = room.tablet()
    # SameSite=lax: the browser sends the tablet's cross-site POST without its cookie.
    hostile_page = room.device()

    answer = hostile_page.post(f"/j/{room.code}/deelnemer", data={"name": "x"}, headers=headers)

    assert "Dit verzoek kwam van een andere website" in page_text(answer, status=403)
    assert "set-cookie" not in answer.headers
    assert "Tafel 1" in tablet.group_page()


@pytest.mark.parametrize("headers", FROM_ANOTHER_SITE)
def test_a_cross_site_post_with_the_tablets_cookie_changes_nothing(room, headers):
    tablet = room.tablet()

    joined = tablet.post(f"/j/{room.code}/deelnemer", headers=headers)
    saved = tablet.post(
        f"/s/{room.code}/groep/veld", data={"key": INZICHT, "value": "gehackt"}, headers=headers
    )

    assert joined.status_code == saved.status_code == 403
    assert "set-cookie" not in joined.headers
    assert "gehackt" not in room.board()
    assert "Tafel 1" in tablet.group_page()


def test_the_apps_own_pages_may_post_as_browsers_send_them(room):
    phone = room.device()
    own_origin = {"Origin": room.server.url, "Sec-Fetch-Site": "same-origin"}

    joined = phone.post(f"/j/{room.code}/deelnemer", data={"name": "Sam"}, headers=own_origin)
    older_browser = phone.post(
        f"/s/{room.code}/oogst/veld",
        data={"key": EYEOPENERS, "value": "Eigen site"},
        headers={"Origin": room.server.url},
    )

    assert redirect_path(joined) == f"/s/{room.code}/oogst"
    assert older_browser.status_code == 200


def test_joining_another_session_keeps_the_seat_in_the_first(room, db, content):
    other = make_session(db, content)
    tablet = room.tablet()

    redirect_path(tablet.join_as_participant("Sam", code=other.code))

    assert "Tafel 1" in tablet.group_page()
    assert tablet.get(f"/s/{other.code}/oogst").status_code == 200


# ---- headers ------------------------------------------------------------------------------------


def test_every_answer_carries_the_security_headers(room):
    visitor = room.device()

    for path in ("/", f"/s/{room.code}/bord", "/static/js/app.js", "/bestaat-niet"):
        headers = visitor.get(path).headers
        assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert "unsafe-inline" not in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"


def test_the_regie_page_passes_its_address_to_no_one(room):
    headers = room.device().get(room.regie).headers

    assert headers["referrer-policy"] == "no-referrer"


def test_there_is_no_api_description(room):
    assert room.device().get("/openapi.json").status_code == 404


def test_the_cookie_is_secure_behind_an_https_proxy(room):
    join = f"/j/{room.code}/deelnemer"
    over_https = room.device().post(join, headers={"X-Forwarded-Proto": "https"})
    over_http = room.device().post(join)

    assert "secure" in over_https.headers["set-cookie"].lower()
    assert "secure" not in over_http.headers["set-cookie"].lower()


def test_the_cookie_is_secure_when_the_public_address_is_https(settings, session):
    public = settings.model_copy(update={"public_url": "https://sessie.example.nl"})
    with ServerThread(public) as server, Device(server.url, session.code) as phone:
        answer = phone.join_as_participant()

    assert "secure" in answer.headers["set-cookie"].lower()


# ---- hosts and the join address -----------------------------------------------------------------


def test_a_made_up_host_never_becomes_the_join_address(room):
    answer = room.device().get(f"/s/{room.code}/bord", headers={"Host": "evil.example"})

    assert "Dit adres hoort niet bij deze server" in page_text(answer, status=400)
    assert "evil.example" not in answer.text


def test_the_public_address_is_the_join_address_whatever_the_host(settings, session):
    public = settings.model_copy(update={"public_url": "https://sessie.example.nl"})
    with ServerThread(public) as server, Device(server.url, session.code) as board:
        page = board.board()
        made_up = board.get(f"/s/{session.code}/bord", headers={"Host": "evil.example"})

    assert "sessie.example.nl/j" in page
    assert made_up.status_code == 400


def test_only_the_allowed_hosts_are_served(settings, session):
    listed = settings.model_copy(update={"allowed_hosts": "sessie.example.nl, 10.0.0.5"})
    with ServerThread(listed) as server, Device(server.url, session.code) as board:
        allowed = board.get(f"/s/{session.code}/bord", headers={"Host": "sessie.example.nl:8000"})
        unlisted = board.get(f"/s/{session.code}/bord", headers={"Host": "10.0.0.6"})
        health_check = board.get("/health", headers={"Host": "127.0.0.1:8000"})

    assert "sessie.example.nl:8000/j" in page_text(allowed)
    assert unlisted.status_code == 400
    assert health_check.status_code == 200


# ---- the access log -----------------------------------------------------------------------------


class Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def test_the_access_log_does_not_hold_the_facilitator_key(room):
    access = logging.getLogger("uvicorn.access")
    recorder, level = Recorder(), access.level
    access.addHandler(recorder)
    access.setLevel(logging.INFO)
    try:
        page_text(room.device().get(room.regie))
    finally:
        access.removeHandler(recorder)
        access.setLevel(level)

    regie_lines = [line for line in recorder.lines if "/regie/" in line]
    assert regie_lines and all("/regie/…" in line for line in regie_lines)
    assert not any(room.session.facilitator_key in line for line in recorder.lines)


# ---- odd input ----------------------------------------------------------------------------------


def multipart(fields: dict[str, str], charset: str, htmx: bool = False) -> dict:
    """A form as a hand-made client may send it: multipart, in a charset it chose."""
    boundary = "grens"
    body = "".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields.items()
    )
    return {
        "content": f"{body}--{boundary}--\r\n".encode(),
        "headers": {
            "Content-Type": f"multipart/form-data; charset={charset}; boundary={boundary}",
            **({"HX-Request": "true"} if htmx else {}),
        },
    }


LONE_SURROGATE = "+2AA-"  # in UTF-7: half of a UTF-16 pair, which no page or database can hold


def test_a_lone_surrogate_on_the_tablet_is_refused_with_a_reason(room):
    tablet = room.tablet()
    form = multipart({"key": INZICHT, "value": f"Tekst {LONE_SURROGATE}"}, "utf-7", htmx=True)

    answer = tablet.post(f"/s/{room.code}/groep/veld", **form)

    assert "Deze tekst kan niet worden bewaard" in page_text(answer, status=422)


def test_a_lone_surrogate_on_the_oogst_sheet_is_refused_with_a_reason(room):
    phone = room.phone()
    form = multipart({"key": EYEOPENERS, "value": LONE_SURROGATE}, "utf-7")

    answer = phone.post(f"/s/{room.code}/oogst/veld", **form)

    assert "Deze tekst kan niet worden bewaard" in page_text(answer, status=422)


def test_a_lone_surrogate_in_a_new_session_is_refused_with_a_reason(room):
    form = multipart(
        {"title": f"Sessie {LONE_SURROGATE}", "date": "2030-01-01", "group_name": "Tafel 1"},
        "utf-7",
    )

    answer = room.device().post("/nieuw", **form)

    assert "Deze tekst kan niet worden bewaard" in page_text(answer, status=422)


@pytest.mark.parametrize("encoding", ["urlencoded", "multipart"])
def test_a_paste_over_a_megabyte_is_too_long_like_any_other_text(room, encoding):
    tablet = room.tablet()
    fields = {"key": INZICHT, "value": "x" * 1_100_000, "version": "0"}
    form = (
        {"data": fields, "headers": {"HX-Request": "true"}}
        if encoding == "urlencoded"
        else multipart(fields, "utf-8", htmx=True)
    )

    answer = tablet.post(f"/s/{room.code}/groep/veld", **form)

    assert "Dit is te lang" in page_text(answer, status=422)
