"""Rasa's own checks: the training data validates and the test stories pass."""

import subprocess
import sys
from pathlib import Path

import pytest

from ric.settings import ROOT

pytestmark = pytest.mark.rasa
RASA = str(Path(sys.executable).with_name("rasa"))


def _run(args, tmp_path):
    return subprocess.run(
        [RASA, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        env={**__import__("os").environ, "RASA_TELEMETRY_ENABLED": "false"},
    )


def test_rasa_data_validate_finds_no_errors(tmp_path):
    """`rasa data validate`: domain, NLU data, rules and stories are consistent."""
    result = _run(
        [
            "data",
            "validate",
            "--domain",
            "bot/domain.yml",
            "--data",
            "bot/data",
            "--config",
            "config.yml",
        ],
        tmp_path,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_conversation_test_stories_pass_without_prediction_errors(trained_model, tmp_path):
    """`rasa test core --fail-on-prediction-errors` on tests/conversations/stories."""
    result = _run(
        [
            "test",
            "core",
            "--model",
            str(trained_model),
            "--stories",
            "tests/conversations/stories",
            "--fail-on-prediction-errors",
            "--out",
            str(tmp_path / "results"),
        ],
        tmp_path,
    )
    failed = tmp_path / "results" / "failed_test_stories.yml"
    details = failed.read_text() if failed.exists() else ""
    assert result.returncode == 0, details[-4000:] + result.stderr[-2000:]
