"""Answers to buttons and yes/no: one action routes each choice to its area."""

from __future__ import annotations

from bot.actions import booking, knowledge
from bot.actions.base import AssistantAction, Turn
from bot.actions.conditions import answer_flow, reask, waiting_question
from bot.actions.language import choose_language, keep_language
from bot.actions.progress import complete_task

YES_NO = {"affirm": "yes", "deny": "no"}
BOOKING_CHOICES = {
    "book": booking.choose_session,
    "bookok": booking.confirm_booking,
    "bookno": lambda turn, _value: booking.decline(turn, "book"),
    "cancel": booking.choose_cancellation,
    "cancelok": booking.confirm_cancellation,
    "cancelno": lambda turn, _value: booking.decline(turn, "cancel"),
}


def route_choice(turn: Turn, value: str) -> None:
    """Sends a button's choice ('area:...') to the area that offered it."""
    area, _, rest = value.partition(":")
    if area == "flow":
        condition, _, tail = rest.partition(":")
        step, _, option = tail.partition(":")
        answer_flow(turn, condition, step or None, option)
    elif area in BOOKING_CHOICES:
        BOOKING_CHOICES[area](turn, rest)
    elif area == "article":
        knowledge.show_article(turn, rest)
    elif area == "feedback":
        knowledge.give_feedback(turn, rest)
    elif area == "task":
        complete_task(turn, rest)
    elif area == "menu":
        show_menu(turn)
    elif area == "lang":
        if rest != "keep":
            choose_language(turn, rest)
        else:
            keep_language(turn)
    else:
        turn.say("flow_not_understood")
        reask(turn)


def show_menu(turn: Turn) -> None:
    """The fixed bar's 'Menu': the main menu; a paused flow stays paused, offered first."""
    condition = turn.active_flow if waiting_question(turn) is not None else None
    turn.say("menu", resume=condition)


class ActionAnswer(AssistantAction):
    """Handles a pressed button or a typed yes/no, for whatever question is open."""

    action_name = "action_answer"

    def act(self, turn: Turn) -> None:
        value = turn.entity("choice")
        if value:
            route_choice(turn, value)
        elif turn.intent in YES_NO and booking.answer_pending(turn, turn.intent == "affirm"):
            return
        elif turn.intent in YES_NO and turn.active_flow:
            answer_flow(turn, turn.active_flow, None, YES_NO[turn.intent])
        else:
            turn.say("anything_else")
