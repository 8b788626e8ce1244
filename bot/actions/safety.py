"""Safety: a message about suicide, self-harm or violence alerts staff at once."""

from __future__ import annotations

from bot.actions.base import SAFETY_ACTION, AssistantAction, Turn
from ric.store import queries


def raise_alert(turn: Turn) -> None:
    """Writes an urgent alert for staff, pauses any flow and tells the user to get help now."""
    queries.create_help_request(
        turn.session, turn.detainee, kind="urgent", reason="safety", message=turn.text
    )
    if turn.active_flow:
        turn.set_flow(None)
    turn.say("safety")


class ActionSafety(AssistantAction):
    """Responds to a safety concern, also in the middle of a flow."""

    action_name = SAFETY_ACTION

    def act(self, turn: Turn) -> None:
        raise_alert(turn)
