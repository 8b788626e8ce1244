"""Asking for a person: a help request for RIC staff in the case store."""

from __future__ import annotations

from bot.actions.base import AssistantAction, Turn
from bot.actions.conditions import reask
from ric.store import queries


class ActionHumanHandoff(AssistantAction):
    """Creates a help request for staff (once while one is open) and says what happens."""

    action_name = "action_human_handoff"

    def act(self, turn: Turn) -> None:
        open_requests = [
            request
            for request in queries.open_help_requests(turn.session, turn.detainee)
            if request.kind == "help"
        ]
        if not open_requests:
            queries.create_help_request(
                turn.session, turn.detainee, kind="help", reason="handoff", message=turn.text
            )
        turn.say("handoff", open_requests=len(open_requests) + 1)
        reask(turn)
