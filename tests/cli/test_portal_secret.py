"""`ric run` makes the demo stack's portal secret once, private to this user."""

import stat

from ric.cli import development_secret


def test_the_development_secret_is_made_once_with_mode_0600(tmp_path):
    """First run writes a random secret (0600); later runs read the same one."""
    path = tmp_path / "var" / "portal_secret"
    first = development_secret(path)
    assert len(first) >= 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert development_secret(path) == first
    assert development_secret(tmp_path / "other") != first
