"""Editor pages: an article's synonyms are shown, edited and saved per language."""

import html as html_module

import yaml
from sqlalchemy import select

from ric.content.repository import ContentRepository
from ric.knowledge.search import SYNONYM_SCORE, ArticleSearch
from ric.store.db import read_scope
from ric.store.models import ContentRevision
from tests.portal.conftest import staff_sign_in
from tests.portal.test_editor import form_of, status_cell


def _article(settings, slug):
    path = settings.knowledge_dir / "articles" / f"{slug}.yml"
    return path, yaml.safe_load(path.read_text(encoding="utf-8"))


async def test_the_form_shows_the_synonyms_of_its_language_one_per_line_and_the_dutch_ones(
    staff_client, staff_settings
):
    await staff_sign_in(staff_client, "editor")
    _path, data = _article(staff_settings, "vog")
    html = await (await staff_client.get("/staff/editor/articles/vog/tr")).text()
    assert form_of(html)["synonyms"].splitlines() == data["synonyms"]["tr"]
    assert 'name="synonyms" rows="6" lang="tr"' in html
    assert "NL: " + ", ".join(data["synonyms"]["nl"]) in html_module.unescape(html)


async def test_saved_synonyms_are_written_for_that_language_and_found_at_once(
    staff_client, staff_settings, sessions
):
    """No retraining; a synonym is no shown text, so no translation becomes outdated."""
    await staff_sign_in(staff_client, "editor")
    path, before = _article(staff_settings, "digid")
    repository = ContentRepository(staff_settings.knowledge_dir, staff_settings.languages)
    search = ArticleSearch()

    def best(question):
        return search.search(repository.articles(), repository.signature(), question, "nl")[0]

    score_before = best("overheidsinlog").score
    assert score_before < SYNONYM_SCORE

    fields = form_of(await (await staff_client.get("/staff/editor/articles/digid/nl")).text())
    fields.update(synonyms=fields["synonyms"] + "\n  overheidsinlog  \n\n", action="save")
    response = await staff_client.post("/staff/editor/articles/digid/nl", data=fields)
    assert response.status == 200

    _path, after = _article(staff_settings, "digid")
    assert after["synonyms"]["nl"] == [*before["synonyms"]["nl"], "overheidsinlog"]
    assert {k: v for k, v in after["synonyms"].items() if k != "nl"} == {
        k: v for k, v in before["synonyms"].items() if k != "nl"
    }
    assert {k: v for k, v in after.items() if k != "synonyms"} == {
        k: v for k, v in before.items() if k != "synonyms"
    }
    found = best("overheidsinlog")
    assert found.slug == "digid" and found.score >= SYNONYM_SCORE > score_before
    with read_scope(sessions) as db:
        revision = db.scalars(select(ContentRevision)).one()
        assert revision.field_path == "nl.synonyms" and revision.text_changed == ""
    home = await (await staff_client.get("/staff/editor")).text()
    assert status_cell(home, "digid", "en") == "current"


async def test_an_unchanged_form_saves_the_same_document(staff_client, staff_settings):
    """Synonyms round-trip: every language's list, in its order, before the texts."""
    await staff_sign_in(staff_client, "editor")
    path, before = _article(staff_settings, "mental-health")
    fields = form_of(
        await (await staff_client.get("/staff/editor/articles/mental-health/ar")).text()
    )
    fields["action"] = "save"
    await staff_client.post("/staff/editor/articles/mental-health/ar", data=fields)
    _path, after = _article(staff_settings, "mental-health")
    assert after == before
    assert list(after) == list(before)


async def test_emptying_a_languages_synonyms_removes_only_that_language(
    staff_client, staff_settings
):
    await staff_sign_in(staff_client, "editor")
    _path, before = _article(staff_settings, "cjib-fines")
    fields = form_of(await (await staff_client.get("/staff/editor/articles/cjib-fines/pl")).text())
    fields.update(synonyms="", action="save")
    await staff_client.post("/staff/editor/articles/cjib-fines/pl", data=fields)
    _path, after = _article(staff_settings, "cjib-fines")
    assert "pl" not in after["synonyms"]
    assert after["synonyms"] == {k: v for k, v in before["synonyms"].items() if k != "pl"}


async def test_the_first_synonyms_of_an_article_go_before_its_texts(staff_client, staff_settings):
    """An article without synonyms gets the `synonyms:` mapping where the files keep it."""
    await staff_sign_in(staff_client, "editor")
    path, data = _article(staff_settings, "ric")
    del data["synonyms"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    html = await (await staff_client.get("/staff/editor/articles/ric/en")).text()
    fields = form_of(html)
    assert fields["synonyms"] == ""
    fields.update(synonyms="RIC\nreintegration centre", action="save")
    await staff_client.post("/staff/editor/articles/ric/en", data=fields)
    _path, after = _article(staff_settings, "ric")
    assert after["synonyms"] == {"en": ["RIC", "reintegration centre"]}
    keys = list(after)
    assert keys.index("synonyms") == keys.index("nl") - 1


async def test_a_wrong_synonym_is_refused_with_the_schema_problem_and_kept_in_the_form(
    staff_client, staff_settings
):
    await staff_sign_in(staff_client, "editor")
    path = staff_settings.knowledge_dir / "articles" / "digid.yml"
    original = path.read_text(encoding="utf-8")
    fields = form_of(await (await staff_client.get("/staff/editor/articles/digid/nl")).text())
    question = "hoe vraag ik een digid aan in de pi"
    fields.update(synonyms=f"DigiD\n{question}\ndigid", action="save")
    html = await (await staff_client.post("/staff/editor/articles/digid/nl", data=fields)).text()
    text = html_module.unescape(html)
    assert "Niet opgeslagen" in text
    assert "digid.synonyms.nl[1]: " in text and "is too long" in text
    assert "digid.synonyms.nl[2]: 'digid' is listed twice" in text
    assert form_of(html)["synonyms"].splitlines() == ["DigiD", question, "digid"]
    assert path.read_text(encoding="utf-8") == original
