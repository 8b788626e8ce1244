"""The strings the layers exchange, written and read by ric.protocol only."""

from ric import protocol


def test_a_payload_with_entities_is_compact_json_and_reads_back():
    text = protocol.payload("book_appointment", partner_kind="gemeente")
    assert text == '/book_appointment{"partner_kind":"gemeente"}'
    assert protocol.split_payload(text) == ("book_appointment", {"partner_kind": "gemeente"})


def test_a_choice_keeps_non_ascii_letters_and_reads_back():
    text = protocol.choice("lang:ar")
    assert protocol.split_payload(text) == ("choose", {"choice": "lang:ar"})
    assert "ş" in protocol.payload("choose", choice="ş")


def test_a_broken_payload_gives_the_intent_and_no_entities():
    assert protocol.split_payload("/choose{broken") == ("choose", {})
    assert protocol.split_payload('/choose{"a": [1}') == ("choose", {})
    assert protocol.split_payload("/choose{}") == ("choose", {})


def test_condition_intents_and_booking_task_keys_round_trip():
    assert protocol.condition_of_intent(protocol.condition_intent("debts")) == "debts"
    assert protocol.condition_of_intent("faq") is None
    assert protocol.booking_of_task_key(protocol.booking_task_key(42)) == 42
    assert protocol.booking_of_task_key("booking_x") is None
    assert protocol.booking_of_task_key("request_id_card") is None
    assert protocol.booking_of_task_key(None) is None
