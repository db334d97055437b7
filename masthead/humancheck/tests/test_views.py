from masthead.humancheck.challenge import token_read


def test_challenge_endpoint_gives_a_fresh_uncacheable_question(client):
    first = client.get("/human-check/challenge/")
    second = client.get("/human-check/challenge/")
    assert first.status_code == 200
    assert "no-store" in first["Cache-Control"] and "private" in first["Cache-Control"]
    body = first.json()
    assert set(body) == {"token", "question", "pow"}
    assert body["question"].endswith(" =")
    assert token_read(body["token"]).nonce == body["pow"]["parameters"]["data"]["n"]
    assert second.json()["token"] != body["token"]


def test_challenge_endpoint_refuses_posts(client):
    assert client.post("/human-check/challenge/").status_code == 405
