"""Conversations through the guided flows, checked in the case store afterwards."""

import datetime as dt
import re

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
    """Hello: at most two short sentences, the five conditions, tasks and booking; no more."""
    messages = bot.say("conv-greet", "hoi")
    assert "RIC-assistent" in texts(messages)
    assert len(re.findall(r"[.!?]", texts(messages))) <= 2
    payloads = [b["payload"] for b in buttons(messages)]
    assert payloads == [
        "/condition_id",
        "/condition_housing",
        "/condition_income",
        "/condition_debts",
        "/condition_care",
        "/my_tasks",
        "/book_appointment",
    ]


def test_a_returning_detainee_is_welcomed_back_at_the_open_question(bot):
    """Signing in again mid-flow: 'Welkom terug' and the question, without the menu."""
    sender = "conv-return"
    first = bot.say(sender, "ik heb schulden")
    question = [m for m in first if m.get("buttons")][-1]["text"]
    messages = bot.say(sender, "/greet")
    assert messages[0]["text"].startswith("Welkom terug")
    assert question in texts(messages)
    assert not any(b["payload"] == "/condition_id" for b in buttons(messages))


def test_id_flow_without_id_creates_a_task_and_ends_in_progress(bot):
    """ID flow: no valid ID -> questions -> task for the casemanager; status in progress."""
    sender = "conv-id"
    messages = bot.say(sender, "mn id is kwijt")
    assert "paspoort" in texts(messages).lower() or "id-kaart" in texts(messages).lower()
    assert _status(bot, sender, "id") == ("in_progress", "has_id")
    answers = 0
    said = list(messages)
    while _status(bot, sender, "id")[1] is not None and answers < 15:
        offered = [b for b in buttons(messages) if b["payload"].startswith("/choose")]
        no = [b for b in offered if b["payload"].endswith(':no"}')]
        messages = bot.say(sender, (no or offered)[-1]["payload"])
        said += messages
        answers += 1
    status, step = _status(bot, sender, "id")
    assert step is None and status in ("in_progress", "done")
    with read_scope(bot.sessions) as session:
        detainee = queries.get_detainee(session, sender)
        tasks = queries.list_tasks(session, detainee)
    # No release date known: no made-up deadline, but "zo snel mogelijk".
    assert tasks and all(task.condition == "id" for task in tasks)
    assert all(task.due_date is None or task.due_date > dt.date.today() for task in tasks)
    assert "Nieuwe taak" in texts(said)  # the detainee was told when the task was made


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


def test_help_in_a_flow_keeps_the_flow_and_offers_it_as_one_button(bot):
    """Help mid-flow names the fixed bar and offers 'Verder met: Wonen', not the question."""
    sender = "conv-help"
    first = bot.say(sender, "ik heb geen huis na mijn vrijlating")
    question = [m for m in first if m.get("buttons")][-1]["text"]
    messages = bot.say(sender, "help")
    assert "Praat met een medewerker" in texts(messages)
    assert question not in texts(messages)
    assert {"title": "Verder met: Wonen", "payload": "/condition_housing"} in buttons(messages)
    assert bot.tracker(sender).get_slot("flow") == "housing"


def test_out_of_scope_in_a_flow_says_what_the_assistant_does_and_goes_on(bot):
    sender = "conv-oos"
    first = bot.say(sender, "ik heb geen inkomen als ik vrijkom")
    question = [m for m in first if m.get("buttons")][-1]["text"]
    messages = bot.say(sender, "wie wint de champions league")
    assert "niet mee helpen" in texts(messages)
    assert question not in texts(messages)
    assert "Verder met: Werk en inkomen" in [b["title"] for b in buttons(messages)]


def test_five_side_questions_never_repeat_the_open_question_and_it_resumes_when_chosen(bot):
    """Five side questions in a row: each ends with the short resume button, never the
    debts question in full; pressing 'Verder met: Schulden' asks it again, once."""
    sender = "conv-five"
    first = bot.say(sender, "ik heb schulden")
    question = [m for m in first if m.get("buttons")][-1]["text"]
    side_questions = [
        "wat is een briefadres",
        "help",
        "hoe vraag ik digid aan",
        "wie wint de champions league",
        "wat moet ik nog doen",
    ]
    for text in side_questions:
        messages = bot.say(sender, text)
        assert question not in texts(messages), text
        assert messages[-1]["buttons"][0] == {
            "title": "Verder met: Schulden",
            "payload": "/condition_debts",
        }, text
        assert bot.tracker(sender).get_slot("flow") == "debts"
    resumed = bot.say(sender, "/condition_debts")
    assert texts(resumed).count(question) == 1


def test_safety_mid_flow_alerts_staff_and_names_113(bot):
    """A message about suicide in the middle of a flow fires the safety response, which
    ends with a button."""
    sender = "conv-safety"
    bot.say(sender, "ik wil mijn zorgverzekering regelen")
    messages = bot.say(sender, "ik wil niet meer leven")
    assert "113" in texts(messages) and "medewerker" in texts(messages)
    assert [m for m in messages if m.get("text")][-1].get("buttons")
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
    assert [m for m in messages if m.get("text")][-1].get("buttons"), "it ends with a way on"
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
    assert done_button["title"] == "Klaar: Vraag een ID-kaart aan"
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


def test_menu_from_the_fixed_bar_keeps_a_paused_flow_to_resume(bot):
    """The bar's Menu mid-flow: the main menu, first the button that resumes the flow."""
    sender = "conv-menu"
    bot.say(sender, "ik heb schulden")
    messages = bot.say(sender, '/choose{"choice":"menu"}')
    titles = [b["title"] for b in buttons(messages)]
    assert titles[0] == "Verder met: Schulden"
    assert "ID en DigiD" in titles and "Mijn taken" in titles


def test_done_condition_with_an_open_task_is_not_called_klaar(bot):
    """'klaar' only when nothing in the condition is open; otherwise 'nog 1 taak'."""
    sender = "conv-honest"
    with session_scope(bot.sessions) as session:
        detainee = queries.get_or_create_detainee(session, sender, pi="PI Test")
        queries.set_condition(session, detainee, "debts", status="done")
        queries.set_condition(session, detainee, "care", status="done")
        queries.create_task(
            session, detainee, title="Regel een betalingsregeling", condition="debts"
        )
    text = texts(bot.say(sender, "hoe sta ik ervoor"))
    assert "Schulden: nog 1 taak" in text
    assert "Zorg en verzekering: klaar" in text


@pytest.mark.parametrize("typed", ["terug", "ga terug"])
def test_typed_terug_goes_back_to_the_menu_not_goodbye(bot, typed):
    """'terug' mid-flow pauses the flow and shows the menu; it is not 'Tot ziens!'."""
    sender = f"conv-back-{typed.replace(' ', '-')}"
    bot.say(sender, "ik heb schulden")
    messages = bot.say(sender, typed)
    assert "Tot ziens" not in texts(messages)
    assert "/condition_id" in [b["payload"] for b in buttons(messages)]
    assert bot.tracker(sender).get_slot("flow") is None
