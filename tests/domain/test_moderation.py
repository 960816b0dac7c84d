"""Nothing the room typed reaches the board before the facilitator reveals it."""

from app.domain.harvest import session_harvest
from app.domain.moderation import merge_partner, moderate_harvest, moderation_of
from app.domain.privacy import erase_participant


def board_texts(harvest) -> list[str]:
    return [i.text for g in harvest.groups for i in g.on_board]


def moderate(db, worksheet, session, flag, on=True, **scope) -> None:
    harvest = session_harvest(db, worksheet, session.id)
    moderate_harvest(db.connection(), harvest, session.id, flag, on, **scope)
    db.commit()


def ref_of(db, worksheet, session, text) -> str:
    harvest = session_harvest(db, worksheet, session.id)
    everything = [i for g in harvest.groups for i in g.inzichten] + harvest.shared
    return next(i.ref for i in everything if i.text == text)


def test_an_inzicht_is_not_on_the_board_until_it_is_revealed(db, worksheet, session, tables):
    tables[0].write("tk.inzicht_w1.1", "Samen opleiden loont")

    assert board_texts(session_harvest(db, worksheet, session.id)) == []
    moderate(
        db,
        worksheet,
        session,
        "revealed",
        items=[ref_of(db, worksheet, session, "Samen opleiden loont")],
    )

    assert board_texts(session_harvest(db, worksheet, session.id)) == ["Samen opleiden loont"]


def test_revealing_a_werkvorm_reveals_its_inzichten_of_every_table_and_only_those(
    db, worksheet, session, tables
):
    tables[0].write("tk.inzicht_w1.1", "Eén van tafel 1")
    tables[1].write("tk.inzicht_w1.2", "Eén van tafel 2")
    tables[1].write("tk.inzicht_w2.1", "Twee van tafel 2")

    moderate(db, worksheet, session, "revealed", werkvorm=1)

    assert board_texts(session_harvest(db, worksheet, session.id)) == [
        "Eén van tafel 1",
        "Eén van tafel 2",
    ]


def test_revealing_a_table_reveals_what_it_wrote_so_far_not_what_it_writes_later(
    db, worksheet, session, groups, tables
):
    tables[0].write("tk.inzicht_w1.1", "Eerst")
    tables[1].write("tk.inzicht_w1.1", "Andere tafel")
    moderate(db, worksheet, session, "revealed", group_id=groups[0].id)
    tables[0].write("tk.inzicht_w2.1", "Later geschreven")

    assert board_texts(session_harvest(db, worksheet, session.id)) == ["Eerst"]


def test_a_hidden_item_never_shows_even_when_revealed_and_returns_when_unhidden(
    db, worksheet, session, tables
):
    tables[0].write("tk.inzicht_w1.1", "Grof")
    ref = ref_of(db, worksheet, session, "Grof")
    moderate(db, worksheet, session, "hidden", items=[ref])
    moderate(db, worksheet, session, "revealed", werkvorm=1)
    assert board_texts(session_harvest(db, worksheet, session.id)) == []

    moderate(db, worksheet, session, "hidden", on=False, items=[ref])
    assert board_texts(session_harvest(db, worksheet, session.id)) == ["Grof"]


def test_a_pinned_inzicht_comes_first_and_a_starred_one_is_marked(db, worksheet, session, tables):
    tables[0].write("tk.inzicht_w1.1", "Eerste")
    tables[0].write("tk.inzicht_w1.2", "Tweede")
    moderate(db, worksheet, session, "revealed", werkvorm=1)
    moderate(db, worksheet, session, "pinned", items=[ref_of(db, worksheet, session, "Tweede")])
    moderate(db, worksheet, session, "starred", items=[ref_of(db, worksheet, session, "Eerste")])

    board = session_harvest(db, worksheet, session.id).groups[0].on_board
    assert [(i.text, i.flags.pinned, i.flags.starred) for i in board] == [
        ("Tweede", True, False),
        ("Eerste", False, True),
    ]


