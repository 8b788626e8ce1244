"""Safety: a message about suicide, self-harm or violence alerts staff at once."""

from __future__ import annotations

from bot.actions.base import SAFETY_ACTION, AssistantAction, Turn
from ric.safety.detector import DEFAULT_CATEGORY, WITH_CLASSIFIER, assess, safety_category
from ric.store import queries


def raise_alert(turn: Turn, category: str | None = None) -> None:
    """Writes an urgent alert for staff, pauses any flow and tells the user to get help now.

    The response depends on the category the crisis detector finds (ric.safety); the
    safety button (/safety) without a finding gets the suicide/self-harm response, which
    names 113.
    """
    category = (
        category
        or safety_category(turn.text, turn.settings.knowledge_dir, turn.lang)
        or DEFAULT_CATEGORY
    )
    queries.create_help_request(
        turn.session, turn.detainee, kind="urgent", reason="safety", message=turn.text
    )
    if turn.active_flow:
        turn.set_flow(None)
    turn.say("safety", category=category)


class ActionSafety(AssistantAction):
    """The language model classified the message as a safety concern. The crisis
    detector decides, with a lower bar than for other messages; when it still finds
    nothing, the message is handled as a question (no alarm on an idiom)."""

    action_name = SAFETY_ACTION

    def act(self, turn: Turn) -> None:
        finding = assess(turn.text, turn.settings.knowledge_dir, WITH_CLASSIFIER, lang=turn.lang)
        if finding is not None or turn.text.startswith("/"):
            raise_alert(turn, finding.category if finding else None)
            return
        from bot.actions.knowledge import answer_question

        answer_question(turn)
