"""Replies of the guided flows, progress and tasks; long texts come from the flow files."""

from __future__ import annotations

from typing import Any

from ric.content.flows import Flow, Step
from ric.protocol import choice, condition_intent, payload
from ric.replies.conversation import condition_name, main_menu, menu_button
from ric.replies.render import Context, Reply, reply

# Plain symbols that common fonts have (a RIC terminal may have no emoji font).
STATUS_ICONS = {"not_started": "○", "in_progress": "◐", "done": "✓", "not_applicable": "–"}


def status_name(ctx: Context, status: str) -> str:
    _ = ctx.gettext
    return {
        "not_started": _("nog niet begonnen"),
        "in_progress": _("bezig"),
        "done": _("klaar"),
        "not_applicable": _("niet nodig"),
    }[status]


def status_label(ctx: Context, status: str, open_tasks: int = 0) -> str:
    """A status as the detainee reads it: 'klaar' only when no task of it is open."""
    _ = ctx.gettext
    if status == "done" and open_tasks == 1:
        return _("nog 1 taak")
    if status == "done" and open_tasks > 1:
        return _("nog {count} taken").format(count=open_tasks)
    return status_name(ctx, status)


def shown_status(status: str, open_tasks: int = 0) -> str:
    """The status whose icon is shown: a 'done' condition with open tasks is in progress."""
    return "in_progress" if status == "done" and open_tasks else status


def due_text(ctx: Context, due: str | None) -> str:
    """'vóór dinsdag 3 december', or 'zo snel mogelijk' when there is no date to keep."""
    _ = ctx.gettext
    return _("vóór {date}").format(date=ctx.date(due)) if due else _("zo snel mogelijk")


def _flow_text(ctx: Context, flow: Flow, text: Any, where: str) -> str:
    return ctx.pick(text, flow.pending, f"flows/{flow.condition}.{where}")


def option_label(ctx: Context, flow: Flow, step: Step, option_id: str) -> str:
    """The button text of an option; yes/no without a label read Ja/Nee from the catalog."""
    _ = ctx.gettext
    option = step.option(option_id)
    if option is not None and option.label:
        return _flow_text(ctx, flow, option.label, f"{step.id}.{option_id}")
    return _("Ja") if option_id == "yes" else _("Nee")


def task_title(ctx: Context, condition: str | None, key: str | None, fallback: str) -> str:
    """A task's title in the user's language when it came from a flow, else as stored."""
    if condition and key:
        flow = ctx.content.flow(condition)
        for step in flow.steps.values():
            if step.task is not None and step.task.key == key:
                return _flow_text(ctx, flow, step.task.title, f"{step.id}.task")
    return fallback


def item_title(ctx: Context, item: dict[str, Any]) -> str:
    """The title of a task item as actions send it; a spreekuur task names partner and time."""
    _ = ctx.gettext
    spreekuur = item.get("spreekuur")
    if spreekuur:
        return _("Ga naar het spreekuur van {partner} op {when}").format(
            partner=spreekuur["partner"], when=ctx.day_time(spreekuur["starts_at"])
        )
    return task_title(ctx, item.get("condition"), item.get("key"), item["title"])


def partner_kind_name(ctx: Context, kind: str) -> str:
    _ = ctx.gettext
    return {
        "gemeente": _("de gemeente"),
        "reclassering": _("de reclassering"),
        "zorgaanbieder": _("een zorgverlener"),
        "schuldhulp": _("de schuldhulp"),
        "uwv": _("het UWV"),
        "juridisch_loket": _("het Juridisch Loket"),
        "vrijwilligers": _("de vrijwilligers"),
    }[kind]


@reply("flow_intro")
def flow_intro(ctx: Context, condition: str, resumed: bool = False) -> Reply:
    _ = ctx.gettext
    flow = ctx.content.flow(condition)
    title = _flow_text(ctx, flow, flow.title, "title")
    if resumed:
        return Reply(_("We gaan verder met {title}, waar we waren gebleven.").format(title=title))
    return Reply(f"{title}. " + _flow_text(ctx, flow, flow.intro, "intro"))


@reply("flow_step")
def flow_step(
    ctx: Context, condition: str, step: str, booking_offers: list[str] | None = None
) -> Reply:
    """A step: its text, and for a question why it matters and one button per option."""
    _ = ctx.gettext
    flow = ctx.content.flow(condition)
    current = flow.steps[step]
    text = _flow_text(ctx, flow, current.text, f"{step}.text")
    if current.why:
        text += "\n" + _("Waarom?") + " " + _flow_text(ctx, flow, current.why, f"{step}.why")
    message = Reply(text)
    for option in current.options:
        message.button(
            option_label(ctx, flow, current, option.id),
            choice(f"flow:{condition}:{step}:{option.id}"),
        )
    for kind in booking_offers or ():
        message.button(
            _("Afspraak met {partner}").format(partner=partner_kind_name(ctx, kind)),
            payload("book_appointment", partner_kind=kind),
        )
    return message


