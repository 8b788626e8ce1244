"""Enrolment: staff add detainees with a PIN shown once, import a CSV, reset, release."""

import datetime as dt

import pytest

from ric.store import enrolment, queries
from ric.store.credentials import check_secret
from ric.store.enrolment import DetaineeExists, EnrolmentError

LANGS = ("nl", "en", "ar", "tr", "pl")
TODAY = dt.date(2026, 12, 1)


def enrol(db, reg, **fields):
    return enrolment.enrol(db, reg, pi="PI Test", languages=LANGS, today=TODAY, **fields)


def test_enrolled_detainee_signs_in_with_the_pin_that_is_stored_only_hashed(db_session):
    """The PIN is returned once; the store holds an argon2 hash that the PIN matches."""
    made = enrol(db_session, " ab 1234 ", name="  Sam  ", language="ar", release="2027-03-31")
    detainee = queries.get_detainee(db_session, "AB1234")
    assert made.reg_number == "AB1234" and len(made.pin) == enrolment.PIN_DIGITS
    assert made.pin not in detainee.pin_hash and detainee.pin_hash.startswith("$argon2")
    assert check_secret(detainee, made.pin)
    assert (detainee.display_name, detainee.language, detainee.pi) == ("Sam", "ar", "PI Test")
    assert detainee.expected_release == dt.date(2027, 3, 31)
    assert enrolment.has_access(detainee)


def test_a_registration_number_is_enrolled_once(db_session):
    enrol(db_session, "X100")
    with pytest.raises(DetaineeExists):
        enrol(db_session, "x100")


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"reg_number": "a"}, "registration_number"),
        ({"reg_number": "<script>"}, "registration_number"),
        ({"reg_number": "R10", "language": "de"}, "language"),
        ({"reg_number": "R10", "release": "31/31/2027"}, "release_date"),
        ({"reg_number": "R10", "release": "9999-12-31"}, "release_date"),
        ({"reg_number": "R10", "release": "0001-01-01"}, "release_date"),
        ({"reg_number": "R10", "name": "x" * 121}, "name"),
        ({"reg_number": "R10", "name": "a\x00b"}, "name"),
    ],
)
def test_bad_values_are_refused_naming_the_field(db_session, fields, field):
    """Each bad value raises EnrolmentError with the field it is about; nothing is added."""
    reg = fields.pop("reg_number")
    with pytest.raises(EnrolmentError) as caught:
        enrol(db_session, reg, **fields)
    assert caught.value.field == field
    assert enrolment.detainees_of(db_session, "PI Test") == []


def test_release_date_accepts_dutch_order_and_can_be_cleared(db_session):
    enrol(db_session, "R2")
    detainee = queries.get_detainee(db_session, "R2")
    assert enrolment.set_release(db_session, detainee, "15-01-2027", today=TODAY) == dt.date(
        2027, 1, 15
    )
    assert enrolment.set_release(db_session, detainee, None, today=TODAY) is None


def test_reset_pin_replaces_the_old_pin_and_lifts_a_lockout(db_session):
    old = enrol(db_session, "R3")
    detainee = queries.get_detainee(db_session, "R3")
    detainee.locked_until = dt.datetime(2099, 1, 1)
    new = enrolment.reset_pin(db_session, detainee)
    assert detainee.locked_until is None
    assert check_secret(detainee, new.pin)
    if new.pin != old.pin:
        assert not check_secret(detainee, old.pin)


def test_end_of_access_at_release_refuses_the_pin(db_session):
    made = enrol(db_session, "R4")
    detainee = queries.get_detainee(db_session, "R4")
    enrolment.end_access(db_session, detainee)
    assert not enrolment.has_access(detainee) and detainee.access_ended_at is not None
    assert not check_secret(detainee, made.pin)


GOOD = "registration_number,name,release_date,language\nG1,Ali,2027-02-01,ar\nG2,,,\n"
MIXED = (
    "registration_number;name;release_date;language\n"
    "M1;Ann;2027-02-01;nl\n"
    "M2;Bo;2027-13-01;nl\n"
    "M3;Cy;;xx\n"
    "M1;Dup;;nl\n"
    "M4;Di;01-06-2027;pl\n"
)


def test_import_of_a_good_file_enrols_everyone(db_session):
    report = enrolment.import_csv(db_session, GOOD, pi="PI Test", languages=LANGS, today=TODAY)
    assert [made.reg_number for made in report.enrolled] == ["G1", "G2"]
    assert report.errors == []
    assert queries.get_detainee(db_session, "G1").language == "ar"
    assert queries.get_detainee(db_session, "G2").language == "nl"


def test_import_with_a_bad_row_reports_each_line_and_imports_none(db_session):
    """Line numbers count the header as line 1; one bad row stops the whole file."""
    report = enrolment.import_csv(db_session, MIXED, pi="PI Test", languages=LANGS, today=TODAY)
    assert report.skipped_lines == [3, 4, 5]
    assert [error.field for _, error in report.errors] == [
        "release_date",
        "language",
        "registration_number",
    ]
    assert report.enrolled == [] and enrolment.detainees_of(db_session, "PI Test") == []


def test_import_with_skip_bad_enrols_the_good_rows(db_session):
    report = enrolment.import_csv(
        db_session, MIXED, pi="PI Test", languages=LANGS, today=TODAY, skip_bad=True
    )
    assert [made.reg_number for made in report.enrolled] == ["M1", "M4"]
    assert queries.get_detainee(db_session, "M4").expected_release == dt.date(2027, 6, 1)


def test_import_refuses_a_file_without_the_header_and_an_already_enrolled_number(db_session):
    enrol(db_session, "E1")
    no_header = enrolment.import_csv(db_session, "E2,x\n", pi="PI Test", languages=LANGS)
    assert no_header.skipped_lines == [1] and no_header.enrolled == []
    again = enrolment.import_csv(
        db_session, "registration_number\nE1\n", pi="PI Test", languages=LANGS
    )
    assert again.errors[0][1].problem == "exists"
