"""The walker turns a step or an answer into steps to say, tasks, status and pause point."""

import pytest

from ric.content.flows import parse_flow
from ric.content.walker import UnknownAnswer, answer, enter, resume_step

FLOW = parse_flow(
    {
        "condition": "id",
        "title": {"nl": "ID"},
        "intro": {"nl": "Intro"},
        "start": "has_id",
        "steps": [
            {
                "id": "has_id",
                "text": {"nl": "Geldig ID?"},
                "why": {"nl": "."},
                "options": [
                    {"id": "yes", "next": "done"},
                    {"id": "no", "next": "make_task", "status": "in_progress"},
                ],
            },
            {
                "id": "make_task",
                "text": {"nl": "Taak."},
                "next": "digid",
                "task": {
                    "key": "request_id",
                    "title": {"nl": "Vraag ID aan"},
                    "days_before_release": 30,
                },
                "offer_booking": "gemeente",
            },
            {
                "id": "digid",
                "text": {"nl": "DigiD?"},
                "why": {"nl": "."},
                "options": [{"id": "yes", "next": "done"}, {"id": "no", "next": "later"}],
            },
            {"id": "later", "text": {"nl": "Later."}, "end": "in_progress"},
            {"id": "done", "text": {"nl": "Klaar."}, "end": "done"},
        ],
    }
)


def test_entering_the_start_waits_at_the_first_question():
    outcome = enter(FLOW, "has_id")
    assert [s.id for s in outcome.steps] == ["has_id"]
    assert outcome.waiting_at == "has_id" and not outcome.finished


def test_answer_walks_through_statements_collecting_tasks_and_offers():
    outcome = answer(FLOW, "has_id", "no")
    assert [s.id for s in outcome.steps] == ["make_task", "digid"]
    assert [t.key for t in outcome.tasks] == ["request_id"]
    assert outcome.booking_offers == ["gemeente"]
    assert outcome.status == "in_progress"
    assert outcome.waiting_at == "digid"


def test_reaching_an_end_sets_its_status_and_finishes():
    outcome = answer(FLOW, "digid", "no")
    assert outcome.status == "in_progress" and outcome.finished
    assert answer(FLOW, "has_id", "yes").status == "done"


def test_an_option_the_question_does_not_have_is_refused():
    with pytest.raises(UnknownAnswer):
        answer(FLOW, "has_id", "maybe")
    with pytest.raises(UnknownAnswer):
        answer(FLOW, "make_task", "yes")


def test_resume_goes_to_the_paused_question_or_else_the_start():
    assert resume_step(FLOW, "digid") == "digid"
    assert resume_step(FLOW, None) == "has_id"
    assert resume_step(FLOW, "removed_by_editor") == "has_id"
