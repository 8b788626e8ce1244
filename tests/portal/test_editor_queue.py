"""The editors' queue: filters by language, kind and date, and "geen vraag" in bulk."""

import datetime as dt
import re

from ric.store import knowledge
from ric.store.db import read_scope, session_scope
from ric.store.models import UnansweredQuestion
from tests.portal.conftest import staff_sign_in


def _queued(sessions, *rows):
    ids = []
    with session_scope(sessions) as db:
        for text, lang, days_ago in rows:
            row = knowledge.record_unanswered(db, None, text, lang)
            row.created_at = row.created_at - dt.timedelta(days=days_ago)
            ids.append(row.id)
    return ids


def _shown(html):
    return re.findall(r'<td dir="auto"[^>]*>([^<]*)</td>', html)


async def test_the_queue_shows_one_language_from_one_day_on(staff_client, sessions):
    _queued(
        sessions,
        ("mag mijn hond mee naar de opvang", "nl", 0),
        ("هل يمكنني الدراسة في السجن", "ar", 0),
        ("oude vraag over een fiets", "nl", 40),
    )
    await staff_sign_in(staff_client, "editor")
    since = (dt.date.today() - dt.timedelta(days=7)).isoformat()

    html = await (await staff_client.get(f"/staff/editor/queue?lang=nl&since={since}")).text()

    assert _shown(html) == ["mag mijn hond mee naar de opvang"]
    everything = await (await staff_client.get("/staff/editor/queue")).text()
    assert len(_shown(everything)) == 3


async def test_only_feedback_hides_the_questions(staff_client, sessions):
    _queued(sessions, ("mag mijn hond mee naar de opvang", "nl", 0))
    await staff_sign_in(staff_client, "editor")
    html = await (await staff_client.get("/staff/editor/queue?kind=feedback")).text()
    assert "mag mijn hond mee" not in html and "Dit hielp niet" in html


async def test_a_wrong_filter_gets_a_clear_message_not_an_error(staff_client):
    await staff_sign_in(staff_client, "editor")
    for query in ("lang=xx", "kind=everything", "since=31-12-2026"):
        response = await staff_client.get(f"/staff/editor/queue?{query}")
        assert response.status == 400, query
        assert "Traceback" not in await response.text()


async def test_ticked_greetings_and_junk_are_dismissed_at_once(staff_client, sessions):
    kept, *junk = _queued(
        sessions, ("kan ik een laptop lenen", "nl", 0), ("hoiii", "nl", 0), ("asdfgh jkl", "nl", 0)
    )
    token, _ = await staff_sign_in(staff_client, "editor")

    response = await staff_client.post(
        "/staff/editor/queue/dismiss", data=[("csrf", token), *[("ids", str(i)) for i in junk]]
    )

    assert response.status == 200 and "2 weggezet als geen vraag" in await response.text()
    with read_scope(sessions) as db:
        assert [db.get(UnansweredQuestion, i).status for i in junk] == ["dismissed"] * 2
        assert db.get(UnansweredQuestion, kept).status == "open"
