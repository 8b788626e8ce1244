"""The portal's only way to the assistant: Rasa's signed channel (ric.rasa_channel).

Every message is signed with RASA_CHANNEL_SECRET (ric.signing); the offered buttons are
read from Rasa's token-protected HTTP API.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

import aiohttp

from ric import signing

# Slashes and what looks like one: solidus, full-width, fraction and division slash,
# big solidus and the box-drawing diagonal.
SLASHES = frozenset("/\uff0f\u2044\u2215\u29f8\u2571\u1735\u2cc6\u3033")
SIGNED_WEBHOOK = "/webhooks/ric/webhook"


class AssistantUnavailable(Exception):
    """Rasa did not answer (not started, restarting, or an error)."""


def _ignorable(char: str) -> bool:
    return char in SLASHES or char.isspace() or unicodedata.category(char) in ("Cf", "Cc")


def free_text(text: str) -> str:
    """Typed text never reaches Rasa as an intent payload: every leading slash is removed,
    also after spaces or invisible characters and in look-alike forms (full-width '／')."""
    start = 0
    while start < len(text) and _ignorable(text[start]):
        start += 1
    return text[start:].strip()


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
                if custom.get("safety"):
                    target["safety"] = custom["safety"]
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
            if custom.get("safety"):
                messages[-1]["safety"] = custom["safety"]  # suicide | threatened | harm_others
            if custom.get("lang"):
                messages[-1]["lang"] = custom["lang"]
                messages[-1]["dir"] = custom.get("dir", "ltr")
    return messages


class RasaGateway:
    """Sends a detainee's message to Rasa as that detainee (signed)."""

    def __init__(
        self, client: aiohttp.ClientSession, base_url: str, token: str, channel_secret: str
    ) -> None:
        self.client = client
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.channel_secret = channel_secret

    async def send(self, sender: str, message: str, language: str) -> list[dict[str, Any]]:
        """Sends one signed message as this sender; Rasa's answer as the REST channel's list."""
        url = f"{self.base_url}{SIGNED_WEBHOOK}"
        body = json.dumps(
            {"sender": sender, "message": message, "metadata": {"language": language}}
        ).encode()
        headers = signing.sign(self.channel_secret, sender, body)
        headers["Content-Type"] = "application/json"
        try:
            async with self.client.post(
                url,
                data=body,
                headers=headers,
                timeout=aiohttp.ClientTimeout(total=60),
            ) as response:
                if response.status != 200:
                    raise AssistantUnavailable(f"Rasa answered {response.status}")
                answer = await response.json()
        except (aiohttp.ClientError, TimeoutError, ValueError) as error:
            raise AssistantUnavailable(str(error)) from error
        if not isinstance(answer, list) or not all(isinstance(m, dict) for m in answer):
            raise AssistantUnavailable("Rasa's answer is not a list of messages")
        return answer
