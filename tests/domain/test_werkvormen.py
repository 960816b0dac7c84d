"""The facilitator closes a werkvorm: which fields that freezes, and reopening it."""

from app.domain.werkvormen import closed_werkvormen, set_werkvorm_closed, werkvorm_of


def test_each_group_field_belongs_to_the_werkvorm_of_its_tab():
    assert werkvorm_of("w1.focuspunten") == "scenario-denken"
    assert werkvorm_of("w1.kwaliteit.zin") == "scenario-denken"
    assert werkvorm_of("tk.inzicht_w1.2") == "scenario-denken"
    assert werkvorm_of("w2.wie.3") == "partners-in-beeld"
    assert werkvorm_of("tk.vervolgstap") == "partners-in-beeld"
    assert werkvorm_of("rol.gespreksleider") is None


def test_closing_and_reopening_werkvormen(db, session):
    assert closed_werkvormen(session) == frozenset()
    assert set_werkvorm_closed(db, session, "scenario-denken", True)
    assert set_werkvorm_closed(db, session, "partners-in-beeld", True)
    db.refresh(session)
    assert closed_werkvormen(session) == {"scenario-denken", "partners-in-beeld"}

    set_werkvorm_closed(db, session, "scenario-denken", False)
    assert closed_werkvormen(session) == {"partners-in-beeld"}


def test_a_werkvorm_without_group_fields_cannot_be_closed(db, session):
    assert not set_werkvorm_closed(db, session, "terugkoppeling", True)
    assert closed_werkvormen(session) == frozenset()
