from bot.rasa_ext.web_channel import SeenMessages, cursor_of, message_id_of, session_id_of


def test_only_well_formed_ids_and_cursors_are_taken() -> None:
    good = "0123456789abcdef0123456789abcdef"
    assert session_id_of({"session_id": good}) == good
    assert session_id_of({"session_id": "web:other"}) is None and session_id_of("x") is None
    assert message_id_of({"id": "a1b2c3d4e5f6"}) == "a1b2c3d4e5f6"
    assert message_id_of({"id": "<script>"}) is None
    assert cursor_of({"before": 120}) == 120
    assert cursor_of({"before": True}) is None and cursor_of({"before": "1"}) is None


def test_a_message_sent_again_is_answered_once() -> None:
    seen = SeenMessages(size=2)
    assert seen.first_time("web:a m1") and not seen.first_time("web:a m1")
    assert seen.first_time("web:a m2") and seen.first_time("web:a m3")
    assert seen.first_time("web:a m1")  # forgotten after `size` newer ones
