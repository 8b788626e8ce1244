"""Editor pages: edit → revision → file changed and served at once → roll back; status; queue."""

import re

import yaml
from sqlalchemy import select

from ric.content.repository import ContentRepository
from ric.store import knowledge
from ric.store.db import read_scope, session_scope
from ric.store.models import ContentRevision, UnansweredQuestion
from tests.portal.conftest import staff_sign_in


def form_of(html: str) -> dict[str, str]:
    """The fields of the article form as the browser would send them (a checkbox only
    when ticked: none is ticked on a new page)."""
    html = re.sub(r'<input type="checkbox"[^>]*>', "", html)
    fields = {name: value for name, value in re.findall(r'name="([\w.]+)" value="([^"]*)"', html)}
    for name, value in re.findall(
        r'<textarea id="[\w.]+" name="([\w.]+)"[^>]*>(.*?)</textarea>', html, re.S
    ):
        fields[name] = (
            value.replace("&amp;", "&")
            .replace("&#39;", "'")
            .replace("&quot;", '"')
            .replace("&lt;", "<")
            .replace("&gt;", ">")
        )
    return fields


def status_cell(html: str, slug: str, lang: str) -> str:
    match = re.search(
        rf'<td class="status-(\w+)"><a href="/staff/editor/articles/{slug}/{lang}"', html
    )
    return match.group(1)


async def test_edit_saves_a_revision_writes_the_file_is_served_at_once_and_rolls_back(
    staff_client, staff_settings, sessions
):
    token, _ = await staff_sign_in(staff_client, "editor")
    path = staff_settings.knowledge_dir / "articles" / "digid.yml"
    original = path.read_text(encoding="utf-8")
    repository = ContentRepository(staff_settings.knowledge_dir, staff_settings.languages)
    assert "gratis" in repository.article("digid").text("nl").more

    html = await (await staff_client.get("/staff/editor/articles/digid/nl")).text()
    fields = form_of(html)
    new_answer = "DigiD is je inlogcode voor de overheid. Vraag het aan in het RIC."
    fields.update(answer=new_answer, action="preview")
    preview = await (await staff_client.post("/staff/editor/articles/digid/nl", data=fields)).text()
    assert 'class="msg bot"' in preview and new_answer in preview
    assert path.read_text(encoding="utf-8") == original  # a preview saves nothing

    fields["action"] = "save"
    response = await staff_client.post("/staff/editor/articles/digid/nl", data=fields)
    assert response.status == 200
    assert repository.article("digid").text("nl").answer == new_answer  # no retraining
    with read_scope(sessions) as db:
        revision = db.scalars(select(ContentRevision)).one()
        assert revision.author == "editor" and revision.field_path == "nl.answer"
        assert revision.old_text == original
    history = await (await staff_client.get("/staff/editor/articles/digid/history")).text()
    assert f"+  answer: {new_answer}" in history or new_answer in history

    response = await staff_client.post(
        f"/staff/editor/revisions/{revision.id}/rollback", data={"csrf": token, "confirm": "1"}
    )
    assert response.status == 200
    assert yaml.safe_load(path.read_text(encoding="utf-8")) == yaml.safe_load(original)
    assert repository.article("digid").text("nl").answer != new_answer


async def test_an_invalid_edit_is_refused_with_the_schema_problems(staff_client, staff_settings):
    await staff_sign_in(staff_client, "editor")
    path = staff_settings.knowledge_dir / "articles" / "digid.yml"
    original = path.read_text(encoding="utf-8")
    fields = form_of(await (await staff_client.get("/staff/editor/articles/digid/en")).text())
    fields.update(title="", examples="only one", action="save")
    html = await (await staff_client.post("/staff/editor/articles/digid/en", data=fields)).text()
    assert "Niet opgeslagen" in html and "digid.en.title" in html and "digid.en.examples" in html
    assert path.read_text(encoding="utf-8") == original


async def test_translations_become_outdated_when_the_dutch_text_changes(staff_client):
    await staff_sign_in(staff_client, "editor")
    html = await (await staff_client.get("/staff/editor")).text()
    assert status_cell(html, "digid", "en") == "current"
    fields = form_of(await (await staff_client.get("/staff/editor/articles/digid/nl")).text())
    fields.update(easy="DigiD is een code om in te loggen bij de overheid.", action="save")
    await staff_client.post("/staff/editor/articles/digid/nl", data=fields)
    html = await (await staff_client.get("/staff/editor")).text()
    assert status_cell(html, "digid", "nl") == "current"
    assert status_cell(html, "digid", "en") == "outdated"
    fields = form_of(await (await staff_client.get("/staff/editor/articles/digid/en")).text())
    fields.update(easy="DigiD is a code to log in to the government.", action="save")
    await staff_client.post("/staff/editor/articles/digid/en", data=fields)
    html = await (await staff_client.get("/staff/editor")).text()
    assert status_cell(html, "digid", "en") == "current"
    assert status_cell(html, "digid", "tr") == "outdated"