def test_an_inzicht_changed_after_its_reveal_stays_revealed_with_its_new_text(
    db, worksheet, session, tables
):
    tables[0].write("tk.inzicht_w1.1", "Oud")
    moderate(db, worksheet, session, "revealed", werkvorm=1)
    tables[0].write("tk.inzicht_w1.1", "Nieuw")

    assert board_texts(session_harvest(db, worksheet, session.id)) == ["Nieuw"]


def test_shared_eye_openers_wait_for_the_facilitator_and_the_queue_is_newest_first(
    db, worksheet, session, person
):
    for name, text in [("Anne", "Eerste"), ("Bram", "Tweede"), ("Cor", "Derde")]:
        someone = person(name)
        someone.write("oogst.eyeopeners", text)
        someone.share("oogst.eyeopeners")

    harvest = session_harvest(db, worksheet, session.id)
    assert [a.text for a in harvest.shared_queue] == ["Derde", "Tweede", "Eerste"]
    assert harvest.shared_on_board == []
    assert all(a.ref.startswith("e") and "Anne" not in a.ref for a in harvest.shared)

    moderate(db, worksheet, session, "revealed", items=[ref_of(db, worksheet, session, "Eerste")])
    moderate(db, worksheet, session, "revealed", items=[ref_of(db, worksheet, session, "Derde")])
    assert [a.text for a in session_harvest(db, worksheet, session.id).shared_on_board] == [
        "Derde",
        "Eerste",
    ]


def test_a_reference_the_session_does_not_hold_changes_nothing(db, worksheet, session, tables):
    tables[0].write("tk.inzicht_w1.1", "Echt")
    moderate(db, worksheet, session, "revealed", items=["g999:tk.inzicht_w1.1", "e999"])

    assert board_texts(session_harvest(db, worksheet, session.id)) == []


def test_an_erased_sheet_takes_its_flags_along(db, worksheet, session, person):
    anne = person("Anne")
    anne.write("oogst.eyeopeners", "Weg straks")
    anne.share("oogst.eyeopeners")
    ref = ref_of(db, worksheet, session, "Weg straks")
    moderate(db, worksheet, session, "revealed", items=[ref])

    erase_participant(db, int(anne.owner[1:]))

    assert ref not in moderation_of(db.connection(), session.id)


def partner_counts(db, worksheet, session) -> list[tuple[str, list[str], list[str]]]:
    partners = session_harvest(db, worksheet, session.id).partners
    return [(p.name, p.groups, p.merged) for p in partners]


def test_merged_partner_names_are_counted_together(db, worksheet, session, tables):
    tables[0].write("w2.wie.1", "Schoolbesturen")
    tables[1].write("w2.wie.1", "besturen")
    tables[1].write("w2.wie.2", "Gemeente")

    merge_partner(db.connection(), session.id, "Besturen", "schoolbesturen")
    db.commit()

    assert partner_counts(db, worksheet, session) == [
        ("Schoolbesturen", ["Tafel 1", "Tafel 2"], ["besturen"]),
        ("Gemeente", ["Tafel 2"], []),
    ]


def test_a_merge_can_be_undone_and_a_circle_undoes_instead_of_looping(
    db, worksheet, session, tables
):
    tables[0].write("w2.wie.1", "Schoolbesturen")
    tables[1].write("w2.wie.1", "Besturen")
    conn = db.connection()
    merge_partner(conn, session.id, "Besturen", "Schoolbesturen")
    merge_partner(conn, session.id, "Schoolbesturen", "Besturen")  # would be a circle
    db.commit()
    assert partner_counts(db, worksheet, session) == [
        ("Schoolbesturen", ["Tafel 1", "Tafel 2"], ["Besturen"])
    ]

    merge_partner(db.connection(), session.id, "Besturen", "")
    db.commit()
    assert [p[0] for p in partner_counts(db, worksheet, session)] == ["Besturen", "Schoolbesturen"]


def test_when_only_merged_spellings_are_left_the_first_one_leads(db, worksheet, session, tables):
    tables[0].write("w2.wie.1", "PO-raad")
    merge_partner(db.connection(), session.id, "PO-raad", "Besturen")  # nobody wrote Besturen
    db.commit()

    assert partner_counts(db, worksheet, session) == [("PO-raad", ["Tafel 1"], [])]
