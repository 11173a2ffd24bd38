"""Offline evaluation helpers: no API calls here."""


class OpenAI:
    """A stub with the SDK's shape, used in offline evaluations."""

    def __init__(self, **kwargs):
        self.kwargs = kwargs


def fake_client():
    return OpenAI()
