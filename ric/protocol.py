"""What the assistant's layers say to each other as strings, written and read in one place.

Button payloads (``/intent{"entity":"value"}``: Rasa reads them as an intent with
entities), the intents of the five conditions (``condition_<condition>``) and the key of
the task that stands for a booked spreekuur (``booking_<id>``). The replies build
payloads, the actions and the portal read them; the store makes task keys, the actions
and the portal read them. None of them builds or parses these strings by hand.
"""

from __future__ import annotations

import json
from typing import Any

CHOOSE_INTENT = "choose"
CHOICE_ENTITY = "choice"
CONDITION_INTENT_PREFIX = "condition_"
BOOKING_TASK_PREFIX = "booking_"


def payload(intent: str, **entities: Any) -> str:
    """A button payload that triggers an intent with entities: /intent{"k":"v"}."""
    if not entities:
        return f"/{intent}"
    return f"/{intent}" + json.dumps(entities, ensure_ascii=False, separators=(",", ":"))


def choice(value: str) -> str:
    """The payload of a button that answers with a choice ("flow:id:has_id:yes")."""
    return payload(CHOOSE_INTENT, **{CHOICE_ENTITY: value})


def split_payload(text: str) -> tuple[str, dict[str, Any]]:
    """'/choose{"choice":"menu"}' -> ('choose', {'choice': 'menu'}); odd JSON: no entities."""
    name, brace, rest = text.lstrip("/").partition("{")
    entities: Any = {}
    if brace:
        try:
            entities = json.loads(brace + rest)
        except ValueError:
            entities = {}
    return name.strip(), entities if isinstance(entities, dict) else {}


def condition_intent(condition: str) -> str:
    """The intent (and button payload name) that starts a condition's flow."""
    return CONDITION_INTENT_PREFIX + condition


def condition_of_intent(intent: str) -> str | None:
    """The condition a `condition_*` intent names, else None (not checked against the five)."""
    return intent.removeprefix(CONDITION_INTENT_PREFIX) if is_condition_intent(intent) else None


def is_condition_intent(intent: str) -> bool:
    return intent.startswith(CONDITION_INTENT_PREFIX)


def booking_task_key(booking_id: int) -> str:
    """The key of the task that stands for a booked spreekuur."""
    return f"{BOOKING_TASK_PREFIX}{booking_id}"


def booking_of_task_key(key: str | None) -> int | None:
    """The booking id in a task key made by booking_task_key, else None."""
    if not key or not key.startswith(BOOKING_TASK_PREFIX):
        return None
    number = key.removeprefix(BOOKING_TASK_PREFIX)
    return int(number) if number.isdigit() else None
