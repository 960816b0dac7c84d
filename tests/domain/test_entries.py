"""Saving what a table types and picks: nothing lost, nothing silently overwritten."""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from threading import Barrier

import pytest

from app.domain.entries import Outcome, limit_hint
from app.domain.worksheet import FOCUSPUNTEN, UITDAGEND
from app.storage.database import make_engine

INZICHT = "tk.inzicht_w1.1"


@pytest.fixture
def table(tables):
    return tables[0]


# --- typing ---------------------------------------------------------------------------------


def test_first_save_of_a_field_creates_version_1(table):
    result = table.write(INZICHT, "Solidariteit vraagt afspraken.", base=0)

    assert (result.outcome, result.version) == (Outcome.SAVED, 1)
    assert table.value(INZICHT) == "Solidariteit vraagt afspraken."


def test_every_save_raises_the_version(table):
    table.write(INZICHT, "een")
    result = table.write(INZICHT, "twee")

    assert (result.outcome, result.version) == (Outcome.SAVED, 2)


def test_the_same_tablet_saving_twice_before_it_heard_back_is_not_a_conflict(table):
    table.write(INZICHT, "Sol", base=0)
    result = table.write(INZICHT, "Solidariteit", base=0)  # sent before the first answer came

    assert result.outcome is Outcome.SAVED
    assert table.value(INZICHT) == "Solidariteit"


def test_a_second_tablet_with_an_old_version_gets_a_conflict_with_the_other_text(table):
    table.write(INZICHT, "Tekst van tablet A", base=0, device="tablet-a")

    result = table.write(INZICHT, "Tekst van tablet B", base=0, device="tablet-b")

    assert result.outcome is Outcome.CONFLICT
    assert result.value == "Tekst van tablet A"
    assert result.version == 1
    assert "ander apparaat" in result.message
    assert table.value(INZICHT) == "Tekst van tablet A"


def test_a_tablet_that_saw_the_other_tablets_version_may_overwrite_it(table):
    table.write(INZICHT, "A", base=0, device="tablet-a")

    result = table.write(INZICHT, "B", base=1, device="tablet-b")

    assert (result.outcome, result.version) == (Outcome.SAVED, 2)


def test_after_another_tablet_saved_the_first_tablet_is_in_conflict_again(table):
    table.write(INZICHT, "A", base=0, device="tablet-a")
    table.write(INZICHT, "B", base=1, device="tablet-b")

    result = table.write(INZICHT, "A opnieuw", base=1, device="tablet-a")

    assert result.outcome is Outcome.CONFLICT
    assert result.value == "B"


def test_two_tablets_typing_the_same_text_is_not_a_conflict(table):
    table.write(INZICHT, "Zelfde zin", base=0, device="tablet-a")

    result = table.write(INZICHT, "Zelfde zin", base=0, device="tablet-b")

    assert (result.outcome, result.version) == (Outcome.SAVED, 1)


def test_too_long_text_is_refused_in_dutch_naming_the_maximum_and_nothing_is_stored(table):
    result = table.write("w1.kwaliteit.metafoor", "x" * 121)

    assert result.outcome is Outcome.INVALID
    assert "maximaal 120 tekens" in result.message
    assert "nu 121" in result.message
    assert result.value == "x" * 121  # the typed text is handed back, not dropped
    assert table.value("w1.kwaliteit.metafoor") is None


def test_text_of_exactly_the_maximum_length_is_saved(table):
    assert table.write("w1.kwaliteit.metafoor", "x" * 120).outcome is Outcome.SAVED


def test_too_long_text_does_not_replace_what_was_saved(table):
    table.write(INZICHT, "kort")
    table.write(INZICHT, "y" * 501)

    assert table.value(INZICHT) == "kort"


def test_an_unknown_field_is_refused(table):
    result = table.write("w9.bestaat.niet", "tekst")

    assert result.outcome is Outcome.INVALID
    assert result.message == "Dit veld bestaat niet."
    assert table.value("w9.bestaat.niet") is None


def test_a_group_cannot_write_into_a_personal_oogst_field(table):
    assert table.write("oogst.eyeopeners", "tekst").outcome is Outcome.INVALID


