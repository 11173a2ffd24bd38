"""Unit tests with a key-shaped fixture: still a hard-coded key."""
from unittest import mock

from openai import OpenAI

TEST_KEY = "@@FAKE_OPENAI_PROJECT_KEY@@"


def test_client_sends_the_key():
    client = OpenAI(api_key="@@FAKE_OPENAI_KEY@@")
    with mock.patch.object(client.chat.completions, "create") as create:
        client.chat.completions.create(model="gpt-4o-mini", messages=[])
    create.assert_called_once()


def test_placeholder_is_not_a_key():
    assert OpenAI(api_key="sk-test-placeholder").api_key.startswith("sk-")
