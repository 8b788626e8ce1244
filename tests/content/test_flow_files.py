"""Every flow file in knowledge/flows follows the schema, in every language."""

from pathlib import Path

import pytest
import yaml

from ric.content.flows import read_flow_file, validate_flow
from ric.settings import ROOT
from ric.store.models import CONDITIONS

LANGUAGES = ("nl", "en", "ar", "tr", "pl")
FLOW_DIR = ROOT / "knowledge" / "flows"


@pytest.mark.parametrize("condition", CONDITIONS)
def test_flow_file_is_valid(condition):
    """The flow of each condition exists and passes the schema with all five languages."""
    flow = read_flow_file(FLOW_DIR / f"{condition}.yml", LANGUAGES)
    assert flow.condition == condition
    questions = [step for step in flow.steps.values() if step.is_question]
    assert len(flow.steps) >= 4, "a flow has at least four steps"
    assert any(len({option.next for option in step.options}) > 1 for step in questions), (
        "a flow branches somewhere"
    )
    assert any(step.task for step in flow.steps.values()), "a flow creates at least one task"
    assert all(step.why for step in questions), "every question explains why it matters"


def _minimal(**changes):
    data = {
        "condition": "id",
        "title": {"nl": "ID"},
        "intro": {"nl": "Intro"},
        "start": "q",
        "steps": [
            {
                "id": "q",
                "text": {"nl": "Vraag?"},
                "why": {"nl": "Omdat."},
                "options": [{"id": "yes", "next": "end"}, {"id": "no", "next": "end"}],
            },
            {"id": "end", "text": {"nl": "Klaar."}, "end": "done"},
        ],
    }
    data.update(changes)
    return data


def test_a_minimal_flow_is_valid_for_dutch_only():
    assert validate_flow(_minimal(), ("nl",)) == []


def test_missing_translation_is_reported_unless_pending():
    assert any("missing 'en'" in p for p in validate_flow(_minimal(), ("nl", "en")))
    assert validate_flow(_minimal(pending=["en"]), ("nl", "en")) == []


def test_a_next_step_that_does_not_exist_is_reported():
    data = _minimal()
    data["steps"][0]["options"][1]["next"] = "nowhere"
    assert validate_flow(data, ("nl",)) == ["flow.q: next step 'nowhere' does not exist"]


def test_an_unreachable_step_and_a_dead_end_are_reported():
    data = _minimal()
    data["steps"].append({"id": "lost", "text": {"nl": "Hier kom je nooit."}, "next": "lost"})
    problems = validate_flow(data, ("nl",))
    assert "flow.lost: cannot be reached from start" in problems
    assert "flow.lost: no path from here reaches an end step" in problems


def test_unquoted_yes_is_explained():
    data = _minimal()
    data["steps"][0]["options"][0]["id"] = True
    assert any('quote "yes"' in p for p in validate_flow(data, ("nl",)))


def test_a_question_without_why_and_a_bad_end_are_reported():
    data = _minimal()
    del data["steps"][0]["why"]
    data["steps"][1]["end"] = "finished"
    problems = validate_flow(data, ("nl",))
    assert "flow.q.why: must map language codes to text" in problems
    assert any(p.startswith("flow.end.end: must be one of") for p in problems)


def test_invalid_yaml_is_reported_with_the_file_name(tmp_path: Path):
    from ric.content.flows import FlowError

    path = tmp_path / "id.yml"
    path.write_text("condition: id\nsteps: [\n", encoding="utf-8")
    with pytest.raises(FlowError, match="id.yml: not valid YAML"):
        read_flow_file(path, ("nl",))


def test_flow_files_have_no_unknown_top_level_fields():
    for path in FLOW_DIR.glob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        known = {"condition", "pending", "translated_from", "title", "intro", "start", "steps"}
        assert set(data) <= known