async def test_the_history_says_in_words_which_field_changed_in_which_language(staff_client):
    await staff_sign_in(staff_client, "editor")
    page = await (await staff_client.get("/staff/editor/articles/vog/nl")).text()
    fields = form_of(page)
    old_easy = fields["easy"]
    fields.update(easy=old_easy + " Vraag je casemanager om hulp.", action="save")
    await staff_client.post("/staff/editor/articles/vog/nl", data=fields)

    history = await (await staff_client.get("/staff/editor/articles/vog/history")).text()

    change = re.search(r'<li class="change">(.*?)</li>', history, re.S).group(1)
    assert "Makkelijke tekst" in change and "(nl)" in change and "gewijzigd" in change
    assert re.findall(r"<ins>(.*?)</ins>", change) == ["Vraag je casemanager om hulp."]
    assert "<del>" not in change
    assert history.count('<li class="change">') == 1  # one sentence: one change, no other field
    confirm = re.search(r'href="(/staff/editor/revisions/\d+/rollback)"', history).group(1)
    page = await (await staff_client.get(confirm)).text()
    assert "Makkelijke tekst" in page and "<del>Vraag je casemanager om hulp.</del>" in page


def outdated_count(html: str, lang: str) -> str:
    cell = re.search(rf'data-outdated="{lang}">([^<]*)<', html)
    return cell.group(1).strip() if cell else ""


async def test_a_roll_back_of_the_dutch_text_makes_its_translations_current_again(staff_client):
    await staff_sign_in(staff_client, "editor")
    home = await (await staff_client.get("/staff/editor")).text()
    assert outdated_count(home, "tr") == "0 verouderd"
    fields = form_of(await (await staff_client.get("/staff/editor/articles/digid/nl")).text())
    fields.update(easy="DigiD is een code om in te loggen bij de overheid.", action="save")
    await staff_client.post("/staff/editor/articles/digid/nl", data=fields)
    home = await (await staff_client.get("/staff/editor")).text()
    assert status_cell(home, "digid", "tr") == "outdated"
    assert outdated_count(home, "tr") == "1 verouderd"

    history = await (await staff_client.get("/staff/editor/articles/digid/history")).text()
    revision = re.search(r"/staff/editor/revisions/(\d+)/rollback", history).group(1)
    token = form_of(history)["csrf"]
    await staff_client.post(
        f"/staff/editor/revisions/{revision}/rollback", data={"csrf": token, "confirm": "1"}
    )
    home = await (await staff_client.get("/staff/editor")).text()
    assert status_cell(home, "digid", "tr") == "current"
    assert outdated_count(home, "tr") == "0 verouderd"


async def test_ticking_that_a_translation_matches_marks_it_current(staff_client):
    await staff_sign_in(staff_client, "editor")
    fields = form_of(await (await staff_client.get("/staff/editor/articles/vog/nl")).text())
    fields.update(easy="Een VOG laat zien dat je verleden geen bezwaar is voor een baan.")
    await staff_client.post("/staff/editor/articles/vog/nl", data={**fields, "action": "save"})
    fields = form_of(await (await staff_client.get("/staff/editor/articles/vog/pl")).text())
    await staff_client.post("/staff/editor/articles/vog/pl", data={**fields, "action": "save"})
    home = await (await staff_client.get("/staff/editor")).text()
    assert status_cell(home, "vog", "pl") == "outdated"  # saved unchanged, not ticked
    fields = form_of(await (await staff_client.get("/staff/editor/articles/vog/pl")).text())
    fields.update(checked="1", action="save")
    await staff_client.post("/staff/editor/articles/vog/pl", data=fields)
    home = await (await staff_client.get("/staff/editor")).text()
    assert status_cell(home, "vog", "pl") == "current"


async def test_try_a_question_shows_the_article_and_its_score(staff_client):
    await staff_sign_in(staff_client, "editor")
    html = await (
        await staff_client.get("/staff/editor/try?q=hoe+vraag+ik+digid+aan&lang=nl")
    ).text()
    first = re.search(r'<td class="hit-slug">([\w-]+)</td><td>[^<]*</td><td>([\d.]+)</td>', html)
    assert first.group(1) == "digid" and 0 < float(first.group(2)) <= 1


