"""Conversations through the guided flows, checked in the case store afterwards."""

import pytest
from sqlalchemy import select

from ric.store import queries
from ric.store.db import read_scope, session_scope
from ric.store.models import HelpRequest, Task
from tests.conversations.conftest import buttons, texts

pytestmark = pytest.mark.rasa


def _status(bot, sender, condition):
    with read_scope(bot.sessions) as session:
        detainee = queries.get_detainee(session, sender)
        row = queries.condition_statuses(session, detainee)[condition]
        return row.status, row.current_step


def _press(bot, sender, messages, index=0):
    """Presses the index-th flow button of the last message that has buttons."""
    offered = [b for b in buttons(messages) if b["payload"].startswith("/choose")]
    return bot.say(sender, offered[index]["payload"])


def test_greeting_introduces_the_assistant_with_the_main_menu(bot):
    """Hello gets a short introduction and buttons for the five conditions and more."""
    messages = bot.say("conv-greet", "hoi")
    assert "RIC-assistent" in texts(messages)
    payloads = [b["payload"] for b in buttons(messages)]
    for intent in (
        "condition_id",
        "condition_housing",
        "condition_income",
        "condition_debts",
        "condition_care",
        "progress",
        "my_tasks",
        "book_appointment",
    ):
        assert f"/{intent}" in payloads
    titles = [b["title"] for b in buttons(messages)]
    assert {"Nederlands", "English", "العربية", "Türkçe", "Polski"} <= set(titles)


def test_id_flow_without_id_creates_a_task_and_ends_in_progress(bot):
    """ID flow: no valid ID -> questions -> task for the casemanager; status in progress."""
    sender = "conv-id"
    messages = bot.say(sender, "mn id is kwijt")
    assert "paspoort" in texts(messages).lower() or "id-kaart" in texts(messages).lower()
    assert _status(bot, sender, "id") == ("in_progress", "has_id")
    answers = 0
    while _status(bot, sender, "id")[1] is not None and answers < 15:
        offered = [b for b in buttons(messages) if b["payload"].startswith("/choose")]
        no = [b for b in offered if b["payload"].endswith(':no"}')]
        messages = bot.say(sender, (no or offered)[-1]["payload"])
        answers += 1
    status, step = _status(bot, sender, "id")
    assert step is None and status in ("in_progress", "done")
    with read_scope(bot.sessions) as session:
        detainee = queries.get_detainee(session, sender)
        tasks = queries.list_tasks(session, detainee)
    assert tasks and all(task.condition == "id" and task.due_date for task in tasks)
    assert "Nieuwe taak" in texts(messages) or answers > 1


@pytest.mark.parametrize(
    "condition,opening",
    [
        ("housing", "k heb geen huis meer"),
        ("income", "ik moet werk hebben als ik vrij kom"),
        ("debts", "ik zit diep in de schulden"),
        ("care", "ik wil mijn zorgverzekering regelen"),
    ],
)
def test_every_condition_flow_can_be_walked_to_an_end(bot, condition, opening):
    """Each flow starts from a need in plain words and ends with a status."""
    sender = f"conv-walk-{condition}"
    messages = bot.say(sender, opening)
    assert _status(bot, sender, condition)[0] == "in_progress"
    for _ in range(15):
        if _status(bot, sender, condition)[1] is None:
            break
        messages = _press(bot, sender, messages, index=-1)
    status, step = _status(bot, sender, condition)
    assert step is None
    assert status in ("in_progress", "done", "not_applicable")
    assert "Wat wil je nu doen?" in texts(messages)


def test_stop_pauses_and_the_flow_resumes_where_it_was(bot):
    """'laat maar' stops the flow; asking again resumes at the same question."""
    sender = "conv-resume"
    first = bot.say(sender, "ik heb schulden")
    _, step = _status(bot, sender, "debts")
    stopped = bot.say(sender, "laat maar")
    assert "stoppen" in texts(stopped)
    assert _status(bot, sender, "debts")[1] == step
    assert bot.tracker(sender).get_slot("flow") is None
    resumed = bot.say(sender, "ik wil verder met mijn schulden")
    assert "waar we waren" in texts(resumed)
    question = [m for m in first if m.get("buttons")][-1]["text"]
    assert question in texts(resumed)


