"""The action server refuses callers without the shared token; Rasa's HTTP API is off."""

from __future__ import annotations

import uuid

import requests
from sqlalchemy import select

from bot.store.db import engine_for
from bot.store.tracker_events import events
from tests.e2e.stack import Stack


def test_action_server_needs_the_token(stack: Stack) -> None:
    base = f"http://127.0.0.1:{stack.action_port}"
    body = {"next_action": "action_respond", "sender_id": "rest:x", "tracker": {}, "domain": {}}
    assert requests.post(f"{base}/webhook", json=body, timeout=10).status_code == 401
    wrong = {"Authorization": "Bearer wrong"}
    assert requests.get(f"{base}/actions", headers=wrong, timeout=10).status_code == 401
    right = {"Authorization": f"Bearer {stack.env['ACTION_SERVER_TOKEN']}"}
    actions = requests.get(f"{base}/actions", headers=right, timeout=10).json()
    assert [a["name"] for a in actions] == ["action_respond"]
    assert requests.get(f"{base}/health", timeout=10).status_code == 200


def test_rasa_http_api_is_not_exposed(stack: Stack) -> None:
    for path in ("/status", "/model/parse", "/conversations/rest:x/tracker"):
        response = requests.request(
            "POST" if path == "/model/parse" else "GET", stack.url + path, timeout=10
        )
        assert response.status_code in (404, 405), path


def test_bad_requests_to_the_rest_channel(stack: Stack) -> None:
    url = f"{stack.url}/webhooks/rest/webhook"
    assert requests.post(url, json={"message": "hi"}, timeout=10).status_code == 400
    assert requests.post(url, json={"sender": "x", "message": 5}, timeout=10).status_code == 400


def test_a_bsn_is_never_stored_and_the_person_is_warned(stack: Stack, sender: str) -> None:
    reply = stack.text(
        sender, "hallo, mijn bsn is 111 222 333. wanneer is mijn pvt?", language="nl"
    )
    assert "Stuur hier geen BSN" in reply
    # Another person, writing Arabic (a short Arabic message in a Dutch conversation would not
    # switch its language: bot.i18n.conversation)
    other = uuid.uuid4().hex
    arabic = stack.text(other, "رقمي 123456782 وحسابي NL91ABNA0417164300", language="ar")
    assert "BSN" in arabic and "من فضلك" in arabic
    with engine_for(stack.tracker_store_url).connect() as connection:
        stored = connection.execute(
            select(events.c.data).where(events.c.sender_id.in_([f"rest:{sender}", f"rest:{other}"]))
        ).scalars()
        text = " ".join(stored)
    # (not "111" alone: timestamps and confidences in the events hold any digits)
    assert "111 222 333" not in text and "123456782" not in text and "0417164300" not in text
    assert "[BSN]" in text and "[IBAN]" in text
