"""The Markdown verslag: what the groups chose and wrote, and only what people chose to share."""

import pytest

from app.domain.harvest import session_harvest
from app.domain.report import markdown_report
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
