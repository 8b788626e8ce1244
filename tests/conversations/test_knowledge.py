"""Brochure questions in the chat: answer with source and article, simpler, unknown, mid-flow."""

import re

import pytest
from sqlalchemy import select

from ric.store.db import read_scope
from ric.store.models import AnswerFeedback, UnansweredQuestion
from tests.conversations.conftest import buttons, texts

pytestmark = pytest.mark.rasa


def _articles(messages):
    return [
        m["custom"]["article"]
        for m in messages
        if isinstance(m.get("custom"), dict) and m["custom"].get("article")
    ]


def test_a_question_gets_the_article_its_source_and_buttons(bot):
    messages = bot.say("kb-answer", "hoe vraag ik digid aan")
    assert _articles(messages) == ["digid"]
    assert "Bron: Logius" in texts(messages)
    payloads = [b["payload"] for b in buttons(messages)]
    assert '/choose{"choice":"article:digid:easy"}' in payloads
    assert '/choose{"choice":"feedback:digid:yes"}' in payloads


def test_simpler_gives_the_easy_read_version_and_feedback_is_stored(bot):
    sender = "kb-easy"
    bot.say(sender, "wat is een briefadres")
    easy = bot.say(sender, '/choose{"choice":"article:postal-address:easy"}')
    assert _articles(easy) == ["postal-address"]
    bot.say(sender, '/choose{"choice":"feedback:postal-address:no"}')
    with read_scope(bot.sessions) as session:
        row = session.scalars(
            select(AnswerFeedback).where(AnswerFeedback.slug == "postal-address")
        ).one()
        assert row.helpful is False


def test_an_unknown_question_is_honest_and_kept_for_editors(bot):
    messages = bot.say("kb-unknown", "hoeveel kost een parkeervergunning voor een boot")
    assert "weet ik niet zeker" in texts(messages)
    with read_scope(bot.sessions) as session:
        kept = session.scalars(
            select(UnansweredQuestion).where(
                UnansweredQuestion.text == "hoeveel kost een parkeervergunning voor een boot"
            )
        ).all()
    assert len(kept) == 1


def test_a_question_in_the_middle_of_a_flow_is_answered_and_the_flow_goes_on(bot):
    sender = "kb-midflow"
    first = bot.say(sender, "ik heb geen huis na mijn vrijlating")
    question = [m for m in first if m.get("buttons")][-1]["text"]
    messages = bot.say(sender, "wat is een briefadres precies")
    assert _articles(messages) == ["postal-address"]
    assert question not in texts(messages), "offered as one short button, not asked again"
    assert {"title": "Verder met: Wonen", "payload": "/condition_housing"} in buttons(messages)
    assert bot.tracker(sender).get_slot("flow") == "housing"


def test_long_texts_come_in_chunks_and_the_source_is_short(bot):
    """'Meer uitleg' shows at most three sentences with 'Verder lezen'; 'Bron' gives the
    Dutch page title."""
    sender = "kb-chunks"
    more = bot.say(sender, '/choose{"choice":"article:digid:more"}')
    body = more[0]["text"].split("\n\n")[0].split("\n", 1)[1]
    assert len(re.findall(r"[.!?](\s|$)", body)) <= 3
    next_chunk = [b for b in buttons(more) if b["title"] == "Verder lezen"]
    assert next_chunk and "\n\nBron: Logius" in more[0]["text"]
    assert "—" not in more[0]["text"].rsplit("\n\n", 1)[1], "no long Dutch title in the line"
    second = bot.say(sender, next_chunk[0]["payload"])
    assert "(2/" in second[0]["text"]
    source = bot.say(sender, '/choose{"choice":"article:digid:source"}')
    assert "Logius:" in texts(source)


def test_an_edited_article_is_served_without_retraining(bot, tmp_path, monkeypatch):
    """The NLG and the action server read the files when they change."""
    from ric.settings import ROOT

    path = ROOT / "knowledge" / "articles" / "vog.yml"
    original = path.read_text(encoding="utf-8")
    marker = "Gewijzigd door de redactie voor deze test."
    try:
        path.write_text(
            original.replace('  answer: "', f'  answer: "{marker} ', 1), encoding="utf-8"
        )
        messages = bot.say("kb-edit", "wat is een verklaring omtrent het gedrag")
        assert marker in texts(messages)
    finally:
        path.write_text(original, encoding="utf-8")
