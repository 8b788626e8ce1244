"""Replies of the conversation itself: greeting, help, menu, language, handoff, safety."""

from __future__ import annotations

from ric.protocol import choice, condition_intent, payload
from ric.replies.render import Context, Reply, reply
from ric.store.models import CONDITIONS

CONDITION_INTENTS = {condition: condition_intent(condition) for condition in CONDITIONS}

# The fixed bar of the kiosk (always on screen, outside the chat): its payloads.
BAR_PAYLOADS = {
    "menu": choice("menu"),
    "stop": payload("stop"),
    "handoff": payload("human_handoff"),
}
# Payloads the kiosk may always send, offered or not: the bar and the main menu. Each
# is reachable by typing anyway, so accepting them gives nobody anything new.
ALWAYS_OFFERED = frozenset(
    {
        payload("greet"),
        *BAR_PAYLOADS.values(),
        *(payload(intent) for intent in CONDITION_INTENTS.values()),
        payload("progress"),
        payload("my_tasks"),
        payload("book_appointment"),
        payload("my_appointments"),
    }
)


def condition_name(ctx: Context, condition: str) -> str:
    """The short name of a basic condition, as on its button."""
    _ = ctx.gettext
    names = {
        "id": _("ID en DigiD"),
        "housing": _("Wonen"),
        "income": _("Werk en inkomen"),
        "debts": _("Schulden"),
        "care": _("Zorg en verzekering"),
    }
    return names[condition]


def main_menu(ctx: Context, message: Reply, progress: bool = True) -> Reply:
    """Adds the buttons for the five conditions, progress, tasks and appointments."""
    _ = ctx.gettext
    for condition, intent in CONDITION_INTENTS.items():
        message.button(condition_name(ctx, condition), payload(intent))
    if progress:
        message.button(_("Hoe sta ik ervoor?"), payload("progress"))
    message.button(_("Mijn taken"), payload("my_tasks"))
    message.button(_("Afspraak maken"), payload("book_appointment"))
    return message


def menu_button(ctx: Context, message: Reply) -> Reply:
    """Adds the one button that always leads on: back to the menu."""
    return message.button(ctx.gettext("Menu"), BAR_PAYLOADS["menu"])


def resume_button(ctx: Context, message: Reply, condition: str) -> Reply:
    """Adds the short 'Verder met: Schulden' button that resumes a paused flow."""
    label = ctx.gettext("Verder met: {name}").format(name=condition_name(ctx, condition))
    return message.button(label, payload(CONDITION_INTENTS[condition]))


@reply("greet")
def greet(
    ctx: Context, name: str | None = None, returning: bool = False, flow: str | None = None
) -> Reply:
    """Two short sentences and the menu; a returning detainee in a flow gets that flow."""
    _ = ctx.gettext
    if returning:
        hello = _("Welkom terug, {name}!").format(name=name) if name else _("Welkom terug!")
    else:
        hello = (
            _("Hoi {name}, ik ben de RIC-assistent.").format(name=name)
            if name
            else _("Hoi, ik ben de RIC-assistent.")
        )
    if flow in CONDITION_INTENTS:
        text = _("We gaan verder met {name}, waar je was.").format(name=condition_name(ctx, flow))
        return Reply(hello + " " + text)
    return main_menu(ctx, Reply(hello + " " + _("Waar wil je mee beginnen?")), progress=False)


@reply("menu")
def menu(ctx: Context, resume: str | None = None) -> Reply:
    """The main menu; with a paused flow, first the button that resumes it."""
    _ = ctx.gettext
    message = Reply(_("Waar wil je mee beginnen?"))
    if resume in CONDITION_INTENTS:
        resume_button(ctx, message, resume)
    return main_menu(ctx, message)


@reply("flow_resume_offer")
def flow_resume_offer(ctx: Context, condition: str) -> Reply:
    """After a side question: the open flow offered once as a short button, not asked again."""
    _ = ctx.gettext
    message = Reply(_("Je was bezig met {name}.").format(name=condition_name(ctx, condition)))
    return resume_button(ctx, message, condition)


@reply("language_menu")
def language_menu(ctx: Context, languages: list[str]) -> Reply:
    _ = ctx.gettext
    message = Reply(_("Wil je een andere taal? Kies hier."))
    for code in languages:
        message.button(ctx.language_name(code), choice(f"lang:{code}"))
    return message


@reply("language_changed")
def language_changed(ctx: Context) -> Reply:
    _ = ctx.gettext
    text = _("Goed. We praten nu in het {language}.").format(language=ctx.language_name(ctx.lang))
    return main_menu(ctx, Reply(text + " " + _("Waar wil je mee beginnen?")))


@reply("language_offer")
def language_offer(ctx: Context, detected: str) -> Reply:
    """Asked in the detected language: shall we continue in it?"""
    _ = ctx.gettext
    text = _("Zullen we verder praten in het {language}?").format(
        language=ctx.language_name(detected)
    )
    message = Reply(text)
    message.button(ctx.language_name(detected), choice(f"lang:{detected}"))
    message.button(_("Nee, bedankt"), choice("lang:keep"))
    return message


