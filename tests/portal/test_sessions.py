"""Portal sessions live on the server; sign-in is throttled, audited and equal in time.

Real aiohttp test clients against init_app(settings) on a real SQLite store. Where a
test needs two RIC terminals, a small middleware in front of the app takes the client
address from an X-Test-Terminal header (the test client always comes from 127.0.0.1).
"""

import datetime as dt
import re

import pytest
from aiohttp import web
from argon2 import PasswordHasher
from sqlalchemy import select, update

from ric import settings as settings_module
from ric.portal.app import init_app
from ric.portal.cookies import COOKIE
from ric.settings import SettingsError
from ric.store import credentials, staff
from ric.store.db import read_scope, session_scope
from ric.store.models import AuditEntry, WebSession
from tests.portal.conftest import csrf_of, sign_in, staff_sign_in

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
SAMPLES = {"reg": "DEMO001", "slug": "digid", "lang": "nl", "kind": "question"}
SAMPLES["condition"] = "housing"


def cookie_of(client) -> str:
    return client.session.cookie_jar.filter_cookies(client.make_url("/"))[COOKIE].value


def replay(client, value: str) -> None:
    """Puts an (old or forged) session id back in the client's cookie jar."""
    client.session.cookie_jar.clear()
    client.session.cookie_jar.update_cookies({COOKIE: value}, client.make_url("/"))


def age(sessions, kind: str, seconds: int) -> None:
    """Makes every session of a kind look as if its last request was `seconds` ago."""
    with session_scope(sessions) as db:
        for row in db.scalars(select(WebSession).where(WebSession.kind == kind)):
            row.last_seen -= dt.timedelta(seconds=seconds)
            row.created_at -= dt.timedelta(seconds=seconds)


def audit_rows(sessions) -> list[AuditEntry]:
    with read_scope(sessions) as db:
        return list(db.scalars(select(AuditEntry).order_by(AuditEntry.id)))


@web.middleware
async def terminal(request: web.Request, handler):
    """The client address a RIC terminal would have (test shim)."""
    remote = request.headers.get("X-Test-Terminal")
    return await handler(request.clone(remote=remote) if remote else request)


@pytest.fixture
async def terminals(aiohttp_client, portal_settings):
    """A portal whose clients can say which terminal they are; returns a client factory."""

    async def make(settings=None):
        app = init_app(settings or portal_settings)
        app.middlewares.insert(0, terminal)
        return await aiohttp_client(app)

    return make


async def kiosk_sign_in(client, terminal_address: str, reg: str, pin: str) -> str:
    headers = {"X-Test-Terminal": terminal_address}
    token = csrf_of(await (await client.get("/", headers=headers)).text())
    response = await client.post(
        "/login", data={"reg_number": reg, "pin": pin, "csrf": token}, headers=headers
    )
    return await response.text()


# --- logout, forged ids, fixation ---------------------------------------------------------
async def test_kiosk_logout_ends_the_session_on_the_server(client):
    """After sign-out the old cookie, replayed, opens nothing (page, panel, messages)."""
    csrf, _ = await sign_in(client)
    old = cookie_of(client)
    await client.post("/logout", data={"csrf": csrf})
    replay(client, old)
    assert 'id="messages"' not in await (await client.get("/")).text()
    replay(client, old)
    assert (await client.get("/api/panel")).status == 401
    replay(client, old)
    sent = await client.post("/api/message", json={"text": "hoi"}, headers={"X-CSRF-Token": csrf})
    assert sent.status == 401


async def test_staff_logout_ends_the_session_on_the_server(staff_client):
    """The old staff cookie, replayed after sign-out, is sent to the sign-in page."""
    token, _ = await staff_sign_in(staff_client, "admin")
    old = cookie_of(staff_client)
    await staff_client.post("/staff/logout", data={"csrf": token})
    replay(staff_client, old)
    response = await staff_client.get("/staff/audit", allow_redirects=False)
    assert response.status == 303 and response.headers["Location"] == "/staff/login"


async def test_a_forged_or_unknown_session_id_gives_no_access(staff_client):
    """A made-up id is not used: a new anonymous session with another id is given."""
    forged = "A" * 43
    replay(staff_client, forged)
    response = await staff_client.get("/staff", allow_redirects=False)
    assert response.status == 303
    assert cookie_of(staff_client) != forged
    replay(staff_client, forged)
    assert (await staff_client.get("/api/panel")).status == 401


async def test_sign_in_gives_a_new_session_id(client, sessions):
    """No session fixation: the anonymous id before sign-in is deleted, a new one is used."""
    await client.get("/")
    anonymous = cookie_of(client)
    await sign_in(client)
    assert cookie_of(client) != anonymous
    with read_scope(sessions) as db:
        kinds = [row.kind for row in db.scalars(select(WebSession))]
    assert kinds == ["detainee"]
    replay(client, anonymous)
    assert (await client.get("/api/panel")).status == 401


async def test_the_cookie_holds_only_an_id_and_is_strict(client):
    """HttpOnly, SameSite=Strict, and nothing of the session inside the value."""
    await client.get("/")
    token = csrf_of(await (await client.get("/")).text())
    response = await client.post(
        "/login",
        data={"reg_number": "DEMO001", "pin": "1234", "csrf": token},
        allow_redirects=False,
    )
    header = response.headers["Set-Cookie"]
    assert "HttpOnly" in header and "SameSite=Strict" in header
    value = cookie_of(client)
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", value) and "DEMO001" not in value


# --- accounts checked on every request ----------------------------------------------------
async def test_a_disabled_staff_account_is_signed_out_at_the_next_request(staff_client, sessions):
    """Disabling the account ends its open session at once."""
    await staff_sign_in(staff_client, "staff")
    assert (await staff_client.get("/staff", allow_redirects=False)).status == 200
    with session_scope(sessions) as db:
        db.execute(update(staff.StaffAccount).values(active=False))
    response = await staff_client.get("/staff", allow_redirects=False)
    assert response.status == 303 and response.headers["Location"] == "/staff/login"
    token, refused = await staff_sign_in(staff_client, "staff")
    assert token is None and "klopt niet" in await refused.text()


async def test_a_role_change_applies_at_the_next_request(staff_client, sessions):
    """An admin made staff loses the audit log on the next request, without signing out."""
    await staff_sign_in(staff_client, "admin")
    assert (await staff_client.get("/staff/audit")).status == 200
    with session_scope(sessions) as db:
        staff.set_role(db, "admin", "staff")
    assert (await staff_client.get("/staff/audit")).status == 403
    assert (await staff_client.get("/staff", allow_redirects=False)).status == 200


# --- idle expiry on the server ------------------------------------------------------------
async def test_an_idle_kiosk_session_is_ended_by_the_server_without_any_script(
    client, sessions, portal_settings, rasa
):
    """No request for RIC_IDLE_SECONDS: signed out; the next person never sees the chat."""
    csrf, html = await sign_in(client)
    assert "Demo Sam" in html
    age(sessions, "detainee", portal_settings.ric_idle_seconds)
    page = await (await client.get("/")).text()
    assert 'id="messages"' not in page and "Demo Sam" not in page
    assert (await client.get("/api/panel")).status == 401
    _, html = await sign_in(client, reg="DEMO002", pin="2345")
    assert "Demo Yusuf" in html and "Demo Sam" not in html and "DEMO001" not in html
    csrf = re.search(r'data-csrf="([^"]+)"', html).group(1)
    await client.post("/api/message", json={"text": "hoi"}, headers={"X-CSRF-Token": csrf})
    assert [m["sender"] for m in rasa.received] == ["DEMO002"]


async def test_a_kiosk_request_before_the_idle_limit_keeps_the_session(
    client, sessions, portal_settings
):
    """Any request (the page's activity ping too) restarts the server's idle clock."""
    await sign_in(client)
    age(sessions, "detainee", portal_settings.ric_idle_seconds - 30)
    assert (await client.get("/api/alive")).status == 200
    age(sessions, "detainee", 60)
    assert (await client.get("/api/panel")).status == 200


async def test_an_idle_staff_session_ends_after_the_staff_idle_limit(staff_client, sessions):
    """RIC_STAFF_IDLE_SECONDS without a request ends a staff session."""
    await staff_sign_in(staff_client, "staff")
    age(sessions, "staff", 1799)
    assert (await staff_client.get("/staff", allow_redirects=False)).status == 200
    age(sessions, "staff", 1801)
    assert (await staff_client.get("/staff", allow_redirects=False)).status == 303


