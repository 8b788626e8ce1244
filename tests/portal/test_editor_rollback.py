"""An editor's roll-back is asked on a page of its own: GET shows what changes, POST does it."""

import re

import pytest
import yaml
from sqlalchemy import select

from ric.portal.editor import dump
from ric.store import staff
from ric.store.db import read_scope, session_scope
from ric.store.models import ContentRevision
from tests.portal.conftest import staff_sign_in
from tests.portal.test_transcript import visible

EDITED = "DigiD is je inlogcode voor de overheid (bewerkt voor de test)."


def edit(sessions, path, answer: str, author: str = "editor") -> int:
    """Changes the Dutch answer in the file and records it as a revision, as a save does."""
    old_text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(old_text)
    data["nl"]["answer"] = answer
    new_text = dump(data)
    with session_scope(sessions) as db:
        revision = staff.record_revision(
            db,
            kind="article",
            slug=path.stem,
            old_text=old_text,
            new_text=new_text,
            changed=["nl.answer"],
            text_languages=["nl"],
            author=author,
        )
        revision_id = revision.id
    path.write_text(new_text, encoding="utf-8")
    return revision_id


@pytest.fixture
def edited(staff_settings, sessions):
    """digid.yml with one saved edit of its Dutch answer: (path, original text, revision id)."""
    path = staff_settings.knowledge_dir / "articles" / "digid.yml"
    original = path.read_text(encoding="utf-8")
    return path, original, edit(sessions, path, EDITED)


def base_of(page: str) -> str:
    return re.search(r'name="base" value="([0-9a-f]+)"', page).group(1)


async def test_the_history_links_to_the_confirmation_page(staff_client, edited):
    _path, _original, revision = edited
    await staff_sign_in(staff_client, "editor")
    page = await (await staff_client.get("/staff/editor/articles/digid/history")).text()
    assert f'href="/staff/editor/revisions/{revision}/rollback"' in page
    assert 'method="post" action="/staff/editor/revisions/' not in page


async def test_the_confirmation_page_shows_the_change_and_changes_nothing(staff_client, edited):
    path, original, revision = edited
    await staff_sign_in(staff_client, "editor")
    response = await staff_client.get(f"/staff/editor/revisions/{revision}/rollback")
    assert response.status == 200
    page = await response.text()
    text = visible(page)
    assert f"Wijziging #{revision} van editor" in text
    assert re.search(
        r'<span class="del">-\s+answer: DigiD is je inlogcode voor de overheid \(', page
    )
    assert "Ja, terugdraaien" in text and 'href="/staff/editor/articles/digid/history"' in page
    assert 'name="confirm" value="1"' in page and 'name="csrf"' in page
    assert "Let op" not in text  # no later edits to lose
    assert path.read_text(encoding="utf-8") != original


async def test_posting_without_the_confirmation_changes_nothing(staff_client, edited, sessions):
    path, _original, revision = edited
    token, _ = await staff_sign_in(staff_client, "editor")
    before = path.read_text(encoding="utf-8")
    url = f"/staff/editor/revisions/{revision}/rollback"
    response = await staff_client.post(url, data={"csrf": token}, allow_redirects=False)
    assert response.status == 303 and response.headers["Location"] == url
    assert path.read_text(encoding="utf-8") == before
    with read_scope(sessions) as db:
        assert len(db.scalars(select(ContentRevision)).all()) == 1


async def test_ja_terugdraaien_writes_the_old_text_back_as_a_new_revision(
    staff_client, edited, sessions
):
    path, original, revision = edited
    token, _ = await staff_sign_in(staff_client, "editor")
    url = f"/staff/editor/revisions/{revision}/rollback"
    base = base_of(await (await staff_client.get(url)).text())
    response = await staff_client.post(url, data={"csrf": token, "confirm": "1", "base": base})
    assert response.status == 200 and "/history" in str(response.url)
    assert yaml.safe_load(path.read_text(encoding="utf-8")) == yaml.safe_load(original)
    with read_scope(sessions) as db:
        newest = staff.revisions(db, "article", "digid")[0]
        assert newest.id != revision and newest.author == "editor"


async def test_a_file_changed_after_the_page_is_asked_again(staff_client, edited, sessions):
    """Someone saved in between: nothing is overwritten; the page shows the change anew."""
    path, _original, revision = edited
    token, _ = await staff_sign_in(staff_client, "editor")
    url = f"/staff/editor/revisions/{revision}/rollback"
    base = base_of(await (await staff_client.get(url)).text())
    edit(sessions, path, "Een latere tekst van iemand anders.", author="admin")
    later = path.read_text(encoding="utf-8")
    response = await staff_client.post(url, data={"csrf": token, "confirm": "1", "base": base})
    page = await response.text()
    assert response.status == 200 and "De tekst is veranderd sinds je deze pagina opende" in page
    assert "na deze wijziging is er nog 1 wijziging opgeslagen" in visible(page)
    assert path.read_text(encoding="utf-8") == later
    assert base_of(page) != base


async def test_a_rollback_needs_an_editor_the_csrf_token_and_a_real_revision(staff_client, edited):
    path, _original, revision = edited
    before = path.read_text(encoding="utf-8")
    token, _ = await staff_sign_in(staff_client, "editor")
    url = f"/staff/editor/revisions/{revision}/rollback"
    assert (await staff_client.post(url, data={"confirm": "1"})).status == 403
    for bad in ("999999", "0", "9" * 30, "abc"):
        assert (await staff_client.get(f"/staff/editor/revisions/{bad}/rollback")).status == 404
    await staff_sign_in(staff_client, "staff")
    assert (await staff_client.get(url)).status == 403
    assert path.read_text(encoding="utf-8") == before
