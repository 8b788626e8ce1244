"""Redaction of typed messages: personal numbers go, ordinary numbers and dates stay."""

import datetime as dt

import pytest

from ric.privacy.redact import redact, redact_text
from tests.privacy.conftest import make_bsns, make_ibans, not_a_bsn

TODAY = dt.date(2026, 12, 1)


def spaced(number: str, group: int = 4) -> str:
    return " ".join(number[i : i + group] for i in range(0, len(number), group))


@pytest.mark.parametrize("number", make_bsns(20))
def test_a_bsn_that_passes_the_11_proof_is_replaced_however_it_is_written(number):
    for written in (
        number,
        f"{number[:3]} {number[3:6]} {number[6:]}",
        f"{number[:4]}.{number[4:6]}.{number[6:]}",
    ):
        result = redact(f"mijn bsn is {written}, klopt dat?", today=TODAY)
        assert result.text == "mijn bsn is [BSN], klopt dat?"
        assert result.kinds == {"bsn"}


def test_nine_digits_that_fail_the_11_proof_are_not_a_bsn_and_stay():
    number = not_a_bsn()
    assert redact(f"zaaknummer {number}", today=TODAY).text == f"zaaknummer {number}"


@pytest.mark.parametrize("number", make_ibans(10))
def test_a_valid_iban_is_replaced_compact_or_in_groups_of_four(number):
    for written in (number, spaced(number), number.lower()):
        result = redact(f"stort het op {written} graag", today=TODAY)
        assert result.text == "stort het op [IBAN] graag", written
        assert result.kinds == {"iban"}


def test_an_iban_with_a_wrong_check_digit_is_not_an_iban():
    number = make_ibans(1)[0]
    broken = number[:2] + f"{(int(number[2:4]) + 1) % 100:02d}" + number[4:]
    assert "[IBAN]" not in redact(f"nummer {broken}", today=TODAY).text


@pytest.mark.parametrize(
    "phone",
    [
        "0612345678",
        "06-12345678",
        "06 12 34 56 78",
        "+31612345678",
        "+31 6 1234 5678",
        "+31 (0)6 12345678",
        "0031 6 12345678",
        "020-1234567",
        "010 123 45 67",
        "0591-123456",
    ],
)
def test_dutch_mobile_and_landline_numbers_are_replaced(phone):
    result = redact(f"bel me op {phone} morgen", today=TODAY)
    assert result.text == "bel me op [telefoon] morgen"
    assert result.kinds == {"phone"}


def test_e_mail_addresses_are_replaced():
    result = redact("mail naar jan.de-vries+ric@example.nl of info@mail.gemeente.nl", today=TODAY)
    assert result.text == "mail naar [e-mail] of [e-mail]"


@pytest.mark.parametrize(
    "written",
    [
        "12-03-1990",
        "12/03/1990",
        "1/2/85",
        "12.3.1990",
        "1990-03-12",
        "12 maart 1990",
        "3 okt. 1978",
        "7 June 2001",
    ],
)
def test_a_date_of_birth_is_replaced(written):
    result = redact(f"ik ben geboren op {written}.", today=TODAY)
    assert result.text == "ik ben geboren op [datum]."
    assert result.kinds == {"date"}


@pytest.mark.parametrize(
    "message",
    [
        "ik heb 1200 euro schuld",
        "de boete is € 1.250,50",
        "mijn spreekuur is dinsdag 3 december om 10:30",
        "ik kom vrij op 15-01-2027",
        "afspraak 3-12-2026",
        "ik zit in cel 214 van afdeling B2",
        "mijn registratienummer is DEMO001",
        "bel 0800-0113 of 113",
        "ik ben 34 jaar en heb 2 kinderen",
        "postcode 1234 AB, huisnummer 12",
        "dat was in 2019",
    ],
)
def test_ordinary_numbers_times_and_appointment_dates_are_left_alone(message):
    result = redact(message, today=TODAY)
    assert result.text == message
    assert not result.changed


def test_several_kinds_in_one_message_are_all_replaced():
    number, account = make_bsns(1)[0], make_ibans(1)[0]
    text = f"bsn {number}, iban {account}, tel 0612345678, mail a@b.nl, geboren 1-1-1980"
    result = redact(text, today=TODAY)
    assert result.text == "bsn [BSN], iban [IBAN], tel [telefoon], mail [e-mail], geboren [datum]"
    assert result.kinds == {"bsn", "iban", "phone", "email", "date"}
    assert redact_text(text) == redact(text).text
