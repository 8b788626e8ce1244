"""The session cookie's attributes and the idle limits per kind of session (ric.portal.cookies)."""

from ric import settings as ric_settings
from ric.portal.cookies import COOKIE, StoreSessionStorage, limits, new_token


def _settings(**environ):
    return ric_settings.load({"RIC_ENV": "development", **environ})


def test_each_kind_of_session_has_its_own_idle_limit_and_all_share_one_lifetime():
    found = limits(_settings(RIC_IDLE_SECONDS="90", RIC_STAFF_IDLE_SECONDS="900"))
    assert found.idle["detainee"] == 90
    assert found.idle["staff"] == 900
    assert found.lifetime == found.idle["anonymous"]


def test_the_cookie_is_http_only_strict_and_secure_only_when_asked():
    plain = StoreSessionStorage(_settings())
    secure = StoreSessionStorage(_settings(PORTAL_SECURE_COOKIES="1"))
    assert plain.cookie_name == COOKIE
    assert plain.cookie_params["httponly"] is True
    assert plain.cookie_params["samesite"] == "Strict"
    assert not plain.cookie_params["secure"]
    assert secure.cookie_params["secure"]


def test_csrf_tokens_are_random_and_long_enough():
    tokens = {new_token() for _ in range(100)}
    assert len(tokens) == 100 and all(len(t) >= 32 for t in tokens)
