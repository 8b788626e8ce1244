"""Choosing the language of the conversation."""

from __future__ import annotations

from rasa_sdk.events import SlotSet

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


def keep_language(turn: Turn) -> None:
    """'No thanks' to a detected language: stay, and do not ask for that language again."""
    from ric.language_detection import detect

    found = detect(previous_user_text(turn), turn.settings.languages)
    turn.events.append(SlotSet("language_declined", found[0] if found else None))
    if not reask(turn):
        turn.say("anything_else")


def previous_user_text(turn: Turn) -> str:
    """The user's message before this one (the one whose language was offered)."""
    texts = [e.get("text") or "" for e in turn.tracker.events if e.get("event") == "user"]
    return texts[-2] if len(texts) >= 2 else ""


class ActionChangeLanguage(AssistantAction):
    """Switches to a named language, or shows the language buttons."""

    action_name = "action_change_language"

    def act(self, turn: Turn) -> None:
        lang = normalise(turn.entity("language"), turn.settings.languages)
        if lang is not None:
            choose_language(turn, lang)
        else:
            turn.say("language_menu", languages=list(turn.settings.languages))
