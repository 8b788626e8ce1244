"""Replies from the knowledge articles: answer, more, simpler, sources, feedback."""

from __future__ import annotations

from ric.replies.conversation import condition_name
from ric.replies.guidance import partner_kind_name
from ric.replies.render import Context, Reply, choice, payload, reply

PARTS = ("answer", "more", "easy")
MAX_RELATED_BUTTONS = 3


@reply("article")
def article(ctx: Context, slug: str, part: str = "answer") -> Reply:
    """An article's short answer (or longer / easier text), its title and its source."""
    _ = ctx.gettext
    found = ctx.content.article(slug)
    if found is None:
        return dont_know(ctx)
    if ctx.lang not in found.texts:
        ctx.warn_pending(f"articles/{slug}")
    text = found.text(ctx.lang)
    part = part if part in PARTS else "answer"
    body = {"answer": text.answer, "more": text.more or text.answer, "easy": text.easy}[part]
    sources = "; ".join(f"{source.org} — {source.title}" for source in found.sources)
    message = Reply(f"{text.title}\n{body}\n\n" + _("Bron: {sources}").format(sources=sources))
    message.custom = {"article": slug, "part": part}
    if part != "more" and text.more:
        message.button(_("Meer uitleg"), choice(f"article:{slug}:more"))
    if part != "easy":
        message.button(_("Eenvoudiger"), choice(f"article:{slug}:easy"))
    for other_slug in found.related[:MAX_RELATED_BUTTONS]:
        other = ctx.content.article(other_slug)
        if other is not None:
            message.button(other.text(ctx.lang).title, choice(f"article:{other_slug}:answer"))
    if found.offer == "flow":
        message.button(
            _("Aan de slag: {name}").format(name=condition_name(ctx, found.condition)),
            payload(f"condition_{found.condition}"),
        )
    elif found.offer:
        message.button(
            _("Afspraak met {partner}").format(partner=partner_kind_name(ctx, found.offer)),
            payload("book_appointment", partner_kind=found.offer),
        )
    return message


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
        return Reply(_("Fijn! Vraag gerust nog iets."))
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
