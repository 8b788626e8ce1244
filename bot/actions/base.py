"""The base of every action: one store transaction, the user's language, safe failure.

Domain wiring each subclass needs: the slots ``language`` and ``flow`` (text, custom
mappings) and the action's name in ``bot/domain.yml``. A subclass implements
:meth:`AssistantAction.act` and speaks only through :meth:`Turn.say`, which sends a
reply key that :class:`ric.replies.nlg.CatalogNLG` renders in the user's language.
"""

from __future__ import annotations

import abc
import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from bot.actions import runtime
from ric.language_detection import detect
from ric.languages import normalise
from ric.safety.detector import assess
from ric.store import queries
from ric.store.db import session_scope
from ric.store.errors import DetaineeNotFound
from ric.store.models import Detainee

logger = logging.getLogger(__name__)

SAFETY_ACTION = "action_safety"


class Turn:
    """One run of an action: who is talking, in which language, and what to say."""

    def __init__(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, session: Session
    ) -> None:
        self.dispatcher = dispatcher
        self.tracker = tracker
        self.session = session
        self.settings = runtime.settings()
        self.events: list[EventType] = []
        self.detainee: Detainee = self._detainee()
        self.lang: str = self._language()

    # --- who and which language -------------------------------------------------
    def _detainee(self) -> Detainee:
        sender = self.tracker.sender_id
        if self.settings.ric_auto_register:
            return queries.get_or_create_detainee(
                self.session,
                sender,
                pi=self.settings.ric_default_pi,
                language=self.settings.default_language,
            )
        return queries.get_detainee(self.session, sender)

    def latest_metadata(self) -> dict[str, Any]:
        for event in reversed(self.tracker.events):
            if event.get("event") == "user":
                return event.get("metadata") or {}
        return {}

    def _language(self) -> str:
        supported = self.settings.languages
        chosen = normalise(self.latest_metadata().get("language"), supported)
        slot = normalise(self.tracker.get_slot("language"), supported)
        if chosen and chosen != slot:
            self.set_language(chosen)
            return chosen
        return (
            slot or normalise(self.detainee.language, supported) or self.settings.default_language
        )

    def offer_detected_language(self) -> None:
        """Asks 'shall we continue in Türkçe?' when free text is clearly in another language."""
        if self.latest_metadata().get("language"):
            return  # the client chose the language for this message
        found = detect(self.text, self.settings.languages)
        if found is None:
            return
        detected, _ = found
        if detected in (self.lang, self.tracker.get_slot("language_declined")):
            return
        self.dispatcher.utter_message(
            response="language_offer", lang=detected, params={"detected": detected}
        )

    def set_language(self, lang: str) -> None:
        """Switches the conversation (and the detainee's record) to another language."""
        self.lang = lang
        queries.set_language(self.session, self.detainee, lang)
        self.events.append(SlotSet("language", lang))

    # --- what the user said -------------------------------------------------------
    @property
    def text(self) -> str:
        return (self.tracker.latest_message or {}).get("text") or ""

    @property
    def intent(self) -> str:
        return ((self.tracker.latest_message or {}).get("intent") or {}).get("name") or ""

    @property
    def intent_ranking(self) -> list[tuple[str, float]]:
        """The classifier's intents for the message, most confident first."""
        ranking = (self.tracker.latest_message or {}).get("intent_ranking") or []
        return [(str(r.get("name")), float(r.get("confidence") or 0.0)) for r in ranking]

    def entity(self, name: str) -> str | None:
        value = next(self.tracker.get_latest_entity_values(name), None)
        return str(value) if value is not None else None

    @property
    def active_flow(self) -> str | None:
        return self.tracker.get_slot("flow")

    def set_flow(self, condition: str | None) -> None:
        self.events.append(SlotSet("flow", condition))

    # --- saying things ---------------------------------------------------------------
    def say(self, key: str, /, **params: Any) -> None:
        """Sends a reply by key; the response generator renders it in the language."""
        self.dispatcher.utter_message(response=key, lang=self.lang, params=params)


class AssistantAction(Action, metaclass=abc.ABCMeta):
    """An action that runs in one case-store transaction and never shows a traceback.
    Abstract: rasa-sdk registers only its subclasses that implement `act`."""

    action_name = ""

    def name(self) -> str:
        return self.action_name

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        try:
            with session_scope(runtime.sessions()) as session:
                turn = Turn(dispatcher, tracker, session)
                if self.name() != SAFETY_ACTION and self.is_safety_concern(turn):
                    from bot.actions.safety import raise_alert

                    raise_alert(turn)
                else:
                    from bot.actions.booking import tell_cancelled_sessions

                    tell_cancelled_sessions(turn)
                    turn.offer_detected_language()
                    self.act(turn)
                return turn.events
        except DetaineeNotFound:
            # RIC_AUTO_REGISTER is off (outside development): nobody is created, and the
            # sender is told plainly to ask the staff.
            logger.warning("Action %s: unknown sender, not registered", self.name())
            dispatcher.messages.clear()
            dispatcher.utter_message(response="unknown_sender", lang=tracker.get_slot("language"))
            return []
        except Exception:
            logger.exception("Action %s failed for sender %s", self.name(), tracker.sender_id)
            dispatcher.messages.clear()  # half a turn would confuse; say one clear thing
            dispatcher.utter_message(response="error", lang=tracker.get_slot("language"))
            return []

    @staticmethod
    def is_safety_concern(turn: Turn) -> bool:
        """Whether the crisis detector finds a crisis in the latest message (any language)."""
        return assess(turn.text, turn.settings.knowledge_dir, lang=turn.lang) is not None

    @abc.abstractmethod
    def act(self, turn: Turn) -> None:
        """Does the work of the action."""
