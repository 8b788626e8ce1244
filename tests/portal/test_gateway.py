"""The kiosk gateway turns Rasa's REST output into chat messages (ric.portal.gateway)."""

from ric.portal.gateway import merge_messages


def test_the_safety_category_reaches_the_kiosk_message():
    raw = [{"text": "Zeg het nu tegen de medewerker.", "custom": {"safety": "threatened"}}]
    assert merge_messages(raw, "nl")[0]["safety"] == "threatened"


def test_a_separate_custom_message_is_folded_into_the_text_before_it():
    raw = [{"text": "Zeg het nu."}, {"custom": {"safety": "suicide", "lang": "nl"}}]
    (message,) = merge_messages(raw, "nl")
    assert message["safety"] == "suicide" and message["text"] == "Zeg het nu."


def test_an_ordinary_message_has_no_safety_key():
    assert "safety" not in merge_messages([{"text": "Hoi"}], "nl")[0]


def test_buttons_keep_their_title_and_payload_and_nothing_else():
    raw = [{"text": "Kies", "buttons": [{"title": "Ja", "payload": "/affirm", "x": 1}]}]
    assert merge_messages(raw, "nl")[0]["buttons"] == [{"title": "Ja", "payload": "/affirm"}]


def test_the_article_and_the_writing_direction_come_from_custom():
    raw = [{"text": "...", "custom": {"article": "digid", "lang": "ar", "dir": "rtl"}}]
    (message,) = merge_messages(raw, "nl")
    assert (message["article"], message["lang"], message["dir"]) == ("digid", "ar", "rtl")


def test_without_custom_the_message_is_in_the_conversation_s_language_left_to_right():
    (message,) = merge_messages([{"text": "Merhaba"}], "tr")
    assert (message["article"], message["lang"], message["dir"]) == (None, "tr", "ltr")


def test_a_custom_message_with_nothing_before_it_is_an_empty_chat_message_not_an_error():
    messages = merge_messages([{"custom": {"article": "digid"}}], "nl")
    assert messages == [{"text": "", "buttons": [], "article": "digid", "lang": "nl", "dir": "ltr"}]
