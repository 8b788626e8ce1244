"""The transcript as staff read it: what the detainee saw and what it meant, in plain Dutch.

`ric.store.staff.transcript` reads the turns from Rasa's tracker store; this module
names them for the staff page. A pressed button shows its title as the detainee saw it
(and that language); each line gets a small Dutch label: the article by its title in
knowledge/, the flow step by its Dutch text in knowledge/flows, conditions, intents and
replies by catalog messages. Reply keys, intents, step ids and payloads never reach the
page. The NLU's confidence is shown only where it decided.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from babel import Locale, UnknownLocaleError

from ric import protocol
from ric.content.repository import ContentRepository
from ric.content.texts import MultiText
from ric.languages import SOURCE_LANGUAGE, direction, normalise
from ric.portal.validation import N_
from ric.replies.catalog import Catalogs
from ric.replies.conversation import BAR_PAYLOADS, main_menu
from ric.replies.render import Context, Reply
from ric.store.models import CONDITIONS
from ric.store.staff import FALLBACK_INTENT, Turn

logger = logging.getLogger(__name__)
Gettext = Callable[[str], str]

START_PAYLOAD = protocol.payload("greet")  # sent by the kiosk itself when a conversation opens
STEP_CHARS = 90  # a flow step is named by its Dutch text, cut at a sentence or this length
# The buttons of the kiosk's fixed bar are not offered by a bot message: their titles
# are the catalog messages kiosk.py shows.
BAR_TITLES = {
    BAR_PAYLOADS["menu"]: N_("Menu"),
    BAR_PAYLOADS["stop"]: N_("Stop / terug"),
    BAR_PAYLOADS["handoff"]: N_("Praat met een medewerker"),
}


@dataclasses.dataclass
class Line:
    """One line of the transcript page."""

    side: str  # "user" or "bot"
    at: dt.datetime
    text: str
    lang: str  # the bubble's lang attribute
    dir: str  # its dir attribute: the language's direction, "auto" for typed text
    language: str  # the language's Dutch name, "" when unknown
    button: bool
    buttons: list[str]
    label: str  # plain Dutch: which article, step, reply or choice
    recognised: str  # "Herkend als: Vraag (93%)", "niet begrepen" or ""
    flagged: bool


def language_name(code: str | None, supported: tuple[str, ...]) -> str:
    """A supported language's name in Dutch ("Turks"); "" for anything else."""
    found = normalise(code, supported)
    if not found:
        return ""
    try:
        name = Locale.parse(found).get_display_name(SOURCE_LANGUAGE) or found
    except (ValueError, UnknownLocaleError):
        return ""
    return name[:1].upper() + name[1:]


