"""The Markdown verslag: what the groups chose and wrote, and only what people chose to share."""

import pytest
from markdown_it import MarkdownIt

from app.domain.harvest import session_harvest
from app.domain.report import markdown_report, md_escape
from app.domain.worksheet import UITDAGEND


@pytest.fixture
def report(db, content, worksheet, session):
    def report() -> str:
        return markdown_report(content, session, session_harvest(db, worksheet, session.id))

    return report


def test_the_report_opens_with_the_session_title_and_dutch_date(report, session):
    text = report()

    assert text.startswith(f"# {session.title}\n")
    assert f"{session.date.year}" in text.splitlines()[2]
    assert "- 2 groepen, 0 deelnemers met een eigen oogst." in text


def test_the_report_shows_each_groups_focuspunten_with_their_mini_scenarios(report, tables):
    one, two = tables
    one.choose("kwaliteit", "financien")
    one.write("w1.kwaliteit.zin", "In deze Onderwijsregio bewaken we kwaliteit samen.")
    one.write("w1.kwaliteit.metafoor", "Estafette")
    two.choose("kwaliteit", "relaties")

    text = report()

    assert "- Meest gekozen focuspunten: Kwaliteit (2×), " in text
    assert "| Kwaliteit | 1. Ontwikkel samen ambities" in text
    section = text.split("### Tafel 1")[1].split("### Tafel 2")[0]
    assert "**Kwaliteit**" in section and "**Financiën**" in section
    assert "In deze Onderwijsregio bewaken we kwaliteit samen." in section
    assert "Estafette" in section
    assert "**Informele en formele relaties**" in text.split("### Tafel 2")[1]


def test_a_group_without_focuspunten_is_named_as_such(report):
    assert "*Geen focuspunten gekozen.*" in report()


def test_the_report_lists_partners_with_a_star_for_the_challenging_ones(report, tables):
    table = tables[0]
    table.write("w2.wie.1", "Pabo")
    table.write("w2.wie.2", "Gemeente")
    table.choose("2", key=UITDAGEND)
    table.write("w2.2.wat", "Huisvesting")
    table.write("w2.2.hoe", "Wethoudersoverleg")

    text = report()

    assert "1. Pabo\n" in text
    assert "2. Gemeente ★" in text
    assert "**Gemeente** — wat/waarom: Huisvesting; hoe: Wethoudersoverleg" in text


def test_partners_named_by_several_groups_are_summarised(report, tables):
    tables[0].write("w2.wie.1", "Pabo")
    tables[1].write("w2.wie.1", "pabo")

    assert "Partners die meerdere groepen noemden: Pabo (2 groepen)." in report()


def test_the_report_holds_shared_eye_openers_but_never_private_answers(report, person):
    sharing, private = person("Anne"), person("Bram")
    sharing.write("oogst.eyeopeners", "Gedeelde eye-opener")
    sharing.share("oogst.eyeopeners")
    sharing.write("oogst.w2_regio", "Anne's privé antwoord")
    private.write("oogst.eyeopeners", "Bram's privé antwoord")

    text = report()

    assert "**Deze inzichten en eye-openers heb ik opgedaan**\n\n- Gedeelde eye-opener" in text
    assert "privé antwoord" not in text
    assert "Anne" not in text and "Bram" not in text


def test_without_shared_answers_the_report_says_nobody_shared(report, person):
    person("Anne").write("oogst.eyeopeners", "Alleen voor mij")

    text = report()

    assert "*Niemand heeft een persoonlijke oogst met de zaal gedeeld.*" in text
    assert "Alleen voor mij" not in text


def test_the_report_carries_inzichten_and_vervolgstappen(report, tables):
    tables[1].write("tk.inzicht_w1.1", "Begin klein.")
    tables[1].write("tk.vervolgstap", "Overleg plannen")
    tables[1].write("tk.opbrengst", "Een gezamenlijke agenda")

    text = report()

    assert "- Begin klein." in text
    assert "- **Tafel 2** — vervolgstap: Overleg plannen" in text
    assert "Gewenste opbrengst: Een gezamenlijke agenda" in text