@reply("help")
def help_reply(ctx: Context, in_flow: bool = False) -> Reply:
    _ = ctx.gettext
    lines = [
        _(
            "Ik kan je helpen met de vijf basisvoorwaarden: ID, wonen, werk en inkomen, schulden en zorg."
        ),
        _("Kies een onderwerp. Ik stel dan korte vragen. Antwoord met de knoppen."),
        _("Onderaan staan altijd de knoppen Menu, Stop en Praat met een medewerker."),
    ]
    if in_flow:
        return Reply(" ".join(lines))
    return main_menu(ctx, Reply(" ".join(lines)))


@reply("out_of_scope")
def out_of_scope(ctx: Context, in_flow: bool = False) -> Reply:
    _ = ctx.gettext
    text = " ".join(
        [
            _("Sorry, daar kan ik je niet mee helpen."),
            _("Ik help met je ID, wonen, werk en inkomen, schulden, zorg en afspraken in het RIC."),
        ]
    )
    if in_flow:
        return Reply(text)
    return main_menu(ctx, Reply(text))


@reply("nothing_to_stop")
def nothing_to_stop(ctx: Context) -> Reply:
    _ = ctx.gettext
    return main_menu(ctx, Reply(_("Oké. Waar kan ik je nog mee helpen?")))


@reply("goodbye")
def goodbye(ctx: Context) -> Reply:
    _ = ctx.gettext
    return menu_button(ctx, Reply(_("Tot ziens! Je taken en voortgang blijven bewaard. Succes!")))


@reply("thanks")
def thanks(ctx: Context) -> Reply:
    _ = ctx.gettext
    return menu_button(ctx, Reply(_("Graag gedaan! Kan ik nog iets voor je doen?")))


@reply("anything_else")
def anything_else(ctx: Context) -> Reply:
    _ = ctx.gettext
    return main_menu(ctx, Reply(_("Waar kan ik je mee helpen?")))


@reply("error")
def error(ctx: Context) -> Reply:
    _ = ctx.gettext
    message = Reply(
        _("Sorry, er ging iets mis. Probeer het nog een keer, of vraag een medewerker van het RIC.")
    )
    message.button(_("Praat met een medewerker"), BAR_PAYLOADS["handoff"])
    return menu_button(ctx, message)


@reply("unknown_sender")
def unknown_sender(ctx: Context) -> Reply:
    """A sender the case store does not know, outside development: nothing is created."""
    _ = ctx.gettext
    return Reply(
        _(
            "Dit registratienummer is hier niet bekend. Vraag een medewerker van het RIC om je "
            "aan te melden."
        )
    )


@reply("handoff")
def handoff(ctx: Context, open_requests: int = 1) -> Reply:
    _ = ctx.gettext
    text = " ".join(
        [
            _("Ik heb je vraag doorgegeven aan de medewerkers van het RIC."),
            _(
                "Ik weet niet precies wanneer iemand komt. Dat is meestal als het RIC open is, op een werkdag."
            ),
            _("Is er nu een medewerker in de ruimte? Vraag het dan ook aan hem of haar."),
        ]
    )
    if open_requests > 1:
        text += " " + _("Je vraag stond al klaar. Je hoeft niets meer te doen.")
    return menu_button(ctx, Reply(text))


# Languages whose speakers may need an interpreter: 113 and the staff speak Dutch.
INTERPRETER_LANGUAGES = frozenset({"ar", "tr", "pl"})


@reply("safety")
def safety(ctx: Context, category: str = "suicide") -> Reply:
    """What to do now, per category of knowledge/safety.yml; says only what the system does."""
    _ = ctx.gettext
    if category not in ("suicide", "threatened", "harm_others"):
        category = "suicide"
    opening = {
        "suicide": _("Wat je schrijft is belangrijk. Je staat er niet alleen voor."),
        "threatened": _(
            "Word je bedreigd of mishandeld? Dat mag niemand met je doen. Je mag het altijd melden."
        ),
        "harm_others": _(
            "Je schrijft dat je iemand iets wilt aandoen. Doe niets en praat er eerst over, voordat er iets gebeurt."
        ),
    }[category]
    parts = [
        opening,
        _(
            "Zeg het nu tegen de medewerker in de ruimte. Is er niemand? Druk dan op de intercom of de oproepknop."
        ),
        _("Ik heb de medewerkers van het RIC een melding gestuurd."),
        _("Ik weet niet hoe snel iemand die melding ziet. Wacht daar dus niet op."),
    ]
    if category == "suicide":
        parts.append(
            _(
                "Denk je aan zelfdoding of wil je jezelf iets aandoen? Je kunt anoniem praten met 113 Zelfmoordpreventie: bel 113 of gratis 0800-0113. Vraag een medewerker om je te helpen bellen."
            )
        )
        if ctx.lang in INTERPRETER_LANGUAGES:
            parts.append(_("Bij 113 spreken ze Nederlands."))
    if ctx.lang in INTERPRETER_LANGUAGES:
        parts.append(_("Een medewerker kan een tolk regelen."))
    message = menu_button(ctx, Reply(" ".join(parts)))
    message.custom = {**message.custom, "safety": category}
    return message