def short(text: str, limit: int = STEP_CHARS) -> str:
    """The first sentence of a text, at most `limit` characters."""
    text = " ".join(text.split())
    for end in (". ", "? ", "! "):
        cut = text.find(end)
        if 0 < cut < limit:
            return text[: cut + 1]
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class Namer:
    """Dutch names for what a transcript refers to, from the content files and catalogs."""

    def __init__(
        self,
        gettext: Gettext,
        content: ContentRepository,
        condition_names: dict[str, str],
        languages: tuple[str, ...],
    ) -> None:
        self.gettext = gettext
        self.content = content
        self.condition_names = condition_names
        self.languages = languages

    # --- content ----------------------------------------------------------------------
    def article(self, slug: Any) -> str:
        """An article's Dutch title; the file name for an article that is gone."""
        slug = str(slug or "")
        article = self.content.article(slug) if slug else None
        if article is None:
            return slug or "?"
        return article.text(SOURCE_LANGUAGE).title

    def _flow(self, condition: Any):  # noqa: ANN202 - a Flow or None
        if condition not in CONDITIONS:
            return None
        try:
            return self.content.flow(condition)
        except (ValueError, OSError):  # FlowError is a ValueError
            logger.exception("Flow %s cannot be read for a transcript", condition)
            return None

    def condition(self, condition: Any) -> str:
        return self.condition_names.get(str(condition), self.gettext("Onbekend onderwerp"))

    def flow(self, condition: Any) -> str:
        """A flow by its Dutch title in the flow file, else the condition's name."""
        flow = self._flow(condition)
        if flow is None or not flow.title.get(SOURCE_LANGUAGE):
            return self.condition(condition)
        return flow.title[SOURCE_LANGUAGE]

    def step(self, condition: Any, step_id: Any) -> str:
        """A flow step by (the start of) its Dutch text; "" when there is no step."""
        if not step_id:
            return ""
        flow = self._flow(condition)
        step = flow.step(str(step_id)) if flow is not None else None
        if step is None or not step.text.get(SOURCE_LANGUAGE):
            return self.gettext("een stap die niet meer bestaat")
        return short(step.text[SOURCE_LANGUAGE])

    def option(self, condition: Any, step_id: Any, option_id: str) -> str:
        """An answer button of a step in Dutch (yes/no without a label: Ja/Nee)."""
        flow = self._flow(condition)
        step = flow.step(str(step_id)) if flow is not None and step_id else None
        option = step.option(option_id) if step is not None else None
        label: MultiText | None = option.label if option is not None else None
        if label and label.get(SOURCE_LANGUAGE):
            return label[SOURCE_LANGUAGE]
        if option_id == "yes":
            return self.gettext("Ja")
        if option_id == "no":
            return self.gettext("Nee")
        return self.gettext("een ander antwoord")

    def language(self, code: Any) -> str:
        return language_name(str(code or ""), self.languages) or self.gettext("een andere taal")

    # --- what the NLU recognised ----------------------------------------------------------
    def intent(self, name: str | None, unknown: str = "") -> str:
        """What a message was recognised as, in Dutch (`unknown` for an unknown intent)."""
        _ = self.gettext
        name = name or ""
        if protocol.is_condition_intent(name):
            return _("Onderwerp: {name}").format(
                name=self.condition(protocol.condition_of_intent(name))
            )
        names = {
            "greet": _("Begroeting"),
            "goodbye": _("Afscheid"),
            "affirm": _("Ja"),
            "deny": _("Nee"),
            "thank": _("Bedanken"),
            "help": _("Uitleg gevraagd"),
            "stop": _("Stoppen"),
            "out_of_scope": _("Buiten het onderwerp"),
            "human_handoff": _("Medewerker gevraagd"),
            "change_language": _("Andere taal"),
            "progress": _("Voortgang"),
            "my_tasks": _("Mijn taken"),
            "book_appointment": _("Afspraak maken"),
            "my_appointments": _("Mijn afspraken"),
            "cancel_appointment": _("Afspraak afzeggen"),
            "safety": _("Veiligheid"),
            "choose": _("Keuze"),
            "faq": _("Vraag"),
        }
        return names.get(name) or unknown or _("Iets anders")

    # --- what the assistant said ----------------------------------------------------------
    def reply(self, key: str | None, params: dict[str, Any], custom: dict[str, Any]) -> str:
        """Which reply a bot message was, with its article or flow step, in Dutch."""
        if not key:
            return ""
        _ = self.gettext
        p = params
        with_flow = {
            "flow_intro": _("Verder met: {name}") if p.get("resumed") else _("Begin: {name}"),
            "flow_end": _("Einde: {name}"),
            "flow_stopped": _("Gestopt: {name}"),
            "flow_restart": _("Al afgerond: {name}"),
            "flow_resume_offer": _("Aanbod: verder met {name}"),
        }
        if key in with_flow:
            return with_flow[key].format(name=self.flow(p.get("condition")))
        if key == "flow_step":
            return _("Stap: {step}").format(step=self.step(p.get("condition"), p.get("step")))
        if key == "article":
            return self._article_part(p.get("slug"), str(p.get("part") or "answer"))
        if key == "article_source":
            return _("Bronnen bij artikel: {title}").format(title=self.article(p.get("slug")))
        if key == "feedback_ask":
            return _("Vraag of het artikel hielp: {title}").format(
                title=self.article(p.get("slug"))
            )
        if key == "feedback_thanks":
            return (
                _("Feedback: het artikel hielp")
                if p.get("helpful")
                else _("Feedback: het artikel hielp niet")
            )
        if key in ("task_created", "task_done"):
            title = str(p.get("title") or "")
            message = (
                _("Taak gemaakt: {title}")
                if key == "task_created"
                else _("Taak afgevinkt: {title}")
            )
            return message.format(title=title)
        if key == "safety":
            return self.safety(custom.get("safety") or p.get("category"))
        return self._fixed_replies().get(key, _("Ander bericht"))

    def safety(self, category: Any) -> str:
        _ = self.gettext
        names = {
            "suicide": _("suïcide"),
            "threatened": _("bedreiging"),
            "harm_others": _("geweld tegen anderen"),
        }
        return _("Veiligheidsmelding ({category})").format(
            category=names.get(str(category), names["suicide"])
        )

    def _article_part(self, slug: Any, part: str) -> str:
        _ = self.gettext
        label = _("Artikel: {title}").format(title=self.article(slug))
        extra = {"more": _("Meer uitleg"), "easy": _("Eenvoudiger"), "source": _("Bron")}
        return f"{label} · {extra[part]}" if part in extra else label

    def _fixed_replies(self) -> dict[str, str]:
        _ = self.gettext
        return {
            "dont_know": _("Geen antwoord gevonden"),
            "flow_stale": _("Oude knop: die vraag was al beantwoord"),
            "flow_not_understood": _("Antwoord niet begrepen"),
            "progress": _("Voortgang"),
            "tasks": _("Takenlijst"),
            "task_not_found": _("Taak niet gevonden"),
            "booking_choose_partner": _("Afspraak: partner kiezen"),
            "booking_no_sessions": _("Afspraak: geen spreekuren"),
            "booking_offer": _("Afspraak: tijden aangeboden"),
            "booking_none_free": _("Afspraak: alles vol"),
            "booking_confirm": _("Afspraak: bevestigen?"),
            "booking_done": _("Afspraak gemaakt"),
            "booking_refused": _("Afspraak lukte niet"),
            "booking_declined": _("Afspraak niet gemaakt"),
            "appointments": _("Afsprakenlijst"),
            "cancel_choose": _("Afzeggen: afspraak kiezen"),
            "cancel_confirm": _("Afzeggen: bevestigen?"),
            "cancel_done": _("Afspraak afgezegd"),
            "cancel_refused": _("Afzeggen lukte niet"),
            "cancel_kept": _("Afspraak blijft staan"),
            "session_cancelled_notice": _("Bericht: spreekuur afgezegd door het RIC"),
            "greet": _("Begroeting"),
            "menu": _("Menu"),
            "language_menu": _("Talen"),
            "language_changed": _("Taal veranderd"),
            "language_offer": _("Aanbod: andere taal"),
            "help": _("Uitleg over de assistent"),
            "out_of_scope": _("Buiten het onderwerp"),
            "nothing_to_stop": _("Niets om te stoppen"),
            "goodbye": _("Afscheid"),
            "thanks": _("Graag gedaan"),
            "anything_else": _("Vraag: waarmee kan ik helpen?"),
            "error": _("Foutmelding"),
            "unknown_sender": _("Onbekend registratienummer"),
            "handoff": _("Doorverwezen naar medewerker"),
        }

    # --- what a pressed button meant ------------------------------------------------------
    def choice(self, payload: str) -> str:
        """What a pressed button meant, in Dutch."""
        _ = self.gettext
        intent, entities = protocol.split_payload(payload)
        if intent != "choose":
            return self.intent(intent, unknown=_("Onbekende knop"))
        area, _sep, rest = str(entities.get("choice") or "").partition(":")
        if area == "flow":
            condition, _sep, tail = rest.partition(":")
            step_id, _sep, option_id = tail.partition(":")
            return (
                _("Antwoord op: {step}").format(step=self.step(condition, step_id))
                + " → "
                + self.option(condition, step_id, option_id)
            )
        if area == "article":
            slug, _sep, part = rest.partition(":")
            return self._article_part(slug, part.partition(":")[0] or "answer")
        if area == "feedback":
            helpful = rest.rpartition(":")[2] == "yes"
            return (
                _("Feedback: het artikel hielp")
                if helpful
                else _("Feedback: het artikel hielp niet")
            )
        if area == "lang":
            if rest == "keep":
                return _("Taal niet veranderd")
            return _("Taal gekozen: {language}").format(language=self.language(rest))
        fixed = {
            "menu": _("Menu"),
            "book": _("Afspraak: tijd gekozen"),
            "bookok": _("Ja, maak de afspraak"),
            "bookno": _("Afspraak niet gemaakt"),
            "cancel": _("Afzeggen: afspraak gekozen"),
            "cancelok": _("Ja, afzeggen"),
            "cancelno": _("Nee, laten staan"),
            "task": _("Taak afgevinkt"),
        }
        return fixed.get(area, _("Onbekende knop"))

    def recognised(self, turn: Turn) -> str:
        """'Herkend als: Vraag (93%)' where the NLU decided; 'niet begrepen'; else ""."""
        if turn.side != "user":
            return ""
        if turn.not_understood:
            return self.gettext("niet begrepen")
        if not turn.nlu_decided:
            return ""
        percent = round((turn.confidence or 0.0) * 100)
        if turn.intent == FALLBACK_INTENT:  # unsure, yet answered from an article
            return self.gettext("Onzeker ({percent}%): antwoord gezocht in de artikelen").format(
                percent=percent
            )
        return self.gettext("Herkend als: {intent} ({percent}%)").format(
            intent=self.intent(turn.intent), percent=percent
        )


