"""The `ric` command run in-process on the test's store."""

import pytest
from click.testing import CliRunner

from ric.cli import main


@pytest.fixture
def run(settings, monkeypatch):
    """Invokes `ric ARGS...` with the test's settings; returns click's result."""
    monkeypatch.setenv("RIC_VAR_DIR", str(settings.var_dir))
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke
