"""ric.normalise: one spelling for the many ways people type a message."""

import pytest

from ric.normalise import fold, normalise


@pytest.mark.parametrize(
    "typed,normalised",
    [
        ("Ik wil DOOOOD!!!", "ik wil dood"),
        ("kendimi öldüreceğim", "kendimi oldurecegim"),
        ("KENDİMİ ÖLDÜRECEĞİM", "kendimi oldurecegim"),
        ("chcę się zabić", "chce sie zabic"),
        ("łóżko", "lozko"),
        ("سأنتحر", "سانتحر"),
        ("إنتحار؟", "انتحار"),
        ("مُسْتَشْفَى", "مستشفي"),
        ("مدرسة", "مدرسه"),
        ("m'n celmaat, slaat me...", "m'n celmaat slaat me"),
        ("  ", ""),
    ],
)
def test_case_diacritics_arabic_letter_forms_repeats_and_punctuation(typed, normalised):
    assert normalise(typed) == normalised


def test_chat_spellings_are_replaced_per_whole_word():
    spellings = {"mn": "mijn", "k": "ik"}
    assert normalise("k haat mn leven", spellings) == "ik haat mijn leven"
    assert normalise("kmn", spellings) == "kmn"


def test_fold_keeps_the_punctuation_of_a_regular_expression():
    assert fold("zabić (się|sie)") == "zabic (sie|sie)"
    assert fold("(أ|ا)ريد") == "(ا|ا)ريد"