async def test_a_staff_session_ends_at_its_absolute_life(staff_client, sessions):
    """PORTAL_SESSION_SECONDS after sign-in the session ends, however active it was."""
    await staff_sign_in(staff_client, "staff")
    with session_scope(sessions) as db:
        db.execute(update(WebSession).values(expires_at=WebSession.last_seen))
    assert (await staff_client.get("/staff", allow_redirects=False)).status == 303


# --- the default secret -------------------------------------------------------------------
def test_the_default_secret_is_refused_without_the_development_flag(settings):
    """init_app (so `ric portal` and `ric run`) refuses the published PORTAL_SECRET."""
    default = settings.with_overrides(portal_secret=settings_module.DEFAULT_PORTAL_SECRET)
    with pytest.raises(SettingsError, match="PORTAL_SECRET is the published default"):
        init_app(default)
    assert isinstance(init_app(default.with_overrides(ric_development=True)), web.Application)


def test_ric_portal_stops_with_a_clear_message_on_the_default_secret(monkeypatch, tmp_path):
    """`ric portal` ends with one sentence, not a traceback."""
    from ric.portal import app

    monkeypatch.delenv("PORTAL_SECRET", raising=False)
    monkeypatch.setenv("RIC_DEVELOPMENT", "false")
    monkeypatch.setenv("RIC_VAR_DIR", str(tmp_path))
    with pytest.raises(SystemExit, match="PORTAL_SECRET is the published default"):
        app.main()


# --- CSRF as a middleware -----------------------------------------------------------------
def _sample(canonical: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: SAMPLES.get(m.group(1), "1"), canonical)


async def test_every_unsafe_route_refuses_a_request_without_the_csrf_token(
    aiohttp_client, staff_settings
):
    """Signed in (admin for /staff, a detainee elsewhere), no token or a wrong one: 403."""
    app = init_app(staff_settings)
    routes = sorted(
        {
            (route.method, _sample(route.resource.canonical))
            for route in app.router.routes()
            if route.method in UNSAFE and route.resource is not None
        }
    )
    assert len(routes) >= 10
    admin = await aiohttp_client(app)
    await staff_sign_in(admin, "admin")
    detainee = await aiohttp_client(init_app(staff_settings))
    await sign_in(detainee)
    for method, path in routes:
        client = admin if path.startswith("/staff") else detainee
        for headers, data in (({}, {"x": "1"}), ({"X-CSRF-Token": "wrong"}, {"csrf": "wrong"})):
            response = await client.request(
                method, path, data=data, headers=headers, allow_redirects=False
            )
            assert response.status == 403, f"{method} {path}: {response.status}"
    # still signed in: the refusals changed nothing
    assert (await admin.get("/staff/audit")).status == 200
    assert (await detainee.get("/api/panel")).status == 200


async def test_the_sign_in_token_belongs_to_the_session_that_showed_the_form(
    aiohttp_client, portal_settings
):
    """A token copied from another browser's sign-in page is refused."""
    one = await aiohttp_client(init_app(portal_settings))
    other = await aiohttp_client(init_app(portal_settings))
    token = csrf_of(await (await one.get("/")).text())
    await other.get("/")
    response = await other.post(
        "/login", data={"reg_number": "DEMO001", "pin": "1234", "csrf": token}
    )
    assert response.status == 403
    assert "verlopen" in await response.text()


async def test_the_kiosk_script_header_token_is_accepted(client, rasa):
    """The page's script sends X-CSRF-Token (JSON) and the csrf field (logout); both work."""
    csrf, _ = await sign_in(client)
    sent = await client.post("/api/message", json={"text": "hoi"}, headers={"X-CSRF-Token": csrf})
    assert sent.status == 200
    out = await client.post(
        "/logout",
        data=f"csrf={csrf}",
        headers={
            "X-CSRF-Token": csrf,
            "Content-Type": "application/x-www-form-urlencoded",
        },
        allow_redirects=False,
    )
    assert out.status == 303


# --- throttling ---------------------------------------------------------------------------
async def test_wrong_pins_from_one_terminal_do_not_lock_the_detainee_out_elsewhere(terminals):
    """Five failures on DEMO001 at terminal A lock it at A only; at B the detainee signs in."""
    client = await terminals()
    for _ in range(5):
        assert "klopt niet" in await kiosk_sign_in(client, "10.0.0.1", "DEMO001", "0000")
    assert "Te vaak" in await kiosk_sign_in(client, "10.0.0.1", "DEMO001", "1234")
    other = await terminals()
    assert 'id="messages"' in await kiosk_sign_in(other, "10.0.0.2", "DEMO001", "1234")