def test_windows_line_breaks_are_stored_as_plain_newlines(table):
    table.write(INZICHT, "regel een\r\nregel twee")

    assert table.value(INZICHT) == "regel een\nregel twee"


def test_windows_line_breaks_do_not_count_twice_towards_the_maximum(table):
    text = "abcd\r\n" * 100  # 600 characters as sent, 500 once the line breaks are single

    assert table.write(INZICHT, text).outcome is Outcome.SAVED


def test_groups_write_only_their_own_fields(tables):
    first, second = tables
    first.write(INZICHT, "van tafel 1")
    second.write(INZICHT, "van tafel 2", base=0)

    assert first.value(INZICHT) == "van tafel 1"
    assert second.value(INZICHT) == "van tafel 2"


# --- choosing -------------------------------------------------------------------------------


def test_group_chooses_up_to_three_focuspunten(table):
    result = table.choose("kwaliteit", "financien", "relaties")

    assert result.changed
    assert set(result.chosen) == {"kwaliteit", "financien", "relaties"}
    assert result.message == ""


def test_group_cannot_choose_a_fourth_focuspunt(table):
    table.choose("kwaliteit", "financien", "relaties")

    result = table.choose("doelstellingen")

    assert not result.changed
    assert "al 3 focuspunten gekozen" in result.message
    for label in ("Kwaliteit", "Financiën", "Informele en formele relaties"):
        assert label in result.message
    assert "Haal er eerst één weg" in result.message
    assert set(table.value(FOCUSPUNTEN).split(",")) == {"kwaliteit", "financien", "relaties"}


def test_after_unchoosing_one_the_group_can_choose_another(table):
    table.choose("kwaliteit", "financien", "relaties")

    table.choose("financien", on=False)
    result = table.choose("doelstellingen")

    assert result.changed
    assert set(result.chosen) == {"kwaliteit", "relaties", "doelstellingen"}


def test_unchoosing_the_last_focuspunt_leaves_none(table):
    table.choose("kwaliteit")

    result = table.choose("kwaliteit", on=False)

    assert result.chosen == []
    assert table.value(FOCUSPUNTEN) == ""


def test_choosing_the_same_focuspunt_twice_changes_nothing(table):
    table.choose("kwaliteit")

    result = table.choose("kwaliteit")

    assert not result.changed
    assert result.chosen == ["kwaliteit"]


def test_an_unknown_focuspunt_is_refused(table):
    table.choose("kwaliteit")

    result = table.choose("vrede-op-aarde")

    assert not result.changed
    assert result.message == "Deze keuze bestaat niet."
    assert table.value(FOCUSPUNTEN) == "kwaliteit"


def test_below_the_minimum_the_group_is_told_how_many_more_to_choose(table):
    assert table.choose("kwaliteit").message == "Kies er nog 1 focuspunt bij (samen 2 à 3)."
    assert table.choose("financien").message == ""


def test_limit_hint_counts_the_missing_picks(worksheet):
    spec = worksheet.choices[FOCUSPUNTEN]

    assert limit_hint(spec, []) == "Kies er nog 2 focuspunten bij (samen 2 à 3)."
    assert limit_hint(spec, ["kwaliteit", "financien", "relaties"]) == ""


def test_unpicking_a_focuspunt_with_text_says_the_text_is_kept(table):
    table.choose("kwaliteit", "financien")
    table.write("w1.kwaliteit.zin", "Het bestuur stapt uit het partnerschap.")

    result = table.choose("kwaliteit", on=False)

    assert result.changed and result.chosen == ["financien"]
    assert result.message.startswith(
        "Je tekst bij Kwaliteit blijft bewaard; kies het opnieuw om verder te schrijven."
    )
    assert table.value("w1.kwaliteit.zin") == "Het bestuur stapt uit het partnerschap."


def test_unpicking_a_focuspunt_without_text_says_nothing_about_text(table):
    table.choose("kwaliteit", "financien", "relaties")

    assert table.choose("kwaliteit", on=False).message == ""


@pytest.fixture
def two_servers(database_url):
    """Two engines on one database, as two server processes answering two tablets."""
    engines = [make_engine(database_url), make_engine(database_url)]
    yield engines
    for engine in engines:
        engine.dispose()


