"""The flow actions walk any flow file and keep status and paused step in the store."""

import pytest

from bot.actions.answers import ActionAnswer
from bot.actions.conditions import ActionFlowStart, ActionStop
from ric.store import queries
from ric.store.db import read_scope
from tests.conftest import make_tracker


def _run(action, dispatcher, tracker):
    import asyncio

    return asyncio.run(action.run(dispatcher, tracker, {}))


def _keys(dispatcher):
    return [m["response"] for m in dispatcher.messages]


def _row(sessions, sender, condition):
    with read_scope(sessions) as session:
        detainee = queries.get_detainee(session, sender)
        return queries.condition_statuses(session, detainee)[condition]


@pytest.fixture
def sessions_for_actions(action_env, sessions):
    return sessions


def test_starting_a_flow_sets_in_progress_and_asks_the_first_question(
    sessions_for_actions, dispatcher
):
    events = _run(ActionFlowStart(), dispatcher, make_tracker("S1", intent="condition_housing"))
    assert _keys(dispatcher) == ["flow_intro", "flow_step"]
    assert dispatcher.messages[1]["params"]["condition"] == "housing"
    assert {"event": "slot", "name": "flow", "value": "housing", "timestamp": None} in events
    row = _row(sessions_for_actions, "S1", "housing")
    assert row.status == "in_progress" and row.current_step is not None


def test_a_button_answer_moves_to_the_next_step_and_stop_keeps_it(
    sessions_for_actions, dispatcher, tracker_factory
):
    _run(ActionFlowStart(), dispatcher, tracker_factory("S2", intent="condition_id"))
    first = _row(sessions_for_actions, "S2", "id").current_step
    option = "no"
    answer = tracker_factory(
        "S2",
        intent="choose",
        slots={"flow": "id"},
        entities=[{"entity": "choice", "value": f"flow:id:{first}:{option}"}],
    )
    _run(ActionAnswer(), dispatcher, answer)
    second = _row(sessions_for_actions, "S2", "id").current_step
    assert second != first
    stop_dispatcher = type(dispatcher)()
    events = _run(
        ActionStop(), stop_dispatcher, tracker_factory("S2", intent="stop", slots={"flow": "id"})
    )
    assert _keys(stop_dispatcher) == ["flow_stopped"]
    assert {"event": "slot", "name": "flow", "value": None, "timestamp": None} in events
    assert _row(sessions_for_actions, "S2", "id").current_step == second


def test_a_typed_yes_answers_the_open_question(sessions_for_actions, dispatcher, tracker_factory):
    _run(ActionFlowStart(), dispatcher, tracker_factory("S3", intent="condition_debts"))
    before = _row(sessions_for_actions, "S3", "debts").current_step
    _run(
        ActionAnswer(),
        type(dispatcher)(),
        tracker_factory("S3", text="ja", intent="affirm", slots={"flow": "debts"}),
    )
    assert _row(sessions_for_actions, "S3", "debts").current_step != before


def test_an_answer_that_is_not_an_option_repeats_the_question(
    sessions_for_actions, dispatcher, tracker_factory
):
    _run(ActionFlowStart(), dispatcher, tracker_factory("S4", intent="condition_care"))
    step = _row(sessions_for_actions, "S4", "care").current_step
    second = type(dispatcher)()
    _run(
        ActionAnswer(),
        second,
        tracker_factory(
            "S4",
            intent="choose",
            slots={"flow": "care"},
            entities=[{"entity": "choice", "value": f"flow:care:{step}:banana"}],
        ),
    )
    assert _keys(second) == ["flow_stale", "flow_step"]
    assert _row(sessions_for_actions, "S4", "care").current_step == step


def test_stop_without_a_flow_says_there_is_nothing_to_stop(sessions_for_actions, dispatcher):
    _run(ActionStop(), dispatcher, make_tracker("S5", intent="stop"))
    assert _keys(dispatcher) == ["nothing_to_stop"]


def test_a_safety_phrase_overrides_any_action(sessions_for_actions, dispatcher):
    """Even when the NLU picked another intent, a safety phrase alerts staff."""
    events = _run(
        ActionAnswer(),
        dispatcher,
        make_tracker("S6", text="nee, ik wil dood", intent="deny", slots={"flow": "id"}),
    )
    assert _keys(dispatcher) == ["safety"]
    assert {"event": "slot", "name": "flow", "value": None, "timestamp": None} in events
    with read_scope(sessions_for_actions) as session:
        detainee = queries.get_detainee(session, "S6")
        assert [r.kind for r in queries.open_help_requests(session, detainee)] == ["urgent"]


def test_a_broken_flow_file_gives_a_plain_error_not_a_traceback(
    action_env, dispatcher, tmp_path, monkeypatch
):
    from bot.actions import runtime

    knowledge = tmp_path / "knowledge"
    (knowledge / "flows").mkdir(parents=True)
    (knowledge / "flows" / "id.yml").write_text("condition: id\nsteps: [", encoding="utf-8")
    monkeypatch.setenv("RIC_KNOWLEDGE_DIR", str(knowledge))
    runtime.reset()
    _run(ActionFlowStart(), dispatcher, make_tracker("S7", intent="condition_id"))
    assert _keys(dispatcher) == ["error"]


@pytest.mark.parametrize(
    "text,category",
    [
        ("ik zie het niet meer zitten", "suicide"),
        ("ik word bedreigd op de afdeling", "threatened"),
        ("ik ga hem neersteken", "harm_others"),
    ],
)
def test_the_safety_response_is_chosen_by_the_category_of_the_message(
    sessions_for_actions, dispatcher, text, category
):
    """Whatever the intent, the alert goes to staff and the reply names its category."""
    _run(ActionAnswer(), dispatcher, make_tracker(f"S-{category}", text=text, intent="deny"))
    assert _keys(dispatcher) == ["safety"]
    assert dispatcher.messages[0]["params"] == {"category": category}
    with read_scope(sessions_for_actions) as session:
        detainee = queries.get_detainee(session, f"S-{category}")
        requests = queries.open_help_requests(session, detainee)
        assert [(r.kind, r.reason) for r in requests] == [("urgent", "safety")]