# What someone might type into a field, meant to change the verslag rather than be read in it.
HOSTILE = {
    "raw HTML": "<script>alert(1)</script>",
    "an image that runs a script": '<img src=x onerror="alert(1)">',
    "an HTML comment": "<!-- verborgen -->",
    "a heading": "# Vals kopje",
    "a heading under a line": "Tekst\n=====",
    "a link": "[klik hier](https://evil.example)",
    "an image": "![logo](https://evil.example/x.png)",
    "an autolink": "<https://evil.example>",
    "a reference link": "[klik]\n\n[klik]: https://evil.example",
    "a list": "- een\n+ twee\n* drie",
    "an ordered list": "1. een\n2) twee",
    "a quote": "> citaat",
    "a table": "| a | b |\n|---|---|\n| c | d |",
    "a code fence": "```\ncode\n```",
    "a tilde fence": "~~~\ncode",
    "indented code": "    code",
    "emphasis": "**vet** _schuin_ ~~weg~~ `code`",
    "a rule": "***\n---\n___",
    "backslashes": "C:\\pad\\ en \\* \\",
    "a bare address": "zie https://evil.example, www.evil.example of mail me@evil.example",
    "an entity": "&lt;b&gt; &amp; &#60;",
}
RENDER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


@pytest.mark.parametrize("typed", HOSTILE.values(), ids=HOSTILE.keys())
def test_escaped_text_is_one_paragraph_showing_exactly_what_was_typed(typed):
    tokens = RENDER.parse(md_escape(typed))

    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    shown = "".join("\n" if c.type == "hardbreak" else c.content for c in tokens[1].children)
    assert {c.type for c in tokens[1].children} <= {"text", "hardbreak"}
    assert shown == "\n".join(line.strip() for line in typed.splitlines() if line.strip())


def test_a_typed_web_or_mail_address_is_not_made_a_link_by_github_style_viewers():
    """GFM viewers (GitHub, Gitea, many editors) link bare addresses in plain text; an escaped
    mark in the middle splits the text where their autolinker looks."""
    escaped = md_escape(HOSTILE["a bare address"])

    assert "https://" not in escaped and "www." not in escaped
    assert "@" not in escaped.replace("\\@", "")


@pytest.mark.parametrize("typed", HOSTILE.values(), ids=HOSTILE.keys())
def test_escaped_text_on_one_line_stays_inside_a_heading(typed):
    tokens = RENDER.parse(f"### {md_escape(typed, one_line=True)}")

    assert [t.type for t in tokens] == ["heading_open", "inline", "heading_close"]
    assert {c.type for c in tokens[1].children} == {"text"}


def test_what_tables_and_people_typed_adds_no_markup_to_the_verslag(
    report, tables, person, session
):
    one = tables[0]
    one.choose("kwaliteit")
    one.write("w1.kwaliteit.zin", HOSTILE["a heading"] + "\n" + HOSTILE["raw HTML"])
    one.write("w1.kwaliteit.metafoor", HOSTILE["a link"])
    one.write("w2.wie.1", HOSTILE["an autolink"])
    one.choose("1", key=UITDAGEND)
    one.write("w2.1.wat", HOSTILE["a table"])
    one.write("tk.inzicht_w1.1", HOSTILE["a code fence"])
    one.write("tk.vervolgstap", HOSTILE["an image that runs a script"])
    tables[1].write("w2.wie.1", HOSTILE["an autolink"])
    someone = person("Anne")
    someone.write("oogst.eyeopeners", HOSTILE["a list"] + "\n" + HOSTILE["an image"])
    someone.share("oogst.eyeopeners")

    html = RENDER.render(report())

    for markup in ("<script", "<img", "<a ", "<pre", "<code", "<h1>Vals", "<li>een"):
        assert markup not in html
    assert html.count("<h1>") == 1 and html.count("<table>") == 1  # the verslag's own
    assert "# Vals kopje<br />" in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "[klik hier](https://evil.example)" in html
