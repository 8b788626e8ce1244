"""Greeting, help, small talk and out-of-scope: short answers that keep a flow going."""

from __future__ import annotations

from bot.actions.base import AssistantAction, Turn
from bot.actions.conditions import reask


class ActionGreet(AssistantAction):
    """Introduces the assistant with the main menu and the language buttons."""

    action_name = "action_greet"

    def act(self, turn: Turn) -> None:
        turn.say("greet", name=turn.detainee.display_name)
        turn.say("language_menu", languages=list(turn.settings.languages))
        if turn.active_flow:
            reask(turn)


class ActionHelp(AssistantAction):
    """Explains what the assistant can do; an active flow goes on afterwards."""

    action_name = "action_help"

    def act(self, turn: Turn) -> None:
        in_flow = bool(turn.active_flow)
        turn.say("help", in_flow=in_flow)
        if in_flow and not reask(turn):
            turn.say("anything_else")


class ActionOutOfScope(AssistantAction):
    """Says politely what the assistant can do; an active flow goes on afterwards."""

    action_name = "action_out_of_scope"

    def act(self, turn: Turn) -> None:
        in_flow = bool(turn.active_flow)
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