async def test_many_failures_from_one_address_block_that_address_only(terminals, portal_settings):
    """Past the per-address limit, terminal A may not try any number; terminal B may."""
    settings = portal_settings.with_overrides(ric_login_max_failures_per_address=4)
    client = await terminals(settings)
    for reg in ("DEMO003", "DEMO004", "NOBODY1", "NOBODY2"):
        assert "klopt niet" in await kiosk_sign_in(client, "10.0.0.7", reg, "0000")
    assert "Te vaak" in await kiosk_sign_in(client, "10.0.0.7", "DEMO002", "2345")
    other = await terminals(settings)
    assert 'id="messages"' in await kiosk_sign_in(other, "10.0.0.8", "DEMO002", "2345")


async def test_unknown_accounts_are_checked_against_a_dummy_hash(client, monkeypatch):
    """Known and unknown numbers both cost one argon2 verification (equal response time)."""
    checked: list[str] = []

    class Recording(PasswordHasher):
        def verify(self, hash, password):  # noqa: A002 - argon2's own parameter name
            checked.append(hash)
            return super().verify(hash, password)

    monkeypatch.setattr(credentials, "_hasher", Recording())
    credentials._dummy.clear()
    await sign_in(client, reg="NOBODY99", pin="0000")
    await sign_in(client, reg="DEMO001", pin="0000")
    assert len(checked) == 2
    assert checked[0] == credentials.dummy_hash() and checked[1] != checked[0]
    assert all(h.startswith("$argon2") for h in checked)


# --- audit ------------------------------------------------------------------------------
async def test_kiosk_sign_ins_failures_and_lockouts_are_audited_without_typed_text(
    client, sessions
):
    """Success under the number; failures, lockout and refusals under 'anonymous', hashed."""
    await sign_in(client, reg="NOBODY99", pin="0000")
    for _ in range(5):
        await sign_in(client, reg="DEMO002", pin="9999")
    await sign_in(client, reg="DEMO002", pin="2345")
    await sign_in(client)
    rows = audit_rows(sessions)
    actions = [(r.actor, r.action) for r in rows]
    assert actions[0] == ("anonymous", "kiosk_login_failed")
    assert "unknown account" in rows[0].target
    assert actions.count(("anonymous", "kiosk_login_failed")) == 6
    assert ("anonymous", "kiosk_lockout") in actions
    assert ("anonymous", "kiosk_login_refused") in actions
    assert actions[-1] == ("DEMO001", "kiosk_login")
    failed = [r for r in rows if r.actor == "anonymous"]
    assert all("NOBODY99" not in r.target and "DEMO002" not in r.target for r in failed)
    assert all("9999" not in r.target and "0000" not in r.target for r in failed)


async def test_a_failed_staff_sign_in_does_not_store_the_typed_username(staff_client, sessions):
    """A password typed in the username field never reaches the audit log."""
    await staff_sign_in(staff_client, "my-secret-password-2026", "whatever")
    await staff_sign_in(staff_client, "admin", "wrong-password")
    rows = audit_rows(sessions)
    assert [r.action for r in rows] == ["login_failed", "login_failed"]
    assert all("my-secret-password-2026" not in r.target + r.actor for r in rows)
    assert "unknown account" in rows[0].target and "unknown" not in rows[1].target


async def test_the_kiosk_sign_in_page_reloads_itself_before_its_session_could_end(
    client, portal_settings
):
    """A terminal left on the sign-in page keeps a valid form (no 'form expired')."""
    html = await (await client.get("/")).text()
    seconds = int(re.search(r'data-refresh="(\d+)"', html).group(1))
    assert 0 < seconds < portal_settings.portal_session_seconds
    assert '<script src="/static/login.js"' in html  # a script, not a timed meta refresh (axe)


async def test_a_token_with_odd_characters_is_refused_not_a_server_error(client):
    """Non-ASCII or very long tokens are a plain 403, never a 500."""
    await sign_in(client)
    for token in ("é" * 40, "x" * 5000, "\x00"):
        response = await client.post("/logout", data={"csrf": token}, allow_redirects=False)
        assert response.status == 403
    response = await client.post(
        "/logout",
        data=b"csrf=%FF%FE",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        allow_redirects=False,
    )
    assert response.status in (400, 403)
