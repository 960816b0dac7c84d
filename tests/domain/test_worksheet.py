"""The fields of a group tablet and a personal oogst sheet follow the content files."""

import shutil
from pathlib import Path

import yaml

from app.content import load_content
from app.domain.worksheet import FOCUSPUNTEN, UITDAGEND, Worksheet, join_choice, split_choice
from app.settings import PROJECT_ROOT


def test_group_writes_a_top_5_of_partners_with_wat_and_hoe_per_partner(worksheet):
    fields = worksheet.group_fields
    assert list(worksheet.wie_slots) == [1, 2, 3, 4, 5]
    for n in range(1, 6):
        assert {f"w2.wie.{n}", f"w2.{n}.wat", f"w2.{n}.hoe"} <= fields.keys()
    assert "w2.wie.6" not in fields
    assert fields["w2.wie.1"].label == "Partner 1"


def test_group_prepares_at_most_two_inzichten_per_werkvorm(worksheet):
    assert list(worksheet.inzicht_slots) == [1, 2]
    for kind in ("inzicht_w1", "inzicht_w2"):
        assert {f"tk.{kind}.1", f"tk.{kind}.2"} <= worksheet.group_fields.keys()
        assert f"tk.{kind}.3" not in worksheet.group_fields
    assert {"tk.vervolgstap", "tk.opbrengst"} <= worksheet.group_fields.keys()


def test_only_roles_that_are_filled_in_get_a_field(worksheet):
    roles = {k for k in worksheet.group_fields if k.startswith("rol.")}
    assert roles == {"rol.gespreksleider", "rol.tijdbewaker", "rol.schrijver", "rol.presentator"}
    assert worksheet.group_fields["rol.presentator"].label == "Presentator"


def test_every_focuspunt_has_a_mini_scenario_with_the_four_questions(worksheet, content):
    for punt in content.focuspunten():
        for vraag in ("zin", "metafoor", "bespreekbaar", "nodig"):
            assert f"w1.{punt.id}.{vraag}" in worksheet.group_fields


def test_maximum_lengths_come_from_the_werkvormen(worksheet):
    fields = worksheet.group_fields
    assert fields["w1.kwaliteit.zin"].max_length == 500
    assert fields["w1.kwaliteit.metafoor"].max_length == 120
    assert fields["w1.kwaliteit.zin"].hint == "In deze Onderwijsregio …"
    assert fields["w2.wie.3"].max_length == 120
    assert fields["w2.3.wat"].max_length == 500
    assert fields["rol.schrijver"].max_length == 80
    assert worksheet.participant_fields["oogst.eyeopeners"].max_length == 2000


def test_the_personal_oogst_has_five_questions_under_three_headings(worksheet):
    assert list(worksheet.participant_fields) == [
        "oogst.w1_praktijk",
        "oogst.w1_regio",
        "oogst.w2_praktijk",
        "oogst.w2_regio",
        "oogst.eyeopeners",
    ]
    headings = [kop for kop, _ in worksheet.oogst_sections]
    assert headings == [
        "Werkvorm 1 – Scenario-denken",
        "Werkvorm 2 – Partners in beeld",
        "Tijdens de hele bijeenkomst",
    ]


def test_groups_choose_two_or_three_focuspunten_and_challenging_partners(worksheet, content):
    focus = worksheet.choices[FOCUSPUNTEN]
    assert (focus.minimum, focus.maximum) == (2, 3)
    assert focus.options == tuple(p.id for p in content.focuspunten())
    assert len(focus.options) == 11
    challenging = worksheet.choices[UITDAGEND]
    assert (challenging.minimum, challenging.maximum) == (2, 3)
    assert challenging.options == ("1", "2", "3", "4", "5")


def test_a_group_field_is_never_a_participant_field(worksheet):
    assert worksheet.spec_for("g1", "tk.vervolgstap") is not None
    assert worksheet.spec_for("p1", "tk.vervolgstap") is None
    assert worksheet.spec_for("p1", "oogst.eyeopeners") is not None
    assert worksheet.spec_for("g1", "oogst.eyeopeners") is None


def test_a_changed_limit_in_the_content_files_changes_the_worksheet(tmp_path: Path):
    for folder in ("workforms", "casussen"):
        shutil.copytree(PROJECT_ROOT / folder, tmp_path / folder)
    path = tmp_path / "workforms" / "partners-in-beeld.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["limieten"]["wie"] = [1, 7]
    next(v for v in data["vragen"] if v["key"] == "wat")["max_lengte"] = 300
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    worksheet = Worksheet(load_content(tmp_path))

    assert "w2.wie.7" in worksheet.group_fields
    assert worksheet.group_fields["w2.7.wat"].max_length == 300
    assert worksheet.choices[UITDAGEND].options[-1] == "7"


def test_choices_are_stored_as_a_comma_separated_list():
    assert split_choice("") == []
    assert split_choice("kwaliteit,financien") == ["kwaliteit", "financien"]
    assert join_choice(["kwaliteit", "financien"]) == "kwaliteit,financien"