def test_help_in_a_flow_keeps_the_flow_and_repeats_the_question(bot):
    sender = "conv-help"
    first = bot.say(sender, "ik heb geen huis na mijn vrijlating")
    question = [m for m in first if m.get("buttons")][-1]["text"]
    messages = bot.say(sender, "help")
    assert "Typ 'stop'" in texts(messages)
    assert question in texts(messages)
    assert bot.tracker(sender).get_slot("flow") == "housing"


def test_out_of_scope_in_a_flow_says_what_the_assistant_does_and_goes_on(bot):
    sender = "conv-oos"
    first = bot.say(sender, "ik heb geen inkomen als ik vrijkom")
    question = [m for m in first if m.get("buttons")][-1]["text"]
    messages = bot.say(sender, "wie wint de champions league")
    assert "niet mee helpen" in texts(messages)
    assert question in texts(messages)


def test_safety_mid_flow_alerts_staff_and_names_113(bot):
    """A message about suicide in the middle of a flow fires the safety response."""
    sender = "conv-safety"
    bot.say(sender, "ik wil mijn zorgverzekering regelen")
    messages = bot.say(sender, "ik wil niet meer leven")
    assert "113" in texts(messages) and "medewerker" in texts(messages)
    with read_scope(bot.sessions) as session:
        detainee = queries.get_detainee(session, sender)
        alerts = session.scalars(
            select(HelpRequest).where(HelpRequest.detainee_id == detainee.id)
        ).all()
    assert [(a.kind, a.reason) for a in alerts] == [("urgent", "safety")]
    assert "niet meer leven" in alerts[0].message


def test_human_handoff_creates_one_help_request_and_is_honest_about_when(bot):
    sender = "conv-handoff"
    messages = bot.say(sender, "ik wil een medewerker spreken")
    assert "weet niet precies wanneer" in texts(messages)
    bot.say(sender, "kan er iemand van het ric komen")
    with read_scope(bot.sessions) as session:
        detainee = queries.get_detainee(session, sender)
        requests = queries.open_help_requests(session, detainee)
    assert [(r.kind, r.reason) for r in requests] == [("help", "handoff")]


def test_tasks_can_be_listed_and_marked_done(bot):
    """'my tasks' lists open tasks with a done button; pressing it closes the task."""
    sender = "conv-tasks"
    with session_scope(bot.sessions) as session:
        detainee = queries.get_or_create_detainee(session, sender, pi="PI Test")
        queries.create_task(session, detainee, title="Vraag een ID-kaart aan", condition="id")
    messages = bot.say(sender, "wat moet ik nog doen")
    assert "Vraag een ID-kaart aan" in texts(messages)
    done_button = [b for b in buttons(messages) if "task:" in b["payload"]][0]
    messages = bot.say(sender, done_button["payload"])
    assert "staat op klaar" in texts(messages)
    with read_scope(bot.sessions) as session:
        assert (
            session.scalars(select(Task).where(Task.title == "Vraag een ID-kaart aan")).one().status
            == "done"
        )


def test_progress_shows_five_conditions_and_one_next_step(bot):
    sender = "conv-progress"
    bot.say(sender, "mn id is kwijt")
    bot.say(sender, "stop")
    messages = bot.say(sender, "hoe sta ik ervoor")
    text = texts(messages)
    for name in ("ID en DigiD", "Wonen", "Werk en inkomen", "Schulden", "Zorg en verzekering"):
        assert name in text
    assert text.count("Beste volgende stap") == 1
    assert "ga verder met ID en DigiD" in text


def test_a_stale_flow_button_gets_the_current_question(bot):
    sender = "conv-stale"
    first = bot.say(sender, "mn id is kwijt")
    old_button = [b for b in buttons(first) if b["payload"].startswith("/choose")][-1]
    bot.say(sender, old_button["payload"])
    messages = bot.say(sender, old_button["payload"])
    assert "al voorbij" in texts(messages)


def test_progress_survives_a_new_agent_session(bot):
    """Status lives in the store and the SQL tracker store, not in memory."""
    sender = "conv-restart"
    bot.say(sender, "ik heb schulden")
    tracker = bot.tracker(sender)
    assert tracker.get_slot("flow") == "debts"
    assert _status(bot, sender, "debts")[0] == "in_progress"
