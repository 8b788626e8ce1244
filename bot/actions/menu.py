"""Greeting, help, small talk and out-of-scope: short answers that keep a flow going."""

from __future__ import annotations

from bot.actions.base import AssistantAction, Turn
from bot.actions.conditions import ask_again, reask, waiting_question
from ric.store import queries


class ActionGreet(AssistantAction):
    """Welcomes with the main menu; a returning detainee in a flow gets its open question."""

    action_name = "action_greet"

    def act(self, turn: Turn) -> None:
        flow = turn.active_flow if waiting_question(turn) is not None else None
        turn.say("greet", name=turn.detainee.display_name, returning=is_returning(turn), flow=flow)
        if flow:
            ask_again(turn)


def is_returning(turn: Turn) -> bool:
    """Whether the detainee has been here before: a condition started or a task made."""
    rows = queries.condition_statuses(turn.session, turn.detainee)
    started = any(row.status != "not_started" for row in rows.values())
    return started or bool(queries.list_tasks(turn.session, turn.detainee))


class ActionHelp(AssistantAction):
    """Explains what the assistant can do; an active flow goes on afterwards."""

    action_name = "action_help"

    def act(self, turn: Turn) -> None:
        in_flow = waiting_question(turn) is not None
        turn.say("help", in_flow=in_flow)
        if in_flow and not reask(turn):
            turn.say("anything_else")


class ActionOutOfScope(AssistantAction):
    """Says politely what the assistant can do; an active flow goes on afterwards."""

    action_name = "action_out_of_scope"

    def act(self, turn: Turn) -> None:
        in_flow = waiting_question(turn) is not None
        turn.say("out_of_scope", in_flow=in_flow)
        if in_flow and not reask(turn):
            turn.say("anything_else")


class ActionGoodbye(AssistantAction):
    """Says goodbye."""

    action_name = "action_goodbye"

    def act(self, turn: Turn) -> None:
        turn.say("goodbye")


class ActionThank(AssistantAction):
    """Answers a thank-you; an active flow goes on afterwards."""

    action_name = "action_thank"

    def act(self, turn: Turn) -> None:
        turn.say("thanks")
        reask(turn)
