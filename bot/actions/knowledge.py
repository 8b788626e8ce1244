"""Brochure questions answered from the articles, found by the runtime search."""

from __future__ import annotations

from bot.actions import runtime
from bot.actions.base import AssistantAction, Turn
from bot.actions.conditions import reask
from ric.knowledge.search import Hit
from ric.store import knowledge


def best_article(turn: Turn, question: str) -> Hit | None:
    """The best-scoring article for the question in the user's language, if any."""
    repository = runtime.content()
    hits = runtime.article_search().search(
        repository.articles(), repository.signature(), question, turn.lang
    )
    return hits[0] if hits else None


def answer_question(turn: Turn) -> None:
    """Answers from the best article, or says honestly it does not know and keeps the question."""
    hit = best_article(turn, turn.text)
    if hit is not None and hit.score >= turn.settings.ric_knowledge_min_score:
        turn.say("article", slug=hit.slug, part="answer")
        turn.say("feedback_ask", slug=hit.slug)
    else:
        knowledge.record_unanswered(
            turn.session,
            turn.detainee,
            turn.text,
            turn.lang,
            best_slug=hit.slug if hit else None,
            best_score=hit.score if hit else None,
        )
        turn.say("dont_know")
    reask(turn)


def show_article(turn: Turn, value: str) -> None:
    """A button for an article part: 'digid:more', 'digid:easy', 'digid:more:1' (the next
    chunk), 'digid:source' (the sources in full)."""
    slug, _, rest = value.partition(":")
    part, _, page = rest.partition(":")
    if runtime.content().article(slug) is None:
        turn.say("dont_know")
        return
    if part == "source":
        turn.say("article_source", slug=slug)
    else:
        turn.say(
            "article", slug=slug, part=part or "answer", page=int(page) if page.isdigit() else 0
        )
    reask(turn)


def give_feedback(turn: Turn, value: str) -> None:
    """'Did this help?': stored with the article's slug."""
    slug, _, answer = value.partition(":")
    if runtime.content().article(slug) is None or answer not in ("yes", "no"):
        turn.say("flow_not_understood")
        return
    knowledge.record_feedback(turn.session, turn.detainee, slug, answer == "yes", turn.lang)
    turn.say("feedback_thanks", helpful=answer == "yes")
    reask(turn)


class ActionAnswerQuestion(AssistantAction):
    """Answers a brochure question (also a message the NLU was unsure about)."""

    action_name = "action_answer_question"

    def act(self, turn: Turn) -> None:
        answer_question(turn)
