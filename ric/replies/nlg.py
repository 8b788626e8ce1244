"""Rasa's response generator, loaded in-process (`nlg: type: ric.replies.nlg.CatalogNLG`).

Actions send a reply key, the language and parameters; this class renders the text and
buttons from the catalogs and knowledge files. The key and parameters stay in the bot
event's metadata, so a transcript shows which flow step or article answered.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.core.nlg.generator import NaturalLanguageGenerator

from ric import settings as settings_module
from ric.content.repository import ContentRepository
from ric.languages import normalise
from ric.replies.catalog import Catalogs
from ric.replies.render import Renderer

logger = logging.getLogger(__name__)


def language_of(tracker: Any, supported: tuple[str, ...]) -> str | None:
    """The language of the conversation: the last message's metadata, else the slot."""
    for event in reversed(getattr(tracker, "events", [])):
        if getattr(event, "type_name", None) == "user":
            found = normalise((getattr(event, "metadata", None) or {}).get("language"), supported)
            if found:
                return found
            break
    return normalise(tracker.get_slot("language"), supported)


class CatalogNLG(NaturalLanguageGenerator):
    """Renders reply keys in the conversation's language."""

    def __init__(self, endpoint_config: Any = None, domain: Any = None, **_: Any) -> None:
        self.settings = settings_module.load()
        self.renderer = Renderer(
            Catalogs(self.settings.locales_dir),
            ContentRepository(self.settings.knowledge_dir, self.settings.languages),
            self.settings.ric_timezone,
        )

    async def generate(
        self, utter_action: str, tracker: Any, output_channel: str, **kwargs: Any
    ) -> dict[str, Any] | None:
        supported = self.settings.languages
        lang = normalise(kwargs.get("lang"), supported) or language_of(tracker, supported)
        lang = lang or self.settings.default_language
        key = utter_action.removeprefix("utter_")
        try:
            return self.renderer.render(key, lang, kwargs.get("params") or {})
        except Exception:  # a broken text must never break the conversation
            logger.exception("Rendering %r in %r failed", key, lang)
            return self.renderer.render("error", lang)
