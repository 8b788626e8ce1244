"""Brochure questions answered from the articles, found by the runtime search."""

from __future__ import annotations

from bot.actions import runtime
from bot.actions.base import AssistantAction, Turn
from bot.actions.conditions import reask, start_flow
from ric.knowledge.routing import answer_first as routes_to_answer
from ric.knowledge.routing import condition_of_need, states_need
from ric.knowledge.search import Hit
from ric.protocol import CONDITION_INTENT_PREFIX
from ric.store import knowledge
from ric.store.models import CONDITIONS


def best_article(turn: Turn, question: str) -> Hit | None:
    """The best-scoring article for the question in the user's language, if any."""
    repository = runtime.content()
    hits = runtime.article_search().search(
        repository.articles(), repository.signature(), question, turn.lang
    )
    return hits[0] if hits else None


def worth_keeping(text: str) -> bool:
    """Whether an unanswered message is a question for the editors' queue; a lone word
    ("hoii", "ok") or a typo is not."""
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    if len(words) >= 2:
        return True
    return len(words) == 1 and len(words[0]) >= 3 and text.strip().endswith("?")


def say_answer(turn: Turn, slug: str, flow: str | None = None) -> None:
    """An article's answer and 'did this help?'; `flow` adds a button to that flow
    (not when that flow is the one going on: its resume button follows)."""
    if flow == turn.active_flow:
        flow = None
    turn.say("article", slug=slug, part="answer", flow=flow)
    turn.say("feedback_ask", slug=slug)


def answer_first(turn: Turn, condition: str | None, *, sure_only: bool = False) -> bool:
    """For a message the classifier sent to a flow (a condition, or booking): answers it
    from an article when it asks something the article answers, then offers the
    condition's flow; False to go on with the flow. `sure_only`: only when the search is
    sure (booking, where "kan ik een afspraak maken" must book)."""
    hit = best_article(turn, turn.text)
    settings = turn.settings
    sure = settings.ric_knowledge_sure_score
    if hit is None or not routes_to_answer(
        turn.text,
        hit.score,
        min_score=sure if sure_only else settings.ric_knowledge_min_score,
        sure_score=sure,
        lang=turn.lang,
    ):
        return False
    article = runtime.content().article(hit.slug)
    offered = article.condition if article and article.condition in CONDITIONS else condition
    say_answer(turn, hit.slug, flow=offered)
    reask(turn)
    return True


def need_flow(turn: Turn, hit: Hit | None) -> str | None:
    """The condition whose flow a stated need ("ik heb geen huis als ik vrijkom") should
    start although the classifier took it for a question; None when the message asks
    something, or the search is sure of one article."""
    if not states_need(turn.text, turn.lang):
        return None
    if hit is not None and hit.score >= turn.settings.ric_knowledge_sure_score:
        return None
    condition = condition_of_need(turn.intent_ranking, CONDITION_INTENT_PREFIX)
    return condition if condition in CONDITIONS else None


def answer_question(turn: Turn) -> None:
    """Answers from the best article, or says honestly it does not know and keeps the
    question; a stated need the classifier took for a question starts its flow."""
    hit = best_article(turn, turn.text)
    condition = need_flow(turn, hit)
    if condition is not None:
        start_flow(turn, condition)
        return
    if hit is not None and hit.score >= turn.settings.ric_knowledge_min_score:
        article = runtime.content().article(hit.slug)
        flow = article.condition if article and article.condition in CONDITIONS else None
        say_answer(turn, hit.slug, flow=flow)
    elif not worth_keeping(turn.text):
        turn.say("anything_else")
        return
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
