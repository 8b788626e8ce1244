"""Renders a reply key with its parameters into a message in one language.

Reply functions register themselves with :func:`reply`; each gets a :class:`Context`
(the language, catalog, content, date formatting) and the parameters the action sent.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from babel.dates import format_date, format_datetime, format_time, get_timezone

from ric.content.repository import ContentRepository
from ric.content.texts import MultiText, pick
from ric.languages import direction, native_name
from ric.replies.catalog import Catalogs

logger = logging.getLogger(__name__)

ReplyFunction = Callable[..., "Reply"]
REGISTRY: dict[str, ReplyFunction] = {}


def reply(key: str) -> Callable[[ReplyFunction], ReplyFunction]:
    """Registers a reply function under its key (the name actions send)."""

    def register(function: ReplyFunction) -> ReplyFunction:
        if key in REGISTRY:
            raise ValueError(f"reply {key!r} registered twice")
        REGISTRY[key] = function
        return function

    return register


@dataclasses.dataclass
class Reply:
    """One message: text, buttons (title + payload) and optional custom data."""

    text: str
    buttons: list[dict[str, str]] = dataclasses.field(default_factory=list)
    custom: dict[str, Any] = dataclasses.field(default_factory=dict)

    def button(self, title: str, button_payload: str) -> Reply:
        self.buttons.append({"title": title, "payload": button_payload})
        return self


@dataclasses.dataclass
class Context:
    """What a reply function may use: the language and the sources of text."""

    lang: str
    catalogs: Catalogs
    content: ContentRepository
    timezone: str = "Europe/Amsterdam"

    def gettext(self, msgid: str) -> str:
        return self.catalogs.gettext(self.lang, msgid)

    def pick(self, text: MultiText, pending: tuple[str, ...] = (), where: str = "") -> str:
        return pick(text, self.lang, pending, where)

    def date(self, value: dt.date | str) -> str:
        """A date like 'dinsdag 3 december' in the user's language."""
        value = dt.date.fromisoformat(value) if isinstance(value, str) else value
        return format_date(value, format="EEEE d MMMM", locale=self.lang)

    def day_time(self, value: dt.datetime | str) -> str:
        """A moment like 'dinsdag 3 december, 10:00' in the user's language and time zone."""
        value = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.timezone.utc)
        zone = get_timezone(self.timezone)
        day = format_datetime(value, format="EEEE d MMMM", tzinfo=zone, locale=self.lang)
        time = format_time(value, format="HH:mm", tzinfo=zone, locale=self.lang)
        return f"{day}, {time}"

    def warn_pending(self, where: str) -> None:
        """Logs that Dutch is shown because a translation is pending."""
        logger.warning("Translation pending: %s has no %r text, Dutch shown", where, self.lang)

    def language_name(self, code: str) -> str:
        return native_name(code)


class Renderer:
    """Turns (key, language, parameters) into a Rasa message dict."""

    def __init__(self, catalogs: Catalogs, content: ContentRepository, timezone: str) -> None:
        self.catalogs = catalogs
        self.content = content
        self.timezone = timezone

    def render(self, key: str, lang: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """The message for the key; unknown keys fall back to the generic error reply."""
        _load_reply_modules()
        function = REGISTRY.get(key)
        if function is None:
            logger.error("No reply registered for %r", key)
            function = REGISTRY["error"]
        context = Context(lang, self.catalogs, self.content, self.timezone)
        result = function(context, **(params or {}))
        message: dict[str, Any] = {"text": result.text}
        if result.buttons:
            message["buttons"] = result.buttons
        custom = dict(result.custom)
        if direction(lang) == "rtl":
            custom.update({"lang": lang, "dir": "rtl"})
        if custom:
            message["custom"] = custom
        return message


def _load_reply_modules() -> None:
    """Imports the modules that register replies (once; import has no other effect)."""
    from ric.replies import appointments, conversation, guidance, knowledge  # noqa: F401
