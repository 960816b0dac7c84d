"""The workshop content loads from its files, and a facilitator's mistake is named precisely."""

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.content import ContentError, load_content

SHIPPED = Path(__file__).resolve().parents[2]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the shipped workforms/ and casussen/, free to break."""
    for folder in ("workforms", "casussen"):
        shutil.copytree(SHIPPED / folder, tmp_path / folder)
    return tmp_path


def edit(root: Path, rel: str, change) -> None:
    """Load a YAML file, let `change` modify the data, write it back."""
    path = root / rel
    data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def problems_of(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content(root)
    return caught.value.problems


# --- the shipped content -------------------------------------------------------------------


@pytest.fixture(scope="module")
def content():
    return load_content(SHIPPED)


def test_the_shipped_content_loads_with_five_ontwerpprincipes_and_eleven_focuspunten(content):
    assert [p.nr for p in content.ontwerpprincipes] == [1, 2, 3, 4, 5]
    ids = [p.id for p in content.focuspunten()]
    assert len(ids) == 11
    assert set(ids) == {
        "kwaliteit",
        "doelstellingen",
        "bovenbestuurlijke-solidariteit",
        "professionals",
        "opleiden-begeleiden-professionaliseren",
        "ontwikkelvraag-lerende",
        "relaties",
        "organisatiestructuur",
        "toekomstbestendigheid",
        "loopbaanontwikkeling",
        "financien",
    }
    assert ids[:2] == ["kwaliteit", "doelstellingen"]  # ontwerpprincipe 1 comes first
    assert content.focuspunt("financien").label == "Financiën"
    assert content.focuspunt("kwaliteit").typering[2] == "Gezamenlijk bewaakt en ontwikkeld"


def test_an_unknown_focuspunt_is_a_key_error(content):
    with pytest.raises(KeyError):
        content.focuspunt("kwalitiet")


def test_the_programme_has_seven_blocks_and_three_of_them_run_a_werkvorm(content):
    blokken = content.programma.blokken
    assert len(blokken) == 7
    assert (blokken[0].start, blokken[-1].eind) == ("13.30", "17.00")
    assert {b.start: b.werkvorm for b in blokken if b.werkvorm} == {
        "14.30": "scenario-denken",
        "15.30": "partners-in-beeld",
        "16.15": "terugkoppeling",
    }
    assert content.programma.typering_niveaus[0] == "Functioneel verbonden"


def test_the_tablet_asks_a_name_for_every_role_but_the_gesprekspartners(content):
    asked = [r.id for r in content.programma.rollen if r.invullen]
    assert asked == ["gespreksleider", "tijdbewaker", "schrijver", "presentator"]


def test_both_casussen_are_loaded_in_slide_order(content):
    assert list(content.casussen) == ["stad-en-streek", "binnenmeren"]
    assert [c.nummer for c in content.casussen.values()] == [2, 3]
    assert content.casus("binnenmeren").type_regio == "Krimpregio"


def test_lost_casus_text_is_marked_and_not_invented(content):
    stad = content.casus("stad-en-streek")
    (onleesbaar,) = stad.situatie["professionals"]
    assert onleesbaar.onleesbaar and onleesbaar.gereconstrueerd
    assert onleesbaar.tekst == "Tekst op de dia onleesbaar."
    assert any(r.gereconstrueerd for r in content.casus("binnenmeren").kenmerken)
    assert not stad.kenmerken[-1].gereconstrueerd


def test_the_limits_of_the_werkvormen_are_those_of_the_worksheets(content):
    assert content.werkvorm("scenario-denken").limieten == {
        "focuspunten": (2, 3),
        "inzichten": (1, 2),
    }
    assert content.werkvorm("partners-in-beeld").limieten == {
        "wie": (1, 5),
        "uitdagend": (2, 3),
        "inzichten": (1, 2),
    }
    assert content.werkvorm("terugkoppeling").limieten == {"inzichten": (1, 2)}


def test_the_questions_carry_the_keys_the_app_stores_answers_under(content):
    def keys(werkvorm_id):
        return [v.key for v in content.werkvorm(werkvorm_id).vragen]

    assert keys("scenario-denken") == ["zin", "metafoor", "bespreekbaar", "nodig"]
    assert keys("partners-in-beeld") == ["wie", "wat", "hoe"]
    assert keys("terugkoppeling") == ["inzicht_w1", "inzicht_w2", "vervolgstap", "opbrengst"]
    assert keys("persoonlijke-oogst") == [
        "w1_praktijk",
        "w1_regio",
        "w2_praktijk",
        "w2_regio",
        "eyeopeners",
    ]
    assert "dialoogtafels" in content.werkvorm("partners-in-beeld").voorbeelden["hoe"]


def test_the_steps_keep_their_minutes_as_the_slides_give_them(content):
    stappen = content.werkvorm("scenario-denken").stappen
    assert [s.minuten for s in stappen] == ["5", "5–10", "15–20", "5", "5"]


# --- a facilitator's mistakes ----------------------------------------------------------------


def test_a_missing_field_names_the_file_and_the_field(tree):
    edit(
        tree,
        "workforms/ontwerpprincipes.yaml",
        lambda d: d["ontwerpprincipes"][0]["focuspunten"][1].pop("ideaal"),
    )
    (problem,) = problems_of(tree)
    assert problem.startswith(
        "workforms/ontwerpprincipes.yaml: ontwerpprincipes[0].focuspunten[1].ideaal: "
        "required field is missing"
    )


def test_a_casus_naming_an_unknown_focuspunt_says_which_ones_exist(tree):
    edit(tree, "casussen/binnenmeren.yaml", lambda d: d["situatie"].update(kwalitiet=["Goed."]))
    (problem,) = problems_of(tree)
    assert problem.startswith(
        "casussen/binnenmeren.yaml: situatie.kwalitiet: unknown focuspunt 'kwalitiet' "
        "(known: kwaliteit, doelstellingen, "
    )
    assert "(line " in problem


@pytest.mark.parametrize("bad", ["14:30", "25.00", "half drie"])
def test_a_time_not_written_as_hh_mm_is_refused(tree, bad):
    edit(tree, "workforms/programma.yaml", lambda d: d["blokken"][2].update(start=bad))
    problems = problems_of(tree)
    assert any(
        p.startswith("workforms/programma.yaml: blokken[2].start: ") and "HH.MM" in p
        for p in problems
    ), problems


def test_unquoted_times_still_load(tree):
    path = tree / "workforms/programma.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"13.30"', "13.30"), encoding="utf-8")
    assert load_content(tree).programma.blokken[0].start == "13.30"


def test_a_block_that_ends_before_it_starts_is_refused(tree):
    edit(tree, "workforms/programma.yaml", lambda d: d["blokken"][3].update(eind="15.00"))
    problems = problems_of(tree)
    assert problems[0].startswith(
        "workforms/programma.yaml: blokken[3].eind: ends at 15.00, which is not later than "
        "its start 15.15"
    )


def test_a_block_naming_a_werkvorm_that_does_not_exist_is_refused(tree):
    edit(
        tree,
        "workforms/programma.yaml",
        lambda d: d["blokken"][2].update(werkvorm="scenariodenken"),
    )
    (problem,) = problems_of(tree)
    assert problem.startswith(
        "workforms/programma.yaml: blokken[2].werkvorm: unknown werkvorm 'scenariodenken'"
    )


def test_a_yaml_syntax_error_names_the_file_and_the_line(tree):
    path = tree / "casussen/stad-en-streek.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("kort:"))
    lines[number] = 'kort: "Stad & Streek'  # unclosed quote
    path.write_text("\n".join(lines), encoding="utf-8")
    (problem,) = problems_of(tree)
    assert problem.startswith("casussen/stad-en-streek.yaml: line ")
    assert "invalid YAML" in problem
    line = int(problem.split("line ")[1].split(",")[0])
    assert line >= number + 1


def test_a_focuspunt_id_used_twice_is_refused(tree):
    def twice(d):
        d["ontwerpprincipes"][4]["focuspunten"][0]["id"] = "kwaliteit"

    edit(tree, "workforms/ontwerpprincipes.yaml", twice)
    problems = problems_of(tree)
    assert any(
        p.startswith("workforms/ontwerpprincipes.yaml: ontwerpprincipes: ")
        and "duplicate focuspunt id 'kwaliteit'" in p
        for p in problems
    ), problems


def test_two_casussen_with_the_same_nummer_are_refused(tree):
    edit(tree, "casussen/binnenmeren.yaml", lambda d: d.update(nummer=2))
    (problem,) = problems_of(tree)
    assert "casussen/" in problem and "nummer: casus nummer 2 is also used by casussen/" in problem


def test_a_key_written_twice_in_one_mapping_is_refused(tree):
    path = tree / "casussen/binnenmeren.yaml"
    path.write_text(path.read_text(encoding="utf-8") + 'kort: "Meren"\n', encoding="utf-8")
    (problem,) = problems_of(tree)
    assert problem.startswith("casussen/binnenmeren.yaml: kort: appears twice, on line ")


def test_a_missing_werkvorm_file_is_named(tree):
    (tree / "workforms/terugkoppeling.yaml").unlink()
    problems = problems_of(tree)
    assert any(p.startswith("workforms/terugkoppeling.yaml: file is missing") for p in problems)
    # ...and the block linking to it says so too.
    assert any("blokken[5].werkvorm: unknown werkvorm 'terugkoppeling'" in p for p in problems)


def test_a_werkvorm_without_a_question_the_app_needs_is_refused(tree):
    edit(tree, "workforms/partners-in-beeld.yaml", lambda d: d["vragen"].pop(0))
    (problem,) = problems_of(tree)
    assert problem.startswith("workforms/partners-in-beeld.yaml: vragen: missing vraag 'wie'")


def test_an_empty_casussen_folder_is_refused(tree):
    for path in (tree / "casussen").iterdir():
        path.unlink()
    (problem,) = problems_of(tree)
    assert problem.startswith("casussen/: no casus files")


def test_every_problem_of_every_file_is_reported_at_once(tree):
    edit(tree, "workforms/programma.yaml", lambda d: d.pop("titel"))
    edit(tree, "casussen/binnenmeren.yaml", lambda d: d.update(nummer="drie", kleur="blauw"))
    problems = problems_of(tree)
    assert [p.split(" (line")[0] for p in problems] == [
        "workforms/programma.yaml: titel: required field is missing",
        "casussen/binnenmeren.yaml: nummer: Input should be a valid integer, "
        "unable to parse string as an integer (got 'drie')",
        "casussen/binnenmeren.yaml: kleur: unknown field; check the spelling or remove it",
    ]
    message = str(ContentError(problems))
    assert message.splitlines()[1:] == problems


def test_a_third_casus_is_just_a_new_file(tree):
    text = (tree / "casussen/binnenmeren.yaml").read_text(encoding="utf-8")
    text = text.replace("nummer: 3", "nummer: 4").replace("Binnenmeren", "Veenkoloniën")
    (tree / "casussen/veenkolonien.yaml").write_text(text, encoding="utf-8")
    content = load_content(tree)
    assert list(content.casussen) == ["stad-en-streek", "binnenmeren", "veenkolonien"]
    assert content.casus("veenkolonien").titel == "Onderwijsregio Veenkoloniën"


def test_a_content_folder_that_does_not_exist_is_named(tmp_path):
    with pytest.raises(ContentError, match="the content folder does not exist"):
        load_content(tmp_path / "elders")
