"""Answer or guide: does a message ask something an article answers, or state a need?

A specific question ("moet ik mn zorgverzekering stopzetten nu ik vastzit") gets the
article's answer first, with a button to go through the condition step by step after; a
stated wish or need ("ik moet mn id in orde maken") starts the condition's flow. The
decision uses the intent classifier and the knowledge search together: a condition intent
is answered from an article when the message is phrased as a question and the search
finds an article, or when the search is sure whatever the phrasing (a keyword such as
"Wsnp"). The measured effect is in docs/nlu.md.
"""

from __future__ import annotations

from ric.normalise import normalise

# Words that open a question, per language, in normalised form (no diacritics).
QUESTION_STARTS: dict[str, frozenset[str]] = {
    "nl": frozenset(
        "hoe wat wanneer waar waarom wie welke welk hoeveel hoelang waarmee waarvoor "
        "kan kun kunnen mag mogen moet moeten krijg krijgen heb hebben ben is zijn word "
        "wordt worden zal zou gaat ga blijft klopt weet weten bestaat telt".split()
    ),
    "en": frozenset(
        "how what when where why who whom whose which can could may might must should "
        "shall will would do does did is are am was were have has had any".split()
    ),
    # not من (also "from") nor ما (also "not"): "ما عنديش" is "I have no".
    "ar": frozenset("كيف ماذا متى اين لماذا هل كم اي ايش شنو واش فين علاش كيفاش".split()),
    "tr": frozenset("nasil ne neden niye nerede nereye ne zaman kim hangi kac".split()),
    "pl": frozenset(
        "jak co czy kiedy gdzie kto dlaczego czemu ile ktory ktora ktore jaki jaka".split()
    ),
}
# Turkish puts its question words and particles anywhere: "kimligimi nasil alirim",
# "alabilir miyim".
TURKISH_PARTICLES = frozenset(
    "mi mı mu mü miyim misin miyiz midir mıyım musun muyum müyüm mudur".replace("ı", "i")
    .replace("ü", "u")
    .split()
)


TURKISH_QUESTION_WORDS = TURKISH_PARTICLES | QUESTION_STARTS["tr"]


def is_question(text: str, lang: str | None = None) -> bool:
    """Whether the message is phrased as a question: in the conversation's language when
    given (Turkish "is lazim" is not English "is ..."), else in any of the five."""
    if text.rstrip().endswith(("?", "؟")):
        return True
    words = normalise(text).split()
    if not words:
        return False
    starts = [QUESTION_STARTS[lang]] if lang in QUESTION_STARTS else QUESTION_STARTS.values()
    if any(words[0] in found for found in starts):
        return True
    if lang not in (None, "tr"):
        return False
    return any(word in TURKISH_QUESTION_WORDS for word in words[1:])


# The writer speaking of themselves ("ik moet", "my debts", "borclarim" aside): a short
# message without any of these is a keyword query ("digid aanvragen", "wsnp").
FIRST_PERSON = frozenset(
    "ik k me mij mijn mn m'n mezelf i me my im i'm myself "
    "ana انا عندي ليا بغيت اريد "
    "ben benim bana beni "
    "ja mnie mi moj moja moje mam chce".split()
)
# Words of wanting, needing or arranging: "id regelen", "ev lazim", "potrzebuje pomocy".
NEED_WORDS = frozenset(
    "regelen nodig moet wil wil zoek zoeken hulp help helpen graag kwijt geen "
    "need want sort arrange help lost no "
    "lazim istiyorum ihtiyacim yardim halletmek yok kaybettim "
    "potrzebuje chce musze szukam pomoc pomocy pomoz nie mam zalatwic zgubilem "
    "احتاج محتاج بغيت ابغي اريد نحتاج عندي ليا ساعدني مساعده خاصني ماعنديش عنديش لدي "
    "ديالي بدي bghit khassni khasni 3andi ma3ndich m7taj dyali liya".split()
)
KEYWORD_WORDS = 4
# Turkish says "I" and "my" with an ending: kartim, istiyorum, kalacagim.
TURKISH_FIRST_PERSON = (
    *("im", "um", "yim", "yum", "imi", "umu", "ime", "uma", "imin", "umun"),
    *("imiz", "umuz", "imde", "umda", "imden", "umdan"),
)


def _about_oneself(words: list[str], lang: str | None) -> bool:
    if any(w in FIRST_PERSON or w in NEED_WORDS for w in words):
        return True
    return lang == "tr" and any(len(w) >= 4 and w.endswith(TURKISH_FIRST_PERSON) for w in words)


def is_keyword_query(text: str, lang: str | None = None) -> bool:
    """A few words about a subject, not a sentence about oneself or a need: "digid
    aanvragen" is one, "id regelen" and "kimlik kartim yok" are not."""
    words = normalise(text).split()
    return 0 < len(words) <= KEYWORD_WORDS and not _about_oneself(words, lang)


# Question words that ask something wherever they stand: "ik wil weten hoe ik ...",
# "potrzebuje wiedziec gdzie ...". (Not Dutch "wat", also "some": "wat geld nodig".)
ASKING_WORDS = (
    frozenset(
        "hoe waar wanneer waarom welke welk hoeveel hoelang weten vraag "
        "how where when why which know wondering "
        "كيف متى اين لماذا هل كم واش فين كيفاش علاش شحال امتى "
        "nasil neden nerede nereye hangi kac "
        "jak gdzie kiedy dlaczego czy ile".split()
    )
    | TURKISH_PARTICLES
)


def states_need(text: str, lang: str | None = None) -> bool:
    """A sentence about oneself or a need that asks nothing: "ik heb geen huis als ik
    vrijkom", "potrzebuje pomocy z dlugami"; such a message starts a flow."""
    if text.startswith("/") or is_question(text, lang):
        return False
    words = normalise(text).split()
    if any(word in ASKING_WORDS for word in words):
        return False
    return _about_oneself(words, lang)


# A stated need the classifier took for a question goes to a condition's flow only when
# the classifier also gives that condition at least this confidence among its first
# choices ("ik heb een id nodig": faq 0.84, condition_id 0.14); "bsn kwijt" (faq 0.90,
# condition_id 0.04) is answered. Chosen on tests/data/tuning/, never on held-out data.
NEED_RANK = 3
NEED_CONFIDENCE = 0.1


def condition_of_need(ranking: list[tuple[str, float]], prefix: str) -> str | None:
    """Which condition a stated need is about: the classifier's best condition intent
    among its first NEED_RANK choices, if it is confident enough of it."""
    for name, confidence in ranking[:NEED_RANK]:
        if name.startswith(prefix) and confidence >= NEED_CONFIDENCE:
            return name.removeprefix(prefix)
    return None


def answer_first(
    text: str, score: float, *, min_score: float, sure_score: float, lang: str | None = None
) -> bool:
    """Whether a message the classifier sent to a flow is answered from an article first:
    a question or a keyword query the search answers, or any message the search is sure
    of (a button press never is)."""
    if text.startswith("/"):
        return False
    if score >= sure_score:
        return True
    return score >= min_score and (is_question(text, lang) or is_keyword_query(text, lang))
