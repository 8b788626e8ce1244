"""Choosing the language of the conversation."""

from __future__ import annotations

from bot.actions.base import AssistantAction, Turn
from bot.actions.conditions import reask
from ric.languages import normalise


def choose_language(turn: Turn, value: str) -> None:
    """Applies a language button; 'keep' stays in the current language."""
    lang = normalise(value, turn.settings.languages)
    if lang is None:
        turn.say("anything_else")
        return
    turn.set_language(lang)
    turn.say("language_changed")
    reask(turn)


class ActionChangeLanguage(AssistantAction):
    """Switches to a named language, or shows the language buttons."""

    action_name = "action_change_language"

    def act(self, turn: Turn) -> None:
        lang = normalise(turn.entity("language"), turn.settings.languages)
        if lang is not None:
            choose_language(turn, lang)
        else:
            turn.say("language_menu", languages=list(turn.settings.languages))