def unoffered_titles(lang: str, catalogs: Catalogs, content: ContentRepository) -> dict[str, str]:
    """Titles of buttons the kiosk may send without a bot message offering them: the main
    menu (as ric.replies renders it) and the fixed bar, in the language."""
    ctx = Context(lang, catalogs, content)
    titles = {b["payload"]: b["title"] for b in main_menu(ctx, Reply("")).buttons}
    titles.update({p: catalogs.gettext(lang, msgid) for p, msgid in BAR_TITLES.items()})
    return titles


def lines(turns: list[Turn], namer: Namer, catalogs: Catalogs) -> list[Line]:
    """The turns as the page shows them."""
    shown, titles = [], {}
    for turn in turns:
        lang = normalise(turn.language, namer.languages)
        text, label, button = turn.text, "", turn.button
        if turn.side == "bot":
            label = namer.reply(turn.reply_key, turn.params, turn.custom)
        elif turn.payload == START_PAYLOAD:
            text, button = namer.gettext("De kiosk begint het gesprek."), False
            lang = SOURCE_LANGUAGE
        elif turn.button:
            label = namer.choice(turn.payload or "")
            if not turn.titled:  # no bot message offered it: the menu or the bar, else the label
                lang = lang or SOURCE_LANGUAGE
                if lang not in titles:
                    titles[lang] = unoffered_titles(lang, catalogs, namer.content)
                title = titles[lang].get(turn.payload or "")
                text, label = (title, label) if title else (label, "")
                lang = lang if title else SOURCE_LANGUAGE
        bubble_lang = lang or SOURCE_LANGUAGE
        shown.append(
            Line(
                side=turn.side,
                at=turn.at,
                text=text,
                lang=bubble_lang,
                dir="auto" if turn.side == "user" and not button else direction(bubble_lang),
                language=language_name(lang, namer.languages),
                button=button,
                buttons=turn.buttons,
                label=label,
                recognised=namer.recognised(turn) if turn.payload != START_PAYLOAD else "",
                flagged=turn.flagged,
            )
        )
    return shown
