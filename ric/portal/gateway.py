"""The portal's only way to the assistant: Rasa's REST channel on 127.0.0.1, with its token."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

import aiohttp

PAYLOAD = re.compile(r"^\s*/")
OFFER_WINDOW = 60  # how many recent events are searched for offered buttons


class AssistantUnavailable(Exception):
    """Rasa did not answer (not started, restarting, or an error)."""


def free_text(text: str) -> str:
    """Typed text never reaches Rasa as an intent payload: leading slashes are removed."""
    return PAYLOAD.sub("", text).strip()


def merge_messages(raw: list[dict[str, Any]], default_lang: str) -> list[dict[str, Any]]:
    """Rasa's REST output as chat messages: custom data is folded into the text before it."""
    messages: list[dict[str, Any]] = []
    for item in raw:
        custom = item.get("custom")
        if custom is not None and not item.get("text") and messages:
            target = messages[-1]
            if isinstance(custom, dict):
                if custom.get("article"):
                    target["article"] = custom["article"]
                if custom.get("lang"):
                    target["lang"] = custom["lang"]
                    target["dir"] = custom.get("dir", "ltr")
            continue
        messages.append(
            {
                "text": item.get("text") or "",
                "buttons": [
                    {"title": b.get("title", ""), "payload": b.get("payload", "")}
                    for b in item.get("buttons") or []
                ],
                "article": None,
                "lang": default_lang,
                "dir": "ltr",
            }
        )
        if isinstance(custom, dict):
            messages[-1]["article"] = custom.get("article")
            if custom.get("lang"):
                messages[-1]["lang"] = custom["lang"]
                messages[-1]["dir"] = custom.get("dir", "ltr")
    return messages


class RasaGateway:
    """Sends a detainee's message as that detainee, and lists the buttons Rasa offered."""

    def __init__(self, client: aiohttp.ClientSession, base_url: str, token: str) -> None:
        self.client = client
        self.base_url = base_url.rstrip("/")
        self.token = token

    async def send(self, sender: str, message: str, language: str) -> list[dict[str, Any]]:
        url = f"{self.base_url}/webhooks/rest/webhook"
        body = {"sender": sender, "message": message, "metadata": {"language": language}}
        try:
            async with self.client.post(
                url,
                json=body,
                params={"token": self.token},
                timeout=aiohttp.ClientTimeout(total=60),
            ) as response:
                if response.status != 200:
                    raise AssistantUnavailable(f"Rasa answered {response.status}")
                return await response.json()
        except (aiohttp.ClientError, TimeoutError) as error:
            raise AssistantUnavailable(str(error)) from error

    async def offered_payloads(self, sender: str) -> set[str]:
        """Payloads of the buttons in the assistant's recent messages to this sender."""
        url = f"{self.base_url}/conversations/{quote(sender, safe='')}/tracker"
        try:
            async with self.client.get(
                url, params={"token": self.token}, timeout=aiohttp.ClientTimeout(total=20)
            ) as response:
                if response.status != 200:
                    raise AssistantUnavailable(f"Rasa answered {response.status}")
                tracker = await response.json()
        except (aiohttp.ClientError, TimeoutError) as error:
            raise AssistantUnavailable(str(error)) from error
        payloads: set[str] = set()
        for event in (tracker.get("events") or [])[-OFFER_WINDOW:]:
            if event.get("event") == "bot":
                for button in (event.get("data") or {}).get("buttons") or []:
                    payloads.add(button.get("payload", ""))
        return payloads
