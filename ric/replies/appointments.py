"""Replies about spreekuren: choosing a partner and a time, confirming, listing, cancelling."""

from __future__ import annotations

from typing import Any

from ric.protocol import choice, payload
from ric.replies.conversation import main_menu
from ric.replies.guidance import partner_kind_name
from ric.replies.render import Context, Reply, reply

# Parameters of a spreekuur, as actions send them: id, partner (name), kind, starts_at
# (ISO, UTC), room, free (places) and, for a booking, booking (id).
Spreekuur = dict[str, Any]


def describe(ctx: Context, item: Spreekuur) -> str:
    """'Gemeente Demo, dinsdag 3 december, 10:00 (RIC)'."""
    return f"{item['partner']}, {ctx.day_time(item['starts_at'])} ({item['room']})"


def handoff_button(ctx: Context, message: Reply) -> Reply:
    _ = ctx.gettext
    return message.button(_("Vraag een medewerker"), payload("human_handoff"))


@reply("booking_choose_partner")
def booking_choose_partner(ctx: Context, kinds: list[str]) -> Reply:
    _ = ctx.gettext
    message = Reply(_("Met wie wil je een afspraak maken?"))
    for kind in kinds:
        label = partner_kind_name(ctx, kind)
        message.button(
            label[:1].upper() + label[1:], payload("book_appointment", partner_kind=kind)
        )
    return message


@reply("booking_no_sessions")
def booking_no_sessions(ctx: Context) -> Reply:
    _ = ctx.gettext
    message = Reply(
        _(
            "Er zijn nu geen spreekuren gepland waar je je voor kunt aanmelden. Een medewerker van het RIC kan je helpen."
        )
    )
    return handoff_button(ctx, message)


@reply("booking_offer")
def booking_offer(ctx: Context, kind: str, sessions: list[Spreekuur]) -> Reply:
    """The next free spreekuren of a kind of partner, one button each."""
    _ = ctx.gettext
    message = Reply(
        _("Dit zijn de eerste vrije spreekuren van {partner}. Kies een tijd.").format(
            partner=partner_kind_name(ctx, kind)
        )
    )
    for item in sessions:
        message.button(
            f"{ctx.day_time(item['starts_at'])} · {item['partner']}", choice(f"book:{item['id']}")
        )
    message.button(_("Andere partner"), payload("book_appointment"))
    return message


@reply("booking_none_free")
def booking_none_free(ctx: Context, kind: str, next_session: Spreekuur | None = None) -> Reply:
    _ = ctx.gettext
    partner = partner_kind_name(ctx, kind)
    if next_session is not None:
        text = _(
            "Er is geen plek meer vrij bij {partner}. Het volgende spreekuur is op {when}, maar dat is vol."
        ).format(partner=partner, when=ctx.day_time(next_session["starts_at"]))
    else:
        text = _("Er is nog geen spreekuur van {partner} gepland.").format(partner=partner)
    text += " " + _("Wil je dat een medewerker je helpt?")
    message = handoff_button(ctx, Reply(text))
    message.button(_("Andere partner"), payload("book_appointment"))
    return message


@reply("booking_confirm")
def booking_confirm(ctx: Context, spreekuur: Spreekuur) -> Reply:
    _ = ctx.gettext
    message = Reply(
        _("Wil je deze afspraak maken? {spreekuur}").format(spreekuur=describe(ctx, spreekuur))
    )
    message.button(_("Ja, maak de afspraak"), choice(f"bookok:{spreekuur['id']}"))
    message.button(_("Nee"), choice("bookno"))
    return message


@reply("booking_done")
def booking_done(ctx: Context, spreekuur: Spreekuur) -> Reply:
    _ = ctx.gettext
    text = _(
        "Je afspraak staat: {spreekuur}. Ik heb er een taak van gemaakt. Een medewerker haalt je op tijd op."
    ).format(spreekuur=describe(ctx, spreekuur))
    message = Reply(text)
    message.button(_("Mijn afspraken"), payload("my_appointments"))
    return message


