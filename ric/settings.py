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


def _optional_bool(value: str) -> bool | None:
    """Empty means 'not set' (the option then follows another one)."""
    return None if not value.strip() else _bool(value)


def _list(value: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in value.split(",") if item.strip())


def _days(value: str) -> int:
    days = int(value)
    if days < 1:
        raise ValueError("must be at least 1 day")
    return days


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
        "",
        "Create an unknown chat sender as a detainee (rasa shell, scripts). Empty: follow "
        "RIC_DEVELOPMENT (on only in development); elsewhere an unknown sender is told to "
        "ask the RIC staff and nothing is created.",
        _optional_bool,
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
    Option(
        "RIC_KNOWLEDGE_SURE_SCORE",
        "0.5",
        "Search score from which a message the classifier sent to a condition's flow is "
        "answered from the article first, even when it is not phrased as a question.",
        float,
    ),
    Option("RASA_HOST", "127.0.0.1", "Interface the Rasa server listens on."),
    Option("RASA_PORT", "5005", "Port of the Rasa server.", int),
    Option(
        "RASA_TOKEN",
        "dev-rasa-token",
        "Token of Rasa's HTTP API (--enable-api; the portal reads offered buttons with it). "
        "Outside development `ric run` replaces this default with a random one per run.",
    ),
    Option(
        "RASA_CHANNEL_SECRET",
        "dev-rasa-channel-secret-change-me-0123456789",
        "Shared secret of the portal and Rasa's signed channel (ric.rasa_channel): the "
        "portal signs every message with it. The default is refused outside development; "
        "`ric run` makes a random one per run when it is not set. docs/security.md.",
    ),
    Option(
        "RASA_CHANNEL_WINDOW_SECONDS",
        "60",
        "How far (seconds) a signed message's timestamp may be from the clock of the Rasa "
        "server; older messages and replays within it are refused.",
        int,
    ),
    Option("ACTION_HOST", "127.0.0.1", "Interface the action server listens on."),
    Option("ACTION_PORT", "5055", "Port of the action server.", int),
    Option(
        "ACTION_SECRET",
        "dev-action-secret-change-me-0123456789",
        "Shared secret Rasa sends to the action server (Authorization: Bearer); calls "
        "without it get 401. The default is refused outside development; `ric run` makes "
        "a random one per run when it is not set. docs/security.md.",
    ),
    Option(
        "RIC_OFFER_MINUTES",
        "60",
        "How long a spreekuur the assistant offered to a detainee can be booked by that "
        "detainee (the offer is recorded in the case store).",
        int,
    ),
    Option("PORTAL_HOST", "127.0.0.1", "Interface the portal listens on."),
    Option("PORTAL_PORT", "8080", "Port of the portal.", int),
    Option(
        "PORTAL_SECRET",
        "dev-secret-change-me-0123456789abcdef",
        "Portal key (at least 32 characters) for keyed hashes in the audit log; the "
        "portal refuses to start with this default unless RIC_DEVELOPMENT=true. "
        "`ric run` makes a random one in var/portal_secret.",
    ),
    Option(
        "RIC_DEVELOPMENT",
        "false",
        "Development mode (set by `ric run` / `make run`): the portal may start with the "
        "published default PORTAL_SECRET. Never set this on a RIC terminal network.",
        _bool,
    ),
    Option(
        "RIC_IDLE_SECONDS",
        "300",
        "Idle time before a kiosk session is signed out (the server ends it, whatever the "
        "page does).",
        int,
    ),
    Option(
        "RIC_STAFF_IDLE_SECONDS",
        "1800",
        "Idle time before a staff session is ended (PORTAL_SESSION_SECONDS is its longest life).",
        int,
    ),
    Option(
        "RIC_LOGIN_WINDOW_SECONDS",
        "900",
        "Window in which failed sign-ins are counted, and how long a lock lasts.",
        int,
    ),
    Option(
        "RIC_LOGIN_MAX_FAILURES",
        "5",
        "Failed sign-ins on one account from one client address (in the window) before "
        "that account is locked for that address only.",
        int,
    ),
    Option(
        "RIC_LOGIN_MAX_FAILURES_PER_ADDRESS",
        "20",
        "Failed sign-ins from one client address, on any accounts (in the window), before "
        "that address may not try again until the window has passed.",
        int,
    ),
    Option(
        "RIC_IDLE_WARNING_SECONDS", "30", "How long before sign-out the idle warning shows.", int
    ),
    Option(
        "PORTAL_SESSION_SECONDS",
        "3600",
        "Longest life of a portal session (kiosk and staff), however active it is.",
        int,
    ),
    Option("PORTAL_SECURE_COOKIES", "false", "Mark cookies Secure (set true behind HTTPS).", _bool),
    Option("RIC_AUDIO_TTL_SECONDS", "600", "How long read-aloud audio is kept.", int),
    Option("RIC_PAGE_SIZE", "50", "Rows per page in the staff overview and the editor queue.", int),
    Option(
        "RIC_RETENTION_DAYS_AFTER_RELEASE",
        "30",
        "Days after the expected release date until a detainee's data is erased "
        "(record, conversation, queue entries; anonymous counts stay). docs/privacy.md.",
        _days,
    ),
    Option(
        "RIC_RETENTION_DAYS_INACTIVE",
        "180",
        "Days without activity until a conversation is removed from the tracker store; "
        "queue entries older than this go too. docs/privacy.md.",
        _days,
    ),
    Option(
        "RIC_LINK_ALLOWLIST",
        "rijksoverheid.nl,dji.nl,digid.nl,justis.nl,cjib.nl,uwv.nl,werk.nl,"
        "toeslagen.nl,juridischloket.nl,reclassering.nl,113.nl,zorginstituutnederland.nl,"
        "belastingdienst.nl",
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
    if values["RIC_PAGE_SIZE"] < 1:
        raise SettingsError("RIC_PAGE_SIZE must be at least 1.")
    if not values["RIC_LANGUAGES"]:
        raise SettingsError("RIC_LANGUAGES must name at least one language.")
    if values["RIC_AUTO_REGISTER"] is None:
        values["RIC_AUTO_REGISTER"] = values["RIC_DEVELOPMENT"]
    if values["RASA_CHANNEL_WINDOW_SECONDS"] < 1:
        raise SettingsError("RASA_CHANNEL_WINDOW_SECONDS must be at least 1.")
    return Settings(values)


DEFAULT_PORTAL_SECRET = next(o.default for o in OPTIONS if o.name == "PORTAL_SECRET")


def require_portal_secret(settings: Settings) -> None:
    """Refuses the published default PORTAL_SECRET outside development mode."""
    if settings.portal_secret == DEFAULT_PORTAL_SECRET and not settings.ric_development:
        raise SettingsError(
            "PORTAL_SECRET is the published default. Set PORTAL_SECRET to a random value of "
            "at least 32 characters (for example `python -c 'import secrets; "
            "print(secrets.token_urlsafe(48))'`), or set RIC_DEVELOPMENT=true on a "
            "development machine (`make run` does)."
        )


SERVICE_SECRETS = ("RASA_CHANNEL_SECRET", "ACTION_SECRET")


def is_default(settings: Settings, name: str) -> bool:
    """Whether the option still has its published default."""
    option = next(o for o in OPTIONS if o.name == name)
    return settings.values[name] == option.default


def require_service_secret(settings: Settings, name: str) -> None:
    """Refuses a published default RASA_CHANNEL_SECRET or ACTION_SECRET outside development,
    and one shorter than 32 characters anywhere."""
    value = settings.values[name]
    if len(value) < 32:
        raise SettingsError(f"{name} must be at least 32 characters long.")
    if is_default(settings, name) and not settings.ric_development:
        raise SettingsError(
            f"{name} is the published default. Set {name} to a random value of at least 32 "
            "characters (the same for every process that shares it), or set "
            "RIC_DEVELOPMENT=true on a development machine."
        )


def describe() -> str:
    """Help text listing every option, for `ric settings`."""
    lines = []
    for option in OPTIONS:
        lines.append(f"{option.name} (default: {option.default or '-'})\n    {option.help}")
    return "\n".join(lines)
