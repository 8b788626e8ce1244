"""Article synonyms: short keyword questions and abbreviations find their article.

A detainee often types only an abbreviation or a name ("GGZ?", "cjib", "wat is het CAK").
Each article lists such words per language under `synonyms:`; the search matches them
as whole words, in any case and without punctuation, and scores a question that is
(mostly) a synonym above RIC_KNOWLEDGE_MIN_SCORE.
"""

import pytest
import yaml

from ric.content.articles import (
    MAX_SYNONYM_WORDS,
    check_synonyms,
    parse_article,
    validate_article,
    word_key,
)
from ric.content.repository import ContentRepository
from ric.knowledge.search import ArticleSearch, covered
from ric.settings import ROOT, load

LANGUAGES = ("nl", "en", "ar", "tr", "pl")
ARTICLES = ROOT / "knowledge" / "articles"
MIN_SCORE = load({}).ric_knowledge_min_score

# The short Dutch questions that used to get "Dat weet ik niet zeker", and the article
# that answers each of them.
DUTCH_KEYWORD_QUESTIONS = {
    "GGZ?": "mental-health",
    "ggz": "mental-health",
    "geestelijke gezondheidszorg": "mental-health",
    "psycholoog": "mental-health",
    "wsnp": "debt-help",
    "Wsnp": "debt-help",
    "schuldsanering": "debt-help",
    "wat is het CAK": "health-insurance",
    "cjib": "cjib-fines",
    "boete": "cjib-fines",
    "bekeuring": "cjib-fines",
    "brp": "brp-registration",
    "inschrijven gemeente": "brp-registration",
    "GBA": "brp-registration",
    "vog aanvragen": "vog",
    "verklaring omtrent gedrag": "vog",
    "Justis": "vog",
    "uwv": "benefits",
    "WW": "benefits",
    "WIA": "benefits",
    "bsn kwijt": "brp-registration",
    "burgerservicenummer": "brp-registration",
    "digid": "digid",
    "Zvw": "health-insurance",
    "zorgverzekering": "health-insurance",
}

# Words an Arabic, Turkish or Polish speaker types, with and without diacritics.
OTHER_LANGUAGE_SYNONYMS = [
    ("ar", "اكتئاب", "mental-health"),
    ("ar", "غرامة", "cjib-fines"),
    ("ar", "تأمين صحي", "health-insurance"),
    ("ar", "ما هو CAK", "health-insurance"),
    ("ar", "GGZ", "mental-health"),
    ("tr", "sabıka kaydı", "vog"),
    ("tr", "sabika kaydi", "vog"),
    ("tr", "işsizlik parası", "benefits"),
    ("tr", "psikolog", "mental-health"),
    ("pl", "zasiłek", "benefits"),
    ("pl", "zasilek", "benefits"),
    ("pl", "mandat", "cjib-fines"),
    ("pl", "zaświadczenie o niekaralności", "vog"),
    ("en", "probation", "reclassering"),
    ("en", "what is the CAK", "health-insurance"),
]


@pytest.fixture(scope="module")
def repository():
    return ContentRepository(ROOT / "knowledge", LANGUAGES)


@pytest.fixture(scope="module")
def search(repository):
    articles, signature = repository.articles(), repository.signature()
    engine = ArticleSearch()

    def run(question: str, lang: str = "nl", limit: int = 3):
        return engine.search(articles, signature, question, lang, limit)

    return run


def _valid():
    return yaml.safe_load((ARTICLES / "mental-health.yml").read_text(encoding="utf-8"))


# --- the content ----------------------------------------------------------------------
def test_every_article_lists_synonyms_in_all_five_languages(repository):
    for slug, article in repository.articles().items():
        assert set(article.synonyms) == set(LANGUAGES), slug
        assert all(article.synonyms[lang] for lang in LANGUAGES), slug


def test_no_synonym_belongs_to_two_articles(repository):
    """An abbreviation that fits two subjects goes on the article that answers it best."""
    assert check_synonyms(repository.articles()) == []


def test_abbreviations_stay_dutch_in_the_translations(repository):
    """A detainee types "GGZ" and "CJIB" whatever their language."""
    articles = repository.articles()
    for slug, abbreviation in [("mental-health", "GGZ"), ("cjib-fines", "CJIB")]:
        for lang in LANGUAGES:
            assert abbreviation in articles[slug].synonyms[lang], (slug, lang)


# --- the search -----------------------------------------------------------------------
@pytest.mark.parametrize("question,slug", DUTCH_KEYWORD_QUESTIONS.items())
def test_a_short_dutch_keyword_question_finds_its_article(search, question, slug):
    """The article comes first, with a score that counts as an answer."""
    best = search(question)[0]
    assert best.slug == slug
    assert best.score >= MIN_SCORE


@pytest.mark.parametrize("question", ["CJIB", "cjib?", "Cjib!", "  cJiB.  ", "(CJIB)"])
def test_a_synonym_is_found_in_any_case_and_without_punctuation(search, question):
    best = search(question)[0]
    assert best.slug == "cjib-fines" and best.score >= MIN_SCORE


