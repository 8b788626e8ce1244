"""Replies from the knowledge articles: answer, more, simpler, sources, feedback."""

from __future__ import annotations

import re

from ric.content.articles import ARTICLE_CONDITIONS
from ric.protocol import choice, condition_intent, payload
from ric.replies.conversation import condition_name, menu_button
from ric.replies.guidance import partner_kind_name
from ric.replies.render import Context, Reply, reply

PARTS = ("answer", "more", "easy")
MAX_RELATED_BUTTONS = 3
SENTENCES_PER_CHUNK = 3
SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")


def chunks(text: str, size: int = SENTENCES_PER_CHUNK) -> list[str]:
    """The text in pieces of at most `size` sentences; a line break stays a line break."""
    pieces: list[str] = []
    current: list[str] = []
    count = 0
    for line in text.splitlines():
        sentences = [s for s in SENTENCE_END.split(line.strip()) if s]
        for index, sentence in enumerate(sentences):
            if count == size:
                pieces.append("".join(current).strip())
                current, count = [], 0
            separator = "\n" if index == 0 and current else " " if current else ""
            current.append(separator + sentence)
            count += 1
    if current:
        pieces.append("".join(current).strip())
    return pieces or [text.strip()]


def source_orgs(found) -> str:  # noqa: ANN001 - an Article
    """The organisations behind an article, each once: 'Logius; Gemeente'."""
    return "; ".join(dict.fromkeys(source.org for source in found.sources))


@reply("article")
def article(
    ctx: Context, slug: str, part: str = "answer", page: int = 0, flow: str | None = None
) -> Reply:
    """An article's short answer (or longer / easier text) in chunks, with a short source;
    `flow` (a condition) adds a button to go through that condition step by step."""
    _ = ctx.gettext
    found = ctx.content.article(slug)
    if found is None:
        return dont_know(ctx)
    if ctx.lang not in found.texts:
        ctx.warn_pending(f"articles/{slug}")
    text = found.text(ctx.lang)
    part = part if part in PARTS else "answer"
    body = {"answer": text.answer, "more": text.more or text.answer, "easy": text.easy}[part]
    pieces = chunks(body)
    page = page if isinstance(page, int) and 0 <= page < len(pieces) else 0
    source_line = _("Bron: {sources}").format(sources=source_orgs(found))
    heading = text.title if page == 0 else f"{text.title} ({page + 1}/{len(pieces)})"
    message = Reply(f"{heading}\n{pieces[page]}\n\n{source_line}")
    message.custom = {"article": slug, "part": part}
    if page + 1 < len(pieces):
        message.button(_("Verder lezen"), choice(f"article:{slug}:{part}:{page + 1}"))
    message.button(_("Bron"), choice(f"article:{slug}:source"))
    if part != "more" and text.more:
        message.button(_("Meer uitleg"), choice(f"article:{slug}:more"))
    if part != "easy":
        message.button(_("Eenvoudiger"), choice(f"article:{slug}:easy"))
    for other_slug in found.related[:MAX_RELATED_BUTTONS]:
        other = ctx.content.article(other_slug)
        if other is not None:
            message.button(other.text(ctx.lang).title, choice(f"article:{other_slug}:answer"))
    flow = found.condition if found.offer == "flow" else flow
    if flow in ARTICLE_CONDITIONS and flow != "general":
        message.button(
            _("Aan de slag: {name}").format(name=condition_name(ctx, flow)),
            payload(condition_intent(flow)),
        )
    if found.offer and found.offer != "flow":
        message.button(
            _("Afspraak met {partner}").format(partner=partner_kind_name(ctx, found.offer)),
            payload("book_appointment", partner_kind=found.offer),
        )
    return message


@reply("article_source")
def article_source(ctx: Context, slug: str) -> Reply:
    """The sources of an article: organisation and the page's own (Dutch) title."""
    _ = ctx.gettext
    found = ctx.content.article(slug)
    if found is None:
        return dont_know(ctx)
    lines = [_("Bron") + ":"]
    for source in found.sources:
        line = f"• {source.org}: {source.title}"
        lines.append(f"{line} ({source.url})" if source.url else line)
    return menu_button(ctx, Reply("\n".join(lines)))


@reply("feedback_ask")
def feedback_ask(ctx: Context, slug: str) -> Reply:
    _ = ctx.gettext
    message = Reply(_("Heeft dit je geholpen?"))
    message.button(_("Ja"), choice(f"feedback:{slug}:yes"))
    message.button(_("Nee"), choice(f"feedback:{slug}:no"))
    return message


@reply("feedback_thanks")
def feedback_thanks(ctx: Context, helpful: bool) -> Reply:
    _ = ctx.gettext
    if helpful:
        return menu_button(ctx, Reply(_("Fijn! Vraag gerust nog iets.")))
    message = Reply(
        _("Jammer. Ik geef het door, zodat we het antwoord beter maken. Wil je iemand spreken?")
    )
    message.button(_("Vraag een medewerker"), payload("human_handoff"))
    message.button(_("Afspraak maken"), payload("book_appointment"))
    return message


@reply("dont_know")
def dont_know(ctx: Context) -> Reply:
    _ = ctx.gettext
    message = Reply(
        _(
            "Dat weet ik niet zeker, en ik wil je niets verkeerds vertellen. Ik heb je vraag bewaard voor de medewerkers. Wil je iemand spreken of een afspraak maken?"
        )
    )
    message.button(_("Vraag een medewerker"), payload("human_handoff"))
    message.button(_("Afspraak maken"), payload("book_appointment"))
    return message
