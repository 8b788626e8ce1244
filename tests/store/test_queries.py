"""The case store's rules for detainees, conditions, tasks and help requests."""

import datetime as dt

import pytest

from ric.store import queries
from ric.store.errors import DetaineeNotFound, InvalidStatus, TaskNotFound, UnknownCondition
from ric.store.models import CONDITIONS


def test_new_detainee_has_five_conditions_not_started(db_session):
    """A new detainee starts with all five conditions 'not_started'."""
    detainee = queries.create_detainee(db_session, "A1", pi="PI Test")
    statuses = queries.condition_statuses(db_session, detainee)
    assert list(statuses) == list(CONDITIONS)
    assert {row.status for row in statuses.values()} == {"not_started"}


def test_unknown_registration_number_raises(db_session):
    with pytest.raises(DetaineeNotFound):
        queries.get_detainee(db_session, "NOPE")


def test_get_or_create_returns_the_same_detainee(db_session):
    first = queries.get_or_create_detainee(db_session, "A2", pi="PI Test")
    second = queries.get_or_create_detainee(db_session, "A2", pi="PI Test")
    assert first.id == second.id


def test_set_condition_records_status_step_and_history(db_session):
    """Each change of status or step is kept in the history."""
    detainee = queries.create_detainee(db_session, "A3", pi="PI Test")
    queries.set_condition(db_session, detainee, "id", status="in_progress", step="has_id")
    queries.set_condition(db_session, detainee, "id", status="done", step=None)
    row = queries.condition_statuses(db_session, detainee)["id"]
    assert (row.status, row.current_step) == ("done", None)
    history = queries.condition_history(db_session, detainee)
    assert [(e.status, e.step) for e in history] == [("in_progress", "has_id"), ("done", None)]


def test_set_condition_keep_step_leaves_the_paused_step(db_session):
    detainee = queries.create_detainee(db_session, "A4", pi="PI Test")
    queries.set_condition(db_session, detainee, "debts", step="any_debts")
    queries.set_condition(db_session, detainee, "debts", status="in_progress", keep_step=True)
    assert queries.condition_statuses(db_session, detainee)["debts"].current_step == "any_debts"


def test_unknown_condition_and_status_are_refused(db_session):
    detainee = queries.create_detainee(db_session, "A5", pi="PI Test")
    with pytest.raises(UnknownCondition):
        queries.set_condition(db_session, detainee, "holiday", status="done")
    with pytest.raises(InvalidStatus):
        queries.set_condition(db_session, detainee, "id", status="finished")


def test_due_date_is_the_lead_time_before_release_else_as_soon_as_possible():
    """Lead time before release; None ('zo snel mogelijk') when release is near or unknown."""
    today = dt.date(2026, 12, 1)
    release = dt.date(2027, 1, 15)  # 45 days away
    assert queries.due_date_for(today, release, 30, 14) == dt.date(2026, 12, 16)
    assert queries.due_date_for(today, release, 90, 14) is None
    assert queries.due_date_for(today, release, 44, 14) == dt.date(2026, 12, 2)
    assert queries.due_date_for(today, release, 45, 14) is None  # today is too soon
    assert queries.due_date_for(today, None, 30, 14) is None


def test_due_date_without_a_lead_time_is_never_before_tomorrow_nor_after_release():
    today = dt.date(2026, 12, 1)
    assert queries.due_date_for(today, None, None, 14) == dt.date(2026, 12, 15)
    assert queries.due_date_for(today, None, None, 0) == dt.date(2026, 12, 2)
    assert queries.due_date_for(today, dt.date(2026, 12, 5), None, 14) == dt.date(2026, 12, 4)
    assert queries.due_date_for(today, dt.date(2026, 12, 2), None, 14) == dt.date(2026, 12, 2)


def test_keyed_task_is_not_doubled_while_open(db_session):
    """Walking a flow twice does not create the same open task twice."""
    detainee = queries.create_detainee(db_session, "A6", pi="PI Test")
    first = queries.create_task(db_session, detainee, title="ID", condition="id", key="request_id")
    again = queries.create_task(db_session, detainee, title="ID", condition="id", key="request_id")
    assert first.id == again.id
    queries.complete_task(db_session, detainee, first.id)
    third = queries.create_task(db_session, detainee, title="ID", condition="id", key="request_id")
    assert third.id != first.id


def test_tasks_are_listed_soonest_due_first_and_only_open(db_session):
    detainee = queries.create_detainee(db_session, "A7", pi="PI Test")
    late = queries.create_task(db_session, detainee, title="late", due_date=dt.date(2027, 3, 1))
    soon = queries.create_task(db_session, detainee, title="soon", due_date=dt.date(2027, 1, 1))
    undated = queries.create_task(db_session, detainee, title="undated")
    assert [t.id for t in queries.list_tasks(db_session, detainee)] == [
        soon.id,
        late.id,
        undated.id,
    ]
    queries.complete_task(db_session, detainee, soon.id)
    assert [t.id for t in queries.list_tasks(db_session, detainee)] == [late.id, undated.id]
    assert queries.list_tasks(db_session, detainee, status="done")[0].done_at is not None


def test_a_detainee_cannot_complete_someone_elses_task(db_session):
    owner = queries.create_detainee(db_session, "A8", pi="PI Test")
    other = queries.create_detainee(db_session, "A9", pi="PI Test")
    task = queries.create_task(db_session, owner, title="mine")
    with pytest.raises(TaskNotFound):
        queries.complete_task(db_session, other, task.id)
    assert task.status == "open"


def test_help_requests_list_urgent_first_and_can_be_handled(db_session):
    detainee = queries.create_detainee(db_session, "A10", pi="PI Test")
    help_request = queries.create_help_request(db_session, detainee, kind="help", reason="handoff")
    alert = queries.create_help_request(
        db_session, detainee, kind="urgent", reason="safety", message="ik wil dood"
    )
    assert [r.id for r in queries.open_help_requests(db_session)] == [alert.id, help_request.id]
    queries.handle_help_request(db_session, alert.id, by="staff1")
    assert [r.id for r in queries.open_help_requests(db_session)] == [help_request.id]
    with pytest.raises(InvalidStatus):
        queries.create_help_request(db_session, detainee, kind="panic", reason="x")
