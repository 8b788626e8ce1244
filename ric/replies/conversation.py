"""Replies of the conversation itself: greeting, help, menu, language, handoff, safety."""

from __future__ import annotations

from ric.replies.render import Context, Reply, choice, payload, reply

CONDITION_INTENTS = {
    "id": "condition_id",
    "housing": "condition_housing",
    "income": "condition_income",
    "debts": "condition_debts",
    "care": "condition_care",
}


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


def main_menu(ctx: Context, message: Reply) -> Reply:
    """Adds the buttons for the five conditions, progress, tasks and appointments."""
    _ = ctx.gettext
    for condition, intent in CONDITION_INTENTS.items():
        message.button(condition_name(ctx, condition), payload(intent))
    message.button(_("Hoe sta ik ervoor?"), payload("progress"))
    message.button(_("Mijn taken"), payload("my_tasks"))
    message.button(_("Afspraak maken"), payload("book_appointment"))
    return message


@reply("greet")
def greet(ctx: Context, name: str | None = None) -> Reply:
    _ = ctx.gettext
    hello = _("Hoi {name}!").format(name=name) if name else _("Hoi!")
    text = " ".join(
        [
            hello,
            _("Ik ben de RIC-assistent. Ik help je om je vrijlating voor te bereiden."),
            _("We kijken samen naar vijf dingen: je ID, wonen, werk en inkomen, schulden en zorg."),
            _("Ik maak taken voor je en je kunt een afspraak maken voor een spreekuur."),
            _("Waar wil je mee beginnen?"),
        ]
    )
    return main_menu(ctx, Reply(text))


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
        _("Typ 'stop' om te stoppen. Typ 'medewerker' als je een mens wilt spreken."),
    ]
    if in_flow:
        lines.append(_("We gaan zo verder met je vraag."))
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
        return Reply(text + " " + _("We gaan verder met je vraag."))
    return main_menu(ctx, Reply(text))


@reply("nothing_to_stop")
def nothing_to_stop(ctx: Context) -> Reply:
    _ = ctx.gettext
    return main_menu(ctx, Reply(_("Oké. Waar kan ik je nog mee helpen?")))


@reply("goodbye")
def goodbye(ctx: Context) -> Reply:
    _ = ctx.gettext
    return Reply(_("Tot ziens! Je taken en voortgang blijven bewaard. Succes!"))


@reply("thanks")
def thanks(ctx: Context) -> Reply:
    _ = ctx.gettext
    return Reply(_("Graag gedaan! Kan ik nog iets voor je doen?"))


@reply("anything_else")
def anything_else(ctx: Context) -> Reply:
    _ = ctx.gettext
    return main_menu(ctx, Reply(_("Waar kan ik je mee helpen?")))


@reply("error")
def error(ctx: Context) -> Reply:
    _ = ctx.gettext
    return Reply(
        _("Sorry, er ging iets mis. Probeer het nog een keer, of vraag een medewerker van het RIC.")
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
    return Reply(text)


@reply("safety")
def safety(ctx: Context) -> Reply:
    _ = ctx.gettext
    text = " ".join(
        [
            _("Wat je schrijft is belangrijk. Praat nu meteen met een medewerker."),
            _("Ik heb de medewerkers van het RIC een melding gestuurd."),
            _(
                "Denk je aan zelfmoord? Je kunt anoniem praten met 113 Zelfmoordpreventie: bel 113 of 0800-0113 (gratis)."
            ),
            _("Vraag een medewerker om je te helpen bellen."),
        ]
    )
    return Reply(text)
