"""`ric detainee`: enrolment from the command line, with clear messages for bad input."""


def test_add_prints_the_pin_once_then_reset_release_and_list(run):
    added = run("detainee", "add", "T100", "--name", "Test", "--release", "2027-05-01")
    assert added.exit_code == 0 and "PIN" in added.output
    assert "T100\tnl\t2027-05-01\taccess" in run("detainee", "list").output
    assert "New PIN for T100" in run("detainee", "reset-pin", "T100").output
    assert "2027-06-01" in run("detainee", "set-release", "t100", "2027-06-01").output
    assert run("detainee", "release", "T100").exit_code == 0
    assert "no access" in run("detainee", "list").output
    refused = run("detainee", "reset-pin", "T100")
    assert refused.exit_code == 1 and "access has ended" in refused.stderr


def test_bad_values_and_unknown_numbers_give_one_clear_line(run):
    bad = run("detainee", "add", "T101", "--release", "2027-02-30")
    assert bad.exit_code == 1 and "release_date" in bad.stderr and "Traceback" not in bad.stderr
    unknown = run("detainee", "release", "NOBODY1")
    assert unknown.exit_code == 1 and "DetaineeNotFound" in unknown.stderr


def test_import_reports_bad_lines_and_imports_nothing_unless_told(run, tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(
        "registration_number,name,release_date,language\nI1,A,,nl\nI2,B,2027-99-01,nl\n",
        encoding="utf-8",
    )
    refused = run("detainee", "import", str(path))
    assert refused.exit_code == 1 and "line 3:" in refused.stderr
    assert "I1" not in run("detainee", "list").output
    skipped = run("detainee", "import", str(path), "--skip-bad")
    assert skipped.exit_code == 0 and "Skipped line(s) 3." in skipped.output
    assert "I1\tPIN " in skipped.output and "I1\tnl" in run("detainee", "list").output