@reply("task_created")
def task_created(
    ctx: Context, condition: str, key: str, title: str, due: str | None = None
) -> Reply:
    _ = ctx.gettext
    text = _("Nieuwe taak: {title}.").format(title=task_title(ctx, condition, key, title))
    if due:
        text += " " + _("Doe dit vóór {date}.").format(date=ctx.date(due))
    else:
        text += " " + _("Doe dit zo snel mogelijk.")
    return Reply(text)


@reply("flow_end")
def flow_end(ctx: Context, condition: str, status: str, open_tasks: int = 0) -> Reply:
    _ = ctx.gettext
    text = _("{condition}: {status}.").format(
        condition=condition_name(ctx, condition), status=status_label(ctx, status, open_tasks)
    )
    message = Reply(text + " " + _("Wat wil je nu doen?"))
    return main_menu(ctx, message)


@reply("flow_stopped")
def flow_stopped(ctx: Context, condition: str) -> Reply:
    _ = ctx.gettext
    name = condition_name(ctx, condition)
    text = _(
        "Oké, we stoppen. Ik onthoud waar we waren. Kies later weer '{name}' om verder te gaan."
    )
    return main_menu(ctx, Reply(text.format(name=name)))


@reply("flow_stale")
def flow_stale(ctx: Context) -> Reply:
    _ = ctx.gettext
    return Reply(_("Die vraag is al voorbij. Dit is de vraag van nu:"))


@reply("flow_not_understood")
def flow_not_understood(ctx: Context) -> Reply:
    _ = ctx.gettext
    return Reply(_("Ik begreep je antwoord niet. Kies een van de knoppen."))


@reply("flow_restart")
def flow_restart(ctx: Context, condition: str, status: str) -> Reply:
    _ = ctx.gettext
    text = _("{condition} staat op '{status}'. We lopen de vragen nog een keer door.")
    return Reply(
        text.format(condition=condition_name(ctx, condition), status=status_name(ctx, status))
    )


@reply("progress")
def progress(
    ctx: Context,
    statuses: dict[str, str],
    next_condition: str | None = None,
    next_task: dict[str, Any] | None = None,
    open_tasks: dict[str, int] | None = None,
) -> Reply:
    """The five conditions with their status, and the single most useful next step."""
    _ = ctx.gettext
    lines = [_("Zo sta je ervoor:")]
    for condition, status in statuses.items():
        count = (open_tasks or {}).get(condition, 0)
        icon = STATUS_ICONS[shown_status(status, count)]
        label = status_label(ctx, status, count)
        lines.append(f"{icon} {condition_name(ctx, condition)}: {label}")
    message = Reply("\n".join(lines))
    if next_condition is not None:
        name = condition_name(ctx, next_condition)
        if statuses.get(next_condition) == "in_progress":
            advice = _("Beste volgende stap: ga verder met {name}.")
        else:
            advice = _("Beste volgende stap: begin met {name}.")
        message.text += "\n\n" + advice.format(name=name)
        message.button(name, payload(condition_intent(next_condition)))
    elif next_task is not None:
        title = item_title(ctx, next_task)
        message.text += "\n\n" + _("Beste volgende stap: {title}.").format(title=title)
        message.button(_("Mijn taken"), payload("my_tasks"))
    else:
        message.text += "\n\n" + _("Alles is op orde. Goed gedaan!")
        menu_button(ctx, message)
    return message


@reply("tasks")
def tasks(ctx: Context, items: list[dict[str, Any]]) -> Reply:
    """The open tasks with due dates, each with a 'Klaar: <title>' button to mark it done."""
    _ = ctx.gettext
    if not items:
        return main_menu(ctx, Reply(_("Je hebt geen open taken.")))
    lines = [_("Je open taken:")]
    message = Reply("")
    for item in items:
        title = item_title(ctx, item)
        lines.append(f"• {title} — {due_text(ctx, item.get('due'))}")
        message.button(_("Klaar: {title}").format(title=short(title)), choice(f"task:{item['id']}"))
    lines.append(_("Heb je een taak gedaan? Kies dan de knop met 'Klaar' en de taak."))
    message.text = "\n".join(lines)
    return menu_button(ctx, message)


def short(title: str, limit: int = 48) -> str:
    """A title short enough for a button, cut at a word."""
    if len(title) <= limit:
        return title
    return title[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


@reply("task_done")
def task_done(ctx: Context, condition: str | None, key: str | None, title: str) -> Reply:
    _ = ctx.gettext
    text = _("Goed zo! '{title}' staat op klaar.").format(
        title=task_title(ctx, condition, key, title)
    )
    message = Reply(text)
    message.button(_("Mijn taken"), payload("my_tasks"))
    message.button(_("Hoe sta ik ervoor?"), payload("progress"))
    return message


@reply("task_not_found")
def task_not_found(ctx: Context) -> Reply:
    _ = ctx.gettext
    message = Reply(_("Die taak kan ik niet vinden. Hier zijn je taken."))
    message.button(_("Mijn taken"), payload("my_tasks"))
    return menu_button(ctx, message)
