"""The action server refuses callers without the shared token; Rasa's HTTP API is off."""

from __future__ import annotations

import requests

from tests.e2e.stack import Stack


def test_action_server_needs_the_token(stack: Stack) -> None:
    base = f"http://127.0.0.1:{stack.action_port}"
    body = {
        "next_action": "action_answer_deadline",
        "sender_id": "rest:x",
        "tracker": {},
        "domain": {},
    }
    assert requests.post(f"{base}/webhook", json=body, timeout=10).status_code == 401
    assert (
        requests.post(f"{base}/nlg", json={"response": "utter_help"}, timeout=10).status_code == 401
    )
    wrong = {"Authorization": "Bearer wrong"}
    assert requests.get(f"{base}/actions", headers=wrong, timeout=10).status_code == 401
    right = {"Authorization": f"Bearer {stack.env['ACTION_SERVER_TOKEN']}"}
    nlg = requests.post(
        f"{base}/nlg",
        json={"response": "utter_help", "arguments": {}, "tracker": {"slots": {"language": "nl"}}},
        headers=right,
        timeout=10,
    )
    assert nlg.status_code == 200 and "inburgering" in nlg.json()["text"]
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
