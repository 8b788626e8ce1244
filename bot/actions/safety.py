"""Safety: a message about suicide, self-harm or violence alerts staff at once."""

from __future__ import annotations

from bot.actions.base import SAFETY_ACTION, AssistantAction, Turn
from ric.safety import DEFAULT_CATEGORY, safety_category
from ric.store import queries


def raise_alert(turn: Turn) -> None:
    """Writes an urgent alert for staff, pauses any flow and tells the user to get help now.

    The response depends on the category of the message (knowledge/safety.yml); the safety
    intent without a matching phrase gets the suicide/self-harm response, which names 113.
    """
    category = safety_category(turn.text, turn.settings.knowledge_dir) or DEFAULT_CATEGORY
    queries.create_help_request(
        turn.session, turn.detainee, kind="urgent", reason="safety", message=turn.text
    )
    if turn.active_flow:
        turn.set_flow(None)
    turn.say("safety", category=category)


class ActionSafety(AssistantAction):
    """Responds to a safety concern, also in the middle of a flow."""

    action_name = SAFETY_ACTION

    def act(self, turn: Turn) -> None:
        raise_alert(turn)
