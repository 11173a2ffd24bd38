"""Clients for the three deployments: each authenticates differently."""
from openai import OpenAI
from openai.auth import WorkloadIdentity

from .identity import gcp_provider

# Federated: a workload identity token, exchanged for an access token.
federated = OpenAI(workload_identity=WorkloadIdentity(provider="gcp"))

# Hosted through a cloud provider's own credential chain.
hosted = OpenAI(provider=gcp_provider())

DOCS = "https://platform.openai.com/docs/guides/production-best-practices"


class TokenExchange:
    """Exchanges a cloud identity token for one the API accepts."""

    def __init__(self, audience: str = "https://api.openai.com/v1"):
        self.audience = audience
