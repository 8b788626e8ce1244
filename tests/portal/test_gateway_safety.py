"""The kiosk gateway keeps the safety category of a bot message (custom.safety)."""

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
