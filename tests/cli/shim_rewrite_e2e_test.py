"""End to end: `keyshift migrate --apply --shim` output runs with the
Python shim. A module building an OpenAI client is rewritten, then imported
against a duck-typed `openai` package: the client must be wrapped, point at
the proxy with the proxy key from the environment, and retry a 503 through
the shim (the metrics show two attempts).

Usage: python3 shim_rewrite_e2e_test.py <keyshift binary> <source dir>
"""

import os
import random
import string
import subprocess
import sys
import tempfile
import textwrap
import unittest

KEYSHIFT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else "keyshift"
SOURCE = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else os.getcwd()

FAKE_OPENAI = '''
"""A stand-in for openai-python: records how clients are built, plays a
scripted list of outcomes for chat.completions.create."""
from types import SimpleNamespace

SCRIPT = []   # outcomes to play: an int status (error) or "ok"
CALLS = []


class APIStatusError(Exception):
    def __init__(self, status):
        super().__init__(f"status {status}")
        self.status_code = status
        self.response = SimpleNamespace(status_code=status, headers={})
        self.body = None


class _Completions:
    def __init__(self, client):
        self._client = client

    def create(self, **kwargs):
        CALLS.append(kwargs)
        outcome = SCRIPT.pop(0) if SCRIPT else "ok"
        if outcome != "ok":
            raise APIStatusError(outcome)
        usage = SimpleNamespace(prompt_tokens=3, completion_tokens=2, total_tokens=5)
        return SimpleNamespace(model=kwargs.get("model"), usage=usage, choices=[])


class OpenAI:
    def __init__(self, base_url=None, api_key=None, max_retries=2, **kwargs):
        self.base_url = base_url
        self.api_key = api_key
        self.max_retries = max_retries
        self.chat = SimpleNamespace(completions=_Completions(self))

    def with_options(self, max_retries=None, **kwargs):
        clone = OpenAI(self.base_url, self.api_key, max_retries)
        return clone
'''


class ShimRewriteEndToEnd(unittest.TestCase):
    def test_rewritten_module_runs_through_the_shim(self):
        with tempfile.TemporaryDirectory() as tmp:
            app = os.path.join(tmp, "app.py")
            with open(app, "w") as f:
                f.write(textwrap.dedent('''\
                    """A service that talks to OpenAI."""
                    from openai import OpenAI

                    client = OpenAI()
                    '''))
            run = subprocess.run(
                [KEYSHIFT, "migrate", "--apply", "--shim", "--quiet",
                 "--base-url", "http://127.0.0.1:9/v1", "--key-env", "PROXY_KEY", "."],
                cwd=tmp, capture_output=True, text=True)
            self.assertEqual(run.returncode, 0, run.stderr)
            with open(app) as f:
                rewritten = f.read()
            self.assertIn("from keyshift_shim import wrap", rewritten)
            self.assertIn("client = wrap(OpenAI(", rewritten)

            fakes = os.path.join(tmp, "fakes", "openai")
            os.makedirs(fakes)
            with open(os.path.join(fakes, "__init__.py"), "w") as f:
                f.write(FAKE_OPENAI)
            key = "proxy-" + "".join(random.choice(string.ascii_letters) for _ in range(24))
            probe = textwrap.dedent('''\
                import openai, keyshift_shim, app
                openai.SCRIPT[:] = [503, "ok"]
                reply = app.client.chat.completions.create(model="m", messages=[])
                assert reply.model == "m", reply
                inner = keyshift_shim.unwrap(app.client)
                print("base_url", inner.base_url)
                print("api_key", inner.api_key)
                print("max_retries", inner.max_retries)
                print("calls", len(openai.CALLS))
                print(keyshift_shim.prometheus_text())
                ''')
            env = dict(os.environ)
            env["PYTHONPATH"] = os.pathsep.join(
                [os.path.join(SOURCE, "lib", "shim", "python"), os.path.join(tmp, "fakes"), tmp])
            env["PROXY_KEY"] = key
            env["PYTHONDONTWRITEBYTECODE"] = "1"
            out = subprocess.run([sys.executable, "-c", probe], cwd=tmp, env=env,
                                 capture_output=True, text=True, timeout=60)
            self.assertEqual(out.returncode, 0, out.stderr)
            self.assertIn("base_url http://127.0.0.1:9/v1", out.stdout)
            self.assertIn("api_key " + key, out.stdout)
            self.assertIn("max_retries 0", out.stdout, "the SDK's own retries are off")
            self.assertIn("calls 2", out.stdout, "the 503 was retried by the shim")
            self.assertRegex(out.stdout, r'keyshift_attempts_total\{[^}]*outcome="retryable"\} 1')
            self.assertRegex(out.stdout, r'keyshift_attempts_total\{[^}]*outcome="success"\} 1')


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
