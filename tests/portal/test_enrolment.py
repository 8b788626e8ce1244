"""Enrolment pages: staff enrol a detainee, hand over the PIN slip, and the person signs in."""

import re

from sqlalchemy import select

from ric.store import queries
from ric.store.db import read_scope
from ric.store.models import AuditEntry
from tests.portal.conftest import csrf_of, sign_in, staff_sign_in


def pin_of(html: str) -> str:
    return re.search(r'class="pin">(\d+)<', html).group(1)


async def test_staff_enrol_a_detainee_who_then_signs_in_with_the_slip(staff_client, sessions):
    """The PIN slip shows the PIN once; the kiosk accepts it; the enrolment is audited."""
    token, _ = await staff_sign_in(staff_client, "staff")
    form = await staff_client.get("/staff/enrol")
    assert form.status == 200 and 'name="reg"' in await form.text()
    response = await staff_client.post(
        "/staff/enrol",
        data={
            "csrf": token,
            "reg": "n 4711",
            "name": "Noor",
            "language": "ar",
            "release": "2027-04-01",
        },
    )
    slip = await response.text()
    assert response.status == 200 and "N4711" in slip
    pin = pin_of(slip)
    with read_scope(sessions) as db:
        detainee = queries.get_detainee(db, "N4711")
        assert (detainee.language, detainee.display_name, str(detainee.expected_release)) == (
            "ar",
            "Noor",
            "2027-04-01",
        )
        assert pin not in (detainee.pin_hash or "")
        assert db.scalars(select(AuditEntry).where(AuditEntry.action == "enrol")).one().target == (
            "N4711"
        )
    page = await (await staff_client.get("/staff/detainees/N4711")).text()
    assert pin not in page  # shown once, on the slip only
    await staff_client.post("/staff/logout", data={"csrf": csrf_of(page)})
    token, chat = await sign_in(staff_client, "N4711", pin)
    assert token is not None and "Noor" in chat


async def test_bad_enrolment_values_come_back_with_a_clear_message(staff_client, sessions):
    token, _ = await staff_sign_in(staff_client, "staff")
    response = await staff_client.post(
        "/staff/enrol", data={"csrf": token, "reg": "X9", "release": "2027-02-30"}
    )
    assert response.status == 400
    html = await response.text()
    assert "Verwachte vrijlating: heeft niet de goede vorm" in html and 'value="X9"' in html
    with read_scope(sessions) as db:
        assert not db.scalars(select(AuditEntry).where(AuditEntry.action == "enrol")).all()


async def test_import_reports_bad_lines_then_enrols_the_good_ones_when_asked(staff_client):
    token, _ = await staff_sign_in(staff_client, "staff")
    csv_text = "registration_number,name,release_date,language\nK1,A,,nl\nK2,B,2027-99-01,tr\n"

    async def post(**extra):
        from aiohttp import FormData

        data = FormData()
        data.add_field("csrf", token)
        data.add_field("file", csv_text.encode(), filename="export.csv", content_type="text/csv")
        for key, value in extra.items():
            data.add_field(key, value)
        return await staff_client.post("/staff/enrol/import", data=data)

    refused = await post()
    assert refused.status == 400 and "Regel 3" in await refused.text()
    accepted = await post(skip_bad="1")
    html = await accepted.text()
    assert accepted.status == 200 and "K1" in html and "Regel 3" in html and pin_of(html)


async def test_reset_pin_release_date_and_end_of_access(staff_client, sessions):
    """A reset gives a new slip; ending access needs the confirmation and stops the PIN."""
    token, _ = await staff_sign_in(staff_client, "staff")
    slip = await (
        await staff_client.post("/staff/detainees/DEMO001/pin", data={"csrf": token})
    ).text()
    pin = pin_of(slip)
    moved = await staff_client.post(
        "/staff/detainees/DEMO001/release-date",
        data={"csrf": token, "release": "2027-08-15"},
        allow_redirects=False,
    )
    assert moved.status == 303
    unconfirmed = await staff_client.post(
        "/staff/detainees/DEMO001/end-access", data={"csrf": token}, allow_redirects=False
    )
    assert "notice=invalid" in unconfirmed.headers["Location"]
    with read_scope(sessions) as db:
        detainee = queries.get_detainee(db, "DEMO001")
        assert str(detainee.expected_release) == "2027-08-15" and detainee.access_ended_at is None
    await staff_client.post(
        "/staff/detainees/DEMO001/end-access", data={"csrf": token, "confirm": "1"}
    )
    with read_scope(sessions) as db:
        assert queries.get_detainee(db, "DEMO001").access_ended_at is not None
    await staff_client.post("/staff/logout", data={"csrf": token})
    token, page = await sign_in(staff_client, "DEMO001", pin)
    assert token is None and "Dit nummer of deze pincode klopt niet" in page
