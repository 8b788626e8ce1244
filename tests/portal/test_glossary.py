"""GET /api/glossary: the kiosk's read-only glossary, for a signed-in detainee."""

from tests.portal.conftest import sign_in


async def test_a_signed_in_detainee_gets_the_glossary_in_the_chat_language(client):
    await sign_in(client)
    response = await client.get("/api/glossary")
    assert response.status == 200
    body = await response.json()
    assert body["lang"] == "nl"
    terms = {term["id"]: term for term in body["terms"]}
    assert "detentieverklaring" in terms["detentieverklaring"]["words"]
    assert terms["detentieverklaring"]["easy"].startswith("Een detentieverklaring")


async def test_another_language_can_be_asked_and_an_unknown_one_falls_back(client):
    await sign_in(client)
    polish = await (await client.get("/api/glossary?lang=pl")).json()
    assert polish["lang"] == "pl"
    unknown = await client.get("/api/glossary?lang=xx")
    assert unknown.status == 200 and (await unknown.json())["lang"] == "nl"


async def test_without_signing_in_the_glossary_is_refused(client):
    response = await client.get("/api/glossary")
    assert response.status == 401