def race(tablets, picks):
    """Each tablet taps its pick at the same moment; the results in the tablets' order."""
    start = Barrier(len(tablets))

    def tap(tablet, item):
        start.wait()
        return tablet.choose(item)

    with ThreadPoolExecutor(len(tablets)) as pool:
        return list(pool.map(tap, tablets, picks))


def test_two_tablets_picking_the_third_focuspunt_at_once_one_is_refused_and_told(
    table, two_servers
):
    for round_ in range(40):
        # Each round is a fresh group (its own owner) that already chose two focuspunten.
        a, b = (replace(table, engine=e, owner=f"g{900 + round_}") for e in two_servers)
        a.choose("kwaliteit", "financien")

        results = race([a, b], ["relaties", "doelstellingen"])

        final = a.value(FOCUSPUNTEN).split(",")
        assert len(final) == 3 and {"kwaliteit", "financien"} <= set(final), final
        for result, item in zip(results, ["relaties", "doelstellingen"], strict=True):
            if item in final:
                assert result.changed and not result.refused
            else:
                assert result.refused and not result.changed
                assert "al 3 focuspunten gekozen" in result.message


def test_two_tablets_making_the_first_picks_at_once_both_count(table, two_servers):
    for round_ in range(40):
        a, b = (replace(table, engine=e, owner=f"g{900 + round_}") for e in two_servers)

        results = race([a, b], ["kwaliteit", "financien"])

        assert sorted(a.value(FOCUSPUNTEN).split(",")) == ["financien", "kwaliteit"]
        assert all(r.changed and not r.refused for r in results)


def test_three_tablets_racing_never_pass_the_maximum_or_lose_a_pick(table, two_servers):
    for round_ in range(30):
        engines = [*two_servers, table.engine]
        tablets = [replace(table, engine=e, owner=f"g{900 + round_}") for e in engines]
        tablets[0].choose("kwaliteit")
        picks = ["financien", "relaties", "doelstellingen"]

        results = race(tablets, picks)

        final = tablets[0].value(FOCUSPUNTEN).split(",")
        assert len(final) == 3 and "kwaliteit" in final, final
        for result, item in zip(results, picks, strict=True):
            assert (item in final) == result.changed
            assert (item not in final) == result.refused


def name_partners(table, *names: str) -> None:
    for slot, name in enumerate(names, start=1):
        table.write(f"w2.wie.{slot}", name)


def test_group_marks_at_most_three_challenging_partners(table):
    name_partners(table, "Besturen po", "Pabo", "HR", "Gemeente", "Mbo")
    result = table.choose("1", "3", key=UITDAGEND)
    assert result.message == ""

    table.choose("4", key=UITDAGEND)
    refused = table.choose("5", key=UITDAGEND)

    assert not refused.changed
    assert "al 3 partners gekozen (Besturen po, HR, Gemeente)" in refused.message
    assert table.value(UITDAGEND) == "1,3,4"


def test_a_partner_without_a_name_cannot_be_marked_most_challenging(table):
    name_partners(table, "Besturen po")

    refused = table.choose("2", key=UITDAGEND)

    assert not refused.changed
    assert refused.message == "Vul eerst de naam van partner 2 in; dan kun je die markeren."
    assert table.value(UITDAGEND) is None


# --- sharing a personal answer ----------------------------------------------------------------


def test_an_empty_answer_cannot_be_shared(person):
    someone = person()

    assert someone.share("oogst.eyeopeners") is False

    someone.write("oogst.eyeopeners", "")
    assert someone.share("oogst.eyeopeners") is False
    assert someone.fields()["oogst.eyeopeners"].shared is False


def test_sharing_an_answer_flags_it_and_taking_it_back_unflags_it(person):
    someone = person()
    someone.write("oogst.eyeopeners", "Solidariteit is een werkwoord.")

    assert someone.share("oogst.eyeopeners") is True
    assert someone.fields()["oogst.eyeopeners"].shared is True
    assert someone.write("oogst.eyeopeners", "Solidariteit is echt een werkwoord.").shared

    someone.share("oogst.eyeopeners", shared=False)
    assert someone.fields()["oogst.eyeopeners"].shared is False
