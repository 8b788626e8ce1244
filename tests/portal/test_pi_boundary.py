"""One PI per staff account: staff never see or change another PI's detainees or spreekuren.

The demo `staff` account belongs to PI Demo; `staff2` (made here) to PI Twee; `admin`
has no PI and sees both.
"""

import datetime as dt

import pytest

from ric.store import booking, queries, staff
from ric.store.db import session_scope
from ric.store.models import utcnow
from tests.portal.conftest import staff_sign_in

OTHER_PI = "PI Twee"
PASSWORD = "staff2-test-password"


@pytest.fixture
def two_pis(staff_settings, sessions):
    """A detainee, a help request and a spreekuur in a second PI, and that PI's staff member."""
    with session_scope(sessions) as db:
        other = queries.create_detainee(db, "TWEE001", pi=OTHER_PI)
        help_request = queries.create_help_request(db, other, kind="urgent", reason="safety")
        own = queries.create_help_request(
            db, queries.get_detainee(db, "DEMO001"), kind="help", reason="handoff"
        )
        partner = booking.add_partner(db, "Gemeente Twee (test)", "gemeente", ["id"])
        spreekuur = booking.add_session(
            db, partner, pi=OTHER_PI, starts_at=utcnow() + dt.timedelta(days=3), capacity=2
        )
        staff.create_account(db, "staff2", role="staff", password=PASSWORD, pi=OTHER_PI)
        return {"help": help_request.id, "own_help": own.id, "session": spreekuur.id}


OTHER_PI_ROUTES = [
    ("GET", "/staff/detainees/TWEE001"),
    ("GET", "/staff/detainees/TWEE001/transcript"),
    ("POST", "/staff/detainees/TWEE001/tasks"),
    ("POST", "/staff/detainees/TWEE001/help/{help}"),
    ("POST", "/staff/detainees/TWEE001/pin"),
    ("POST", "/staff/detainees/TWEE001/release-date"),
    ("POST", "/staff/detainees/TWEE001/end-access"),
    ("GET", "/staff/spreekuren/{session}"),
    ("GET", "/staff/spreekuren/{session}/attendees.csv"),
    ("POST", "/staff/spreekuren/{session}/cancel"),
]


async def test_staff_of_one_pi_get_not_found_for_every_route_of_another_pi(staff_client, two_pis):
    token, _ = await staff_sign_in(staff_client, "staff")
    for method, template in OTHER_PI_ROUTES:
        path = template.format(**two_pis)
        if method == "GET":
            response = await staff_client.get(path, allow_redirects=False)
        else:
            response = await staff_client.post(
                path, data={"csrf": token, "confirm": "1", "title": "x"}, allow_redirects=False
            )
        if response.status == 303:  # a form handler sends back with a notice
            assert "not_found" in response.headers["Location"], f"{method} {path}"
        else:
            assert response.status == 404, f"{method} {path}: {response.status}"


async def test_lists_show_only_the_own_pi(staff_client, two_pis):
    await staff_sign_in(staff_client, "staff")
    overview = await (await staff_client.get("/staff")).text()
    queue = await (await staff_client.get("/staff/help")).text()
    assert "DEMO001" in overview and "TWEE001" not in overview
    assert f"/staff/help/{two_pis['own_help']}" in queue
    assert f"/staff/help/{two_pis['help']}" not in queue
    spreekuren = await (await staff_client.get("/staff/spreekuren")).text()
    assert f"/staff/spreekuren/{two_pis['session']}" not in spreekuren  # partners are shared


async def test_the_other_pi_sees_its_own_detainee_and_not_ours(staff_client, two_pis):
    await staff_sign_in(staff_client, "staff2", PASSWORD)
    assert (await staff_client.get("/staff/detainees/TWEE001")).status == 200
    assert (await staff_client.get("/staff/detainees/DEMO001")).status == 404
    queue = await (await staff_client.get("/staff/help")).text()
    assert f"/staff/help/{two_pis['help']}" in queue
    assert f"/staff/help/{two_pis['own_help']}" not in queue


async def test_an_admin_without_pi_opens_detainees_of_every_pi(staff_client, two_pis):
    await staff_sign_in(staff_client, "admin")
    assert (await staff_client.get("/staff/detainees/TWEE001")).status == 200
    assert (await staff_client.get("/staff/detainees/DEMO001")).status == 200
    queue = await (await staff_client.get("/staff/help")).text()
    assert f"/staff/help/{two_pis['help']}" in queue


async def test_a_changed_pi_counts_from_the_next_request(staff_client, two_pis, sessions):
    await staff_sign_in(staff_client, "staff")
    assert (await staff_client.get("/staff/detainees/TWEE001")).status == 404
    with session_scope(sessions) as db:
        staff.get_account(db, "staff").pi = OTHER_PI
    assert (await staff_client.get("/staff/detainees/TWEE001")).status == 200