@pytest.mark.parametrize("lang,question,slug", OTHER_LANGUAGE_SYNONYMS)
def test_a_synonym_in_another_language_finds_its_article(search, lang, question, slug):
    best = search(question, lang)[0]
    assert best.slug == slug
    assert best.score >= MIN_SCORE


def test_a_synonym_in_a_longer_question_adds_to_its_article(search):
    """A hyphen splits words: "GGZ-instelling" holds the abbreviation GGZ."""
    best = search("GGZ-instelling na mijn straf")[0]
    assert best.slug == "mental-health" and best.score >= MIN_SCORE


def test_a_synonym_does_not_match_inside_a_longer_word():
    """The abbreviation "cak" is not in "cake", "vog" not in "vogel", "ww" not in "wwoord"."""
    assert covered(["ik", "bak", "cake"], [("cak",)]) == set()
    assert covered(["een", "vogel"], [("vog",)]) == set()
    assert covered(["mijn", "wwoord"], [("ww",)]) == set()
    assert covered(["het", "cak"], [("cak",)]) == {1}


@pytest.mark.parametrize(
    "question,slug",
    [("ik wil een cake bakken", "health-insurance"), ("ik zag een vogel", "vog")],
)
def test_a_word_that_only_contains_a_synonym_is_no_answer(search, question, slug):
    """Without the whole word, the article is not found with an answer's score."""
    scores = {hit.slug: hit.score for hit in search(question, limit=100)}
    assert scores[slug] < MIN_SCORE


def test_a_question_about_another_subject_is_not_taken_by_a_synonym_in_it(search):
    """DigiD is a synonym of the digid article; this question is about authorising."""
    assert search("hoe machtig ik mijn broer met mijn digid")[0].slug == "digid-authorisation"


def test_a_sentence_that_holds_a_synonym_scores_lower_than_the_synonym_alone(search):
    """A stated need with a synonym in it ("ik heb geen uitkering") is not a keyword."""
    alone = search("uitkering")[0]
    sentence = search("ik heb geen uitkering")[0]
    assert alone.slug == sentence.slug == "benefits"
    assert sentence.score < alone.score


def test_the_dutch_synonyms_count_in_every_language(search):
    """A Turkish question may use the Dutch word, as translations keep it in brackets."""
    best = search("bijstandsuitkering", "tr")[0]
    assert best.slug == "benefits" and best.score >= MIN_SCORE


# --- the content model ----------------------------------------------------------------
def test_synonyms_are_compared_without_case_accents_or_punctuation():
    assert word_key("GGZ?") == word_key("ggz") == "ggz"
    assert word_key("Zasiłek!") == word_key("zasilek")
    assert word_key("sabıka kaydı") == word_key("SABIKA KAYDI")
    assert word_key("GGZ-instelling") == "ggz instelling"
    assert word_key("إدمان") == word_key("ادمان")


def test_the_schema_accepts_synonyms_and_the_article_keeps_them():
    data = _valid()
    assert validate_article(data, LANGUAGES) == []
    article = parse_article(data, LANGUAGES)
    assert "GGZ" in article.synonyms["nl"]
    assert article.synonyms_in("tr")[: len(article.synonyms["tr"])] == article.synonyms["tr"]
    assert set(article.synonyms["nl"]) <= set(article.synonyms_in("tr"))


def test_synonyms_are_optional():
    data = _valid()
    del data["synonyms"]
    assert validate_article(data, LANGUAGES) == []
    assert parse_article(data, LANGUAGES).synonyms == {}


@pytest.mark.parametrize(
    "synonyms,problem",
    [
        (
            ["GGZ"],
            "article.synonyms: a mapping from language to a list of words, "
            "like {nl: [GGZ, psycholoog]}",
        ),
        ({"nl": "GGZ"}, "article.synonyms.nl: a list of words or short names, one per item"),
        ({"nl": ["GGZ", 113]}, "article.synonyms.nl[1]: must be a text with letters or digits"),
        ({"nl": ["GGZ", "?!"]}, "article.synonyms.nl[1]: must be a text with letters or digits"),
        ({"nl": ["GGZ", "ggz"]}, "article.synonyms.nl[1]: 'ggz' is listed twice"),
        (
            {"xx": ["GGZ"]},
            "article.synonyms: 'xx' is not a supported language (nl, en, ar, tr, pl)",
        ),
    ],
)
def test_the_schema_explains_a_wrong_synonym(synonyms, problem):
    data = _valid()
    data["synonyms"] = synonyms
    assert problem in validate_article(data, LANGUAGES)


def test_the_schema_refuses_a_question_as_a_synonym():
    data = _valid()
    data["synonyms"]["nl"].append("hoe kom ik aan een psycholoog in de pi")
    (problem,) = validate_article(data, LANGUAGES)
    assert problem.startswith("article.synonyms.nl[")
    assert f"at most {MAX_SYNONYM_WORDS} words" in problem


def test_two_articles_claiming_one_synonym_are_reported(repository):
    import dataclasses

    articles = dict(repository.articles())
    vog = articles["vog"]
    articles["vog"] = dataclasses.replace(vog, synonyms={**vog.synonyms, "nl": ("GGZ",)})
    assert "vog.synonyms.nl: 'GGZ' is also a synonym of mental-health" in check_synonyms(articles)