async def test_linking_a_queued_question_adds_it_as_an_example(
    staff_client, staff_settings, sessions
):
    token, _ = await staff_sign_in(staff_client, "editor")
    with session_scope(sessions) as db:
        question = knowledge.record_unanswered(db, None, "digi d code kwijtgeraakt help", "nl")
        dismissed = knowledge.record_unanswered(db, None, "wat eten we vandaag", "nl")
        ids = question.id, dismissed.id
    await staff_client.post(
        f"/staff/editor/queue/question/{ids[0]}",
        data={"csrf": token, "action": "link", "slug": "digid"},
    )
    await staff_client.post(
        f"/staff/editor/queue/question/{ids[1]}", data={"csrf": token, "action": "dismiss"}
    )
    data = yaml.safe_load((staff_settings.knowledge_dir / "articles" / "digid.yml").read_text())
    assert "digi d code kwijtgeraakt help" in data["nl"]["examples"]
    with read_scope(sessions) as db:
        assert db.get(UnansweredQuestion, ids[0]).linked_slug == "digid"
        assert db.get(UnansweredQuestion, ids[1]).status == "dismissed"
        revision = db.scalars(select(ContentRevision)).one()
        assert revision.field_path == "nl.examples" and revision.text_changed == ""


async def test_a_flow_question_is_edited_in_one_language_served_at_once_and_rolled_back(
    staff_client, staff_settings, sessions
):
    """Editors change a flow's question text without a developer or retraining."""
    token, _ = await staff_sign_in(staff_client, "editor")
    path = staff_settings.knowledge_dir / "flows" / "id.yml"
    original = path.read_text(encoding="utf-8")
    repository = ContentRepository(staff_settings.knowledge_dir, staff_settings.languages)
    html = await (await staff_client.get("/staff/editor/flows/id/tr")).text()
    fields = form_of(html)
    first_question = next(k for k in fields if k.endswith(".text"))
    fields.update({first_question: "Geçerli bir kimliğin var mı? (editör)", "action": "save"})
    response = await staff_client.post("/staff/editor/flows/id/tr", data=fields)
    assert response.status == 200
    start = repository.flow("id").steps[repository.flow("id").start]
    assert start.text["tr"] == "Geçerli bir kimliğin var mı? (editör)"
    with read_scope(sessions) as db:
        revision = db.scalars(select(ContentRevision).where(ContentRevision.kind == "flow")).one()
    emptied = dict(
        fields,
        **{
            first_question: "",
            "base": form_of(await (await staff_client.get("/staff/editor/flows/id/tr")).text())[
                "base"
            ],
        },
    )
    refused = await (await staff_client.post("/staff/editor/flows/id/tr", data=emptied)).text()
    assert "Niet opgeslagen" in refused and "missing &#39;tr&#39;" in refused
    await staff_client.post(
        f"/staff/editor/revisions/{revision.id}/rollback", data={"csrf": token, "confirm": "1"}
    )
    assert yaml.safe_load(path.read_text(encoding="utf-8")) == yaml.safe_load(original)


async def test_an_article_checked_more_than_six_months_ago_is_marked_for_review(
    staff_client, staff_settings
):
    """The start page counts the articles to check again and marks each of them."""
    import datetime as dt

    await staff_sign_in(staff_client, "editor")
    html = await (await staff_client.get("/staff/editor")).text()
    before = int(re.search(r'class="review-count">[^<]*: (\d+)<', html).group(1))
    assert 'data-review="digid"' not in html
    path = staff_settings.knowledge_dir / "articles" / "digid.yml"
    old = (dt.date.today() - dt.timedelta(days=200)).isoformat()
    text = re.sub(r"(?m)^last_checked: .*$", f"last_checked: {old}", path.read_text("utf-8"))
    path.write_text(text, encoding="utf-8")
    html = await (await staff_client.get("/staff/editor")).text()
    assert 'data-review="digid"' in html
    assert int(re.search(r'class="review-count">[^<]*: (\d+)<', html).group(1)) == before + 1


async def test_an_arabic_preview_is_right_to_left_even_when_it_starts_with_a_latin_word(
    staff_client,
):
    """«DigiD …» in Arabic must not render left-to-right in the editor's form or preview."""
    await staff_sign_in(staff_client, "editor")
    html = await (await staff_client.get("/staff/editor/articles/digid/ar")).text()
    assert 'name="answer" rows="5" lang="ar" dir="rtl"' in html
    fields = form_of(html)
    fields.update(action="preview")
    preview = await (await staff_client.post("/staff/editor/articles/digid/ar", data=fields)).text()
    assert 'class="bubble" lang="ar" dir="rtl"' in preview
    assert 'lang="ar" dir="auto"' not in preview
