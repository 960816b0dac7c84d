"""Mijn persoonlijke oogst: private on the phone, on the board only when shared, never named."""

from tests.web.flows import field_value, page_text, version_of

EYE_OPENER = "oogst.eyeopeners"


def test_a_personal_answer_autosaves_and_is_there_after_a_reload(room):
    phone = room.phone("Anne")

    response = phone.save_answer("oogst.w2_praktijk", "Partners eerder betrekken.")

    assert (response.status_code, version_of(response)) == (200, 1)
    assert field_value(phone.sheet(), "oogst.w2_praktijk") == "Partners eerder betrekken."


def test_a_personal_sheet_is_private_to_its_phone(room):
    anne, bram = room.phone("Anne"), room.phone("Bram")
    anne.save_answer(EYE_OPENER, "Wat Anne alleen voor zichzelf schrijft")

    assert "Wat Anne alleen voor zichzelf schrijft" not in bram.sheet()
    assert field_value(bram.sheet(), EYE_OPENER) == ""
    assert "Wat Anne alleen voor zichzelf schrijft" not in room.board()
    assert "Wat Anne alleen voor zichzelf schrijft" not in room.tablet(0).group_page()


def test_a_shared_answer_appears_on_the_board_without_the_name(room):
    anne = room.phone("Anneke Jansen")
    anne.save_answer(EYE_OPENER, "Samen opleiden begint bij elkaar kennen.")

    response = anne.share(EYE_OPENER)

    fragment = page_text(response)
    assert "Gedeeld met de zaal, zonder naam" in fragment
    assert 'aria-pressed="true"' in fragment
    assert "Samen opleiden begint" not in room.board()  # until the facilitator reveals it
    room.reveal_all()
    board = room.board()
    assert "Samen opleiden begint bij elkaar kennen." in board
    assert "Anneke Jansen" not in board


def test_only_the_shared_answer_is_shown_not_the_others_of_the_same_sheet(room):
    anne = room.phone("Anne")
    anne.save_answer(EYE_OPENER, "Dit mag de zaal zien.")
    anne.save_answer("oogst.w1_regio", "Dit niet.")
    anne.share(EYE_OPENER)
    room.reveal_all()

    board = room.board()

    assert "Dit mag de zaal zien." in board
    assert "Dit niet." not in board


def test_taking_a_shared_answer_back_removes_it_from_the_board(room):
    anne = room.phone()
    anne.save_answer(EYE_OPENER, "Even gedeeld.")
    anne.share(EYE_OPENER)

    fragment = page_text(anne.share(EYE_OPENER, shared=False))

    assert "Deel met de zaal, zonder naam" in fragment
    assert "Even gedeeld." not in room.board()


def test_an_empty_answer_cannot_be_shared(room):
    anne = room.phone()

    fragment = page_text(anne.share(EYE_OPENER))

    assert "Schrijf eerst iets op; dan kun je het delen." in fragment
    assert 'aria-pressed="false"' in fragment


def test_a_phone_cannot_write_a_group_field(room):
    phone = room.phone()

    response = phone.save_answer("tk.inzicht_w1.1", "Op het bord gesmokkeld")

    assert response.status_code == 422
    assert "Op het bord gesmokkeld" not in room.board()


def test_a_too_long_answer_is_refused_with_the_maximum(room):
    response = room.phone().save_answer(EYE_OPENER, "e" * 2001)

    assert response.status_code == 422
    assert "maximaal 2000 tekens, nu 2001" in response.text


def test_a_device_without_a_sheet_cannot_save_or_share(room):
    stranger = room.device()

    assert stranger.save_answer(EYE_OPENER, "Zonder blad").status_code == 403
    assert stranger.share(EYE_OPENER).status_code == 403


def test_a_group_tablet_has_no_personal_sheet(room):
    tablet = room.tablet(0)

    assert tablet.get(f"/s/{room.code}/oogst").status_code == 303
    assert tablet.save_answer(EYE_OPENER, "Van de tablet").status_code == 403
