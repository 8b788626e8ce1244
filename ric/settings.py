"""All configuration, read once from environment variables with documented defaults.

Every option is declared once, with its name, default, type and help text. Nothing
else in the project reads ``os.environ`` for configuration.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


class SettingsError(ValueError):
    """An environment variable holds a value that cannot be used."""


def _bool(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"not a boolean: {value!r}")


def _list(value: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in value.split(",") if item.strip())


@dataclasses.dataclass(frozen=True)
class Option:
    """One setting: the environment variable, its default, how to parse it, and help."""

    name: str
    default: str
    help: str
    parse: Callable[[str], Any] = str


OPTIONS: tuple[Option, ...] = (
    Option("RIC_VAR_DIR", str(ROOT / "var"), "Folder for the SQLite file, models cache, audio."),
    Option("RIC_MODELS_DIR", str(ROOT / "var" / "models"), "Folder of the trained Rasa models."),
    Option("DATABASE_URL", "", "SQLAlchemy URL of the case store; default a SQLite file in var/."),
    Option("RIC_KNOWLEDGE_DIR", str(ROOT / "knowledge"), "Folder with flows and articles."),
    Option("RIC_LOCALES_DIR", str(ROOT / "locales"), "Folder with the gettext catalogs."),
    Option(
        "RIC_LANGUAGES", "nl,en,ar,tr,pl", "Supported languages; the first is the default.", _list
    ),
    Option("RIC_TIMEZONE", "Europe/Amsterdam", "Time zone for dates shown to people."),
    Option("RIC_DEFAULT_PI", "PI Demo", "PI assigned to detainees created by the chat."),
    Option(
        "RIC_AUTO_REGISTER",
        "true",
        "Create an unknown chat sender as a detainee (development, rasa shell).",
        _bool,
    ),
    Option(
        "RIC_DEFAULT_DUE_DAYS", "14", "Days until a task is due when no release date is known.", int
    ),
    Option(
        "RIC_BOOKING_CUTOFF_HOURS",
        "2",
        "No booking within this many hours before a spreekuur.",
        float,
    ),
    Option(
        "RIC_MAX_BOOKINGS_PER_PARTNER",
        "1",
        "Active future bookings one detainee may hold with one partner.",
        int,
    ),
    Option(
        "RIC_OFFERED_SESSIONS", "4", "How many free spreekuren the assistant offers at once.", int
    ),
    Option(
        "RIC_KNOWLEDGE_MIN_SCORE",
        "0.15",
        "Lowest search score that still counts as an answer.",
        float,
    ),
    Option("RASA_HOST", "127.0.0.1", "Interface the Rasa server listens on."),
    Option("RASA_PORT", "5005", "Port of the Rasa server.", int),
    Option("RASA_TOKEN", "dev-rasa-token", "Token the portal sends to Rasa's REST channel."),
    Option("ACTION_PORT", "5055", "Port of the action server.", int),
    Option("PORTAL_HOST", "127.0.0.1", "Interface the portal listens on."),
    Option("PORTAL_PORT", "8080", "Port of the portal.", int),
    Option(
        "PORTAL_SECRET",
        "dev-secret-change-me-0123456789abcdef",
        "Key that signs portal session cookies (at least 32 characters).",
    ),
    Option("RIC_IDLE_SECONDS", "300", "Idle time before a kiosk session is signed out.", int),
    Option(
        "RIC_IDLE_WARNING_SECONDS", "30", "How long before sign-out the idle warning shows.", int
    ),
    Option("PORTAL_SESSION_SECONDS", "3600", "Longest life of a portal session cookie.", int),
    Option("PORTAL_SECURE_COOKIES", "false", "Mark cookies Secure (set true behind HTTPS).", _bool),
    Option("RIC_AUDIO_TTL_SECONDS", "600", "How long read-aloud audio is kept.", int),
    Option(
        "RIC_LINK_ALLOWLIST",
        "rijksoverheid.nl,dji.nl,digid.nl,justis.nl,cjib.nl,uwv.nl,werk.nl,"
        "toeslagen.nl,juridischloket.nl,reclassering.nl,113.nl,zorginstituutnederland.nl",
        "Sites a link in an answer may open on a RIC terminal.",
        _list,
    ),
    Option("REDIS_URL", "", "Redis for Rasa's lock store (production); empty: in memory."),
)


@dataclasses.dataclass(frozen=True)
class Settings:
    """The validated settings of one process."""

    values: Mapping[str, Any]

    def __getattr__(self, item: str) -> Any:
        key = item.upper()
        values = object.__getattribute__(self, "values")
        if key in values:
            return values[key]
        raise AttributeError(item)

    @property
    def var_dir(self) -> Path:
        return Path(self.values["RIC_VAR_DIR"])

    @property
    def database_url(self) -> str:
        url = self.values["DATABASE_URL"]
        return url or f"sqlite:///{self.var_dir / 'ric.db'}"

    @property
    def languages(self) -> tuple[str, ...]:
        return self.values["RIC_LANGUAGES"]

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @property
    def knowledge_dir(self) -> Path:
        return Path(self.values["RIC_KNOWLEDGE_DIR"])

    @property
    def locales_dir(self) -> Path:
        return Path(self.values["RIC_LOCALES_DIR"])

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with some options replaced (tests, command line)."""
        values = dict(self.values)
        for key, value in overrides.items():
            values[key.upper()] = value
        return Settings(values)


def load(environ: Mapping[str, str] | None = None) -> Settings:
    """Reads and validates every option; raises SettingsError naming the bad variable."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for option in OPTIONS:
        raw = environ.get(option.name, option.default)
        try:
            values[option.name] = option.parse(raw)
        except ValueError as error:
            raise SettingsError(f"{option.name}={raw!r} is not valid: {error}") from error
    if len(values["PORTAL_SECRET"]) < 32:
        raise SettingsError("PORTAL_SECRET must be at least 32 characters long.")
    if not values["RIC_LANGUAGES"]:
        raise SettingsError("RIC_LANGUAGES must name at least one language.")
    return Settings(values)


def describe() -> str:
    """Help text listing every option, for `ric settings`."""
    lines = []
    for option in OPTIONS:
        lines.append(f"{option.name} (default: {option.default or '-'})\n    {option.help}")
    return "\n".join(lines)
