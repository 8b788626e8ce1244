"""The `ric` command line: database, demo data, partners and spreekuren for staff."""

from click.testing import CliRunner

from ric.cli import main


def test_migrate_and_seed_print_the_demo_logins(run):
    assert run("db", "upgrade").exit_code == 0
    result = run("seed")
    assert result.exit_code == 0 and "DEMO001" in result.output and "PIN 1234" in result.output
    assert "Gemeente (demo)" in run("partner", "list").output


def test_staff_add_partner_and_weekly_spreekuren_then_see_attendees_and_cancel(run):
    assert (
        run("partner", "add", "UWV Test", "--kind", "uwv", "--conditions", "income").exit_code == 0
    )
    added = run(
        "session",
        "add",
        "--partner",
        "UWV Test",
        "--start",
        "2030-01-07 10:00",
        "--capacity",
        "3",
        "--weekly",
        "3",
    )
    assert added.exit_code == 0 and added.output.count("Spreekuur") == 3
    assert "2030-01-14 10:00" in added.output
    attendees = run("session", "attendees", "1")
    assert attendees.exit_code == 0 and "UWV Test" in attendees.output
    cancelled = run("session", "cancel", "1")
    assert "cancelled" in cancelled.output


def test_csv_import_checks_every_row_and_imports_nothing_when_one_is_wrong(run, tmp_path):
    run("partner", "add", "Gemeente Test", "--kind", "gemeente")
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "partner,start,capacity\nGemeente Test,2030-02-01 09:00,4\n"
        "Onbekend,2030-02-01 09:00,4\nGemeente Test,morgen,4\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["session", "import", str(bad)])
    assert result.exit_code == 1
    assert "line 3: PartnerNotFound" in result.output and "line 4" in result.output
    good = tmp_path / "good.csv"
    good.write_text(
        "partner,start,capacity,room\nGemeente Test,2030-02-01 09:00,4,Kamer 2\n", encoding="utf-8"
    )
    assert "Imported 1 spreekuren." in run("session", "import", str(good)).output


def test_mistakes_give_a_clear_message_not_a_traceback(run):
    result = CliRunner().invoke(main, ["partner", "add", "X", "--kind", "kapper"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    result = CliRunner().invoke(main, ["session", "attendees", "999"])
    assert result.exit_code == 1 and "SessionNotFound" in result.output


def test_a_database_that_is_not_migrated_is_explained(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    result = CliRunner().invoke(main, ["partner", "list"])
    assert result.exit_code == 1 and "ric db upgrade" in result.output


def test_a_bad_setting_is_explained(monkeypatch):
    monkeypatch.setenv("RASA_PORT", "not-a-port")
    result = CliRunner().invoke(main, ["train"])
    assert result.exit_code == 1 and "RASA_PORT='not-a-port' is not valid" in result.output
