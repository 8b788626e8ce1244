"""ric.knowledge.routing: a specific question is answered first, a stated need starts the flow."""

import pytest

from ric.knowledge import routing
from ric.knowledge.routing import answer_first, is_question

LIMITS = {"min_score": 0.15, "sure_score": 0.45}


@pytest.mark.parametrize(
    "text",
    [
        "moet ik mn zorgverzekering stopzetten nu ik vastzit",
        "kan ik mn cjib boetes in delen betalen",
        "hoe vraag ik digid aan",
        "Wat is een VOG?",
        "how do i get my id back",
        "can the uwv help me find work",
        "كيف أحصل على بطاقة هوية",
        "هل يمكنني الحصول على تأمين صحي",
        "kimlik kartimi nasil geri alirim",
        "sigortami iptal etmeli miyim",
        "czy mogę dostać zasiłek",
        "jak wyrobić dowód",
    ],
)
def test_questions_in_each_language_are_recognised(text):
    assert is_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "ik moet mn id in orde maken",
        "ik zit diep in de schulden",
        "i need a place to live",
        "أحتاج إلى سكن",
        "borclarim var",
        "potrzebuję pomocy z długami",
    ],
)
def test_stated_needs_are_not_questions(text):
    assert not is_question(text)


def test_a_question_the_search_answers_is_answered_first():
    assert answer_first("kan ik mn boete in delen betalen", 0.30, **LIMITS)


def test_a_stated_need_starts_the_flow_unless_the_search_is_sure():
    assert not answer_first("ik zit diep in de schulden", 0.30, **LIMITS)
    assert answer_first("wsnp", 0.60, **LIMITS)


@pytest.mark.parametrize("text", ["digid aanvragen", "zorgverzekering geschorst", "wsnp"])
def test_a_keyword_query_the_search_answers_is_answered_first(text):
    assert answer_first(text, 0.30, **LIMITS)


def test_a_short_need_about_oneself_is_not_a_keyword_query():
    assert not answer_first("ik heb schulden", 0.30, **LIMITS)
    assert not answer_first("help mij met mn id", 0.30, **LIMITS)


def test_a_question_the_search_cannot_answer_starts_the_flow():
    assert not answer_first("hoe regel ik dat", 0.05, **LIMITS)


def test_a_button_press_always_starts_the_flow():
    assert not answer_first("/condition_debts", 0.99, **LIMITS)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("ik heb een id nodig voor als ik vrij kom", "nl"),
        ("I have no place to live after release", "en"),
        ("potrzebuje pomocy z dlugami", "pl"),
        ("ciktigimda kalacak yerim yok", "tr"),
        ("بغيت نقاد البطاقة ديالي", "ar"),
    ],
)
def test_a_sentence_about_oneself_that_asks_nothing_states_a_need(text, lang):
    assert routing.states_need(text, lang)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("ik wil weten hoe ik een id-kaart aanvraag", "nl"),
        ("I want to know when my benefit starts", "en"),
        ("moet ik mn zorgverzekering stopzetten", "nl"),
        ("kimligimi nasil alirim", "tr"),
        ("digid aanvragen", "nl"),
        ("/condition_id", "nl"),
    ],
)
def test_a_message_that_asks_something_or_names_a_subject_states_no_need(text, lang):
    assert not routing.states_need(text, lang)


def test_a_need_goes_to_the_condition_the_classifier_ranks_highest():
    ranking = [("faq", 0.7), ("condition_debts", 0.25), ("condition_care", 0.04)]

    assert routing.condition_of_need(ranking, "condition_") == "debts"


def test_a_need_the_classifier_hardly_places_in_a_condition_is_answered_instead():
    ranking = [("faq", 0.9), ("greet", 0.05), ("condition_id", 0.04)]

    assert routing.condition_of_need(ranking, "condition_") is None