@reply("booking_refused")
def booking_refused(ctx: Context, reason: str) -> Reply:
    """A booking the store refused, in plain words, with a way on."""
    _ = ctx.gettext
    reasons = {
        "SessionFull": _("Dit spreekuur is net vol geraakt."),
        "SessionInPast": _("Dit spreekuur is al geweest."),
        "TooLateToBook": _(
            "Dit spreekuur begint te snel. Aanmelden kan tot een paar uur van tevoren."
        ),
        "AlreadyBooked": _("Je staat al ingeschreven voor dit spreekuur."),
        "PartnerLimitReached": _(
            "Je hebt al een afspraak bij deze partner. Zeg die eerst af als je wilt verzetten."
        ),
        "SessionCancelled": _("Dit spreekuur gaat niet door."),
        "SessionNotFound": _("Dit spreekuur kan ik niet vinden."),
        "NotOffered": _("Kies een tijd uit de knoppen die ik je net gaf."),
    }
    message = Reply(reasons.get(reason, reasons["SessionNotFound"]) + " " + _("Kies iets anders:"))
    message.button(_("Andere tijd kiezen"), payload("book_appointment"))
    message.button(_("Mijn afspraken"), payload("my_appointments"))
    return message


@reply("booking_declined")
def booking_declined(ctx: Context) -> Reply:
    _ = ctx.gettext
    return main_menu(ctx, Reply(_("Oké, ik heb geen afspraak gemaakt.")))


@reply("appointments")
def appointments(ctx: Context, items: list[Spreekuur]) -> Reply:
    _ = ctx.gettext
    if not items:
        message = Reply(_("Je hebt geen afspraken."))
        return message.button(_("Afspraak maken"), payload("book_appointment"))
    lines = [_("Je afspraken:")] + [f"• {describe(ctx, item)}" for item in items]
    message = Reply("\n".join(lines))
    message.button(_("Afspraak afzeggen of verzetten"), payload("cancel_appointment"))
    message.button(_("Afspraak maken"), payload("book_appointment"))
    return message


@reply("cancel_choose")
def cancel_choose(ctx: Context, items: list[Spreekuur]) -> Reply:
    _ = ctx.gettext
    if not items:
        message = Reply(_("Je hebt geen afspraken om af te zeggen."))
        return message.button(_("Afspraak maken"), payload("book_appointment"))
    message = Reply(_("Welke afspraak wil je afzeggen?"))
    for item in items:
        message.button(describe(ctx, item), choice(f"cancel:{item['booking']}"))
    return message


@reply("cancel_confirm")
def cancel_confirm(ctx: Context, spreekuur: Spreekuur) -> Reply:
    _ = ctx.gettext
    message = Reply(
        _("Wil je deze afspraak afzeggen? {spreekuur}").format(spreekuur=describe(ctx, spreekuur))
    )
    message.button(_("Ja, afzeggen"), choice(f"cancelok:{spreekuur['booking']}"))
    message.button(_("Nee, laten staan"), choice("cancelno"))
    return message


@reply("cancel_done")
def cancel_done(ctx: Context, kind: str) -> Reply:
    _ = ctx.gettext
    message = Reply(
        _(
            "Je afspraak is afgezegd. De plek is vrij voor iemand anders. Wil je een nieuwe tijd kiezen?"
        )
    )
    message.button(_("Nieuwe tijd kiezen"), payload("book_appointment", partner_kind=kind))
    message.button(_("Nee, bedankt"), payload("thank"))
    return message


@reply("cancel_refused")
def cancel_refused(ctx: Context) -> Reply:
    _ = ctx.gettext
    message = Reply(
        _("Deze afspraak kan ik niet afzeggen. Misschien is hij al voorbij of al afgezegd.")
    )
    return message.button(_("Mijn afspraken"), payload("my_appointments"))


@reply("cancel_kept")
def cancel_kept(ctx: Context) -> Reply:
    _ = ctx.gettext
    return main_menu(ctx, Reply(_("Oké, je afspraak blijft staan.")))


@reply("session_cancelled_notice")
def session_cancelled_notice(ctx: Context, items: list[Spreekuur]) -> Reply:
    _ = ctx.gettext
    lines = [_("Let op: het RIC heeft dit spreekuur afgezegd:")]
    lines += [f"• {describe(ctx, item)}" for item in items]
    lines.append(_("Je kunt een nieuwe afspraak maken."))
    message = Reply("\n".join(lines))
    return message.button(
        _("Afspraak maken"), payload("book_appointment", partner_kind=items[0]["kind"])
    )
