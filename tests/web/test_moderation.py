"""The facilitator decides what reaches the projector: reveal, hide, pin, star."""

from tests.web.flows import page_text, redirect_path

INZICHT = "tk.inzicht_w1.1"


def test_an_inzicht_reaches_the_board_only_after_the_facilitator_reveals_it(room):
    room.tablet(0).save(INZICHT, "Samen opleiden loont.")
    assert "Samen opleiden loont." not in room.board()
    assert "Samen opleiden loont." in page_text(room.device().get(room.regie))

    back = redirect_path(room.moderate(werkvorm=1))

    assert back == f"{room.regie}#moderatie"
    assert "“Samen opleiden loont.”" in room.board()


def test_revealing_one_table_leaves_the_other_tables_waiting(room):
    room.tablet(0).save(INZICHT, "Van tafel 1")
    room.tablet(1).save(INZICHT, "Van tafel 2")

    room.moderate(tafel=room.groups[1].id)

    board = room.board()
    assert "Van tafel 2" in board and "Van tafel 1" not in board


def test_a_hidden_item_is_never_on_the_board_even_when_revealed_again(room):
    room.tablet(0).save(INZICHT, "Niet voor het scherm")
    (ref,) = room.moderation_refs()
    room.moderate(ref)
    room.moderate(ref, zet="hidden:1")

    room.moderate(werkvorm=1)

    assert "Niet voor het scherm" not in room.board()
    regie = page_text(room.device().get(room.regie))
    assert "Niet voor het scherm" in regie and "verborgen" in regie


def test_a_pinned_eye_opener_comes_first_and_a_starred_one_is_marked(room):
    for text in ("Eerste gedachte", "Tweede gedachte"):
        phone = room.phone()
        phone.save_answer("oogst.eyeopeners", text)
        phone.share("oogst.eyeopeners")
    room.reveal_all()
    newest, oldest = room.moderation_refs()

    room.moderate(oldest, zet="pinned:1")
    room.moderate(newest, zet="starred:1")

    board = room.board()
    assert board.index("Eerste gedachte") < board.index("Tweede gedachte")
    assert "★ Tweede gedachte" in board


def test_the_regie_shows_every_shared_eye_opener_newest_first_without_names(room):
    texts = [f"Eye-opener nummer {n}" for n in range(1, 10)]
    for n, text in enumerate(texts):
        phone = room.phone(f"Deelnemer{n}")
        phone.save_answer("oogst.eyeopeners", text)
        phone.share("oogst.eyeopeners")

    regie = page_text(room.device().get(room.regie))

    queue = regie.split('id="eye-openers"')[1]
    assert [queue.index(t) for t in reversed(texts)] == sorted(queue.index(t) for t in texts)
    assert "Deelnemer" not in regie
    assert not any(t in room.board() for t in texts)


def test_the_regie_reads_what_one_table_wrote(room):
    tablet = room.tablet(0)
    tablet.choose("kwaliteit")
    tablet.save("w1.kwaliteit.zin", "Kwaliteit is samen leren.")
    tablet.save("w2.wie.1", "Gemeente")
    tablet.save(INZICHT, "Begin klein.")
    tablet.save("tk.vervolgstap", "Overleg plannen")
    tablet.save("tk.opbrengst", "Een agenda")

    page = page_text(room.device().get(f"{room.regie}/tafel/{room.groups[0].id}"))

    for text in ("Kwaliteit is samen leren.", "Gemeente", "Begin klein.", "Overleg plannen"):
        assert text in page
    assert "Een agenda" in page and "Toon alle inzichten van deze tafel" in page


def test_another_sessions_table_or_a_wrong_choice_is_refused_kindly(room):
    assert room.device().get(f"{room.regie}/tafel/999999").status_code == 404
    assert room.moderate(zet="deleted:1").status_code == 422
    assert (
        room.device().post("/regie/verkeerd/moderatie", data={"zet": "revealed:1"}).status_code
        == 404
    )


def test_a_table_marks_its_inzichten_klaar_voor_plenair_and_the_regie_sees_it(room):
    tablet = room.tablet(1)
    tablet.save(INZICHT, "Klaar om te delen")

    button = page_text(tablet.choose("ja", key="tk.klaar"))

    assert 'aria-pressed="true"' in button
    regie = page_text(room.device().get(room.regie))
    table = regie.split(f'id="moderatie-{room.groups[1].id}"')[1].split("</section>")[0]
    assert "klaar voor plenair" in table
    assert (
        "klaar voor plenair"
        not in regie.split(f'id="moderatie-{room.groups[0].id}"')[1].split("</section>")[0]
    )
    assert "Klaar om te delen" not in room.board()  # ready is not revealed

    tablet.choose("ja", key="tk.klaar", on=False)
    regie = page_text(room.device().get(room.regie))
    assert "klaar voor plenair" not in regie.split(f'id="moderatie-{room.groups[1].id}"')[1]


def test_the_facilitator_merges_two_partner_names_and_the_board_counts_them_as_one(room):
    room.tablet(0).save("w2.wie.1", "Schoolbesturen")
    room.tablet(1).save("w2.wie.3", "Besturen")
    facilitator = room.device()
    regie = page_text(facilitator.get(room.regie))
    assert "<strong>Besturen</strong> · 1 tafel" in regie

    merged = facilitator.post(
        f"{room.regie}/partners", data={"naam": "Besturen", "samen_met": "Schoolbesturen"}
    )

    assert redirect_path(merged) == f"{room.regie}#partners"
    assert 'title="Tafel 1, Tafel 2">Schoolbesturen <span>×2</span></li>' in room.board()
    regie = page_text(facilitator.get(room.regie))
    assert "<strong>Schoolbesturen</strong> · 2 tafels" in regie and "ook: Besturen" in regie

    facilitator.post(f"{room.regie}/partners", data={"naam": "Besturen"})
    assert "×2" not in room.board()
