"""Notebook round trip: `keyshift migrate` on a Jupyter notebook gives a
diff that `git apply` takes, and the notebook it writes is valid JSON with
the same cells (count, types, metadata, outputs), only code-cell sources
changed, every rewritten cell parsing as Python once IPython lines are
blanked, `import os` in the cell that needs it, and the same layout (indent,
key order, trailing newline). A key in an output is reported, never edited.

Usage: python3 notebook_roundtrip_test.py <keyshift binary>
"""

import ast
import json
import os
import random
import string
import subprocess
import sys
import tempfile
import unittest

KEYSHIFT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else "keyshift"


def fake_key():
    # Generated at run time (a realistic key is never committed).
    rnd = random.Random(12)
    body = "".join(rnd.choice(string.ascii_letters + string.digits) for _ in range(20))
    return "sk-proj-" + body + "T3B" + "lbkFJ" + body[::-1]


def lines(text):
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def python_of(cell):
    src = "".join(cell["source"])
    return "\n".join("#" + l.lstrip()[1:] if l.lstrip()[:1] in "%!" else l
                     for l in src.split("\n"))


class NotebookRoundTrip(unittest.TestCase):
    def setUp(self):
        self.key = fake_key()
        self.nb = {
            "cells": [
                {"cell_type": "markdown", "metadata": {},
                 "source": lines("Uses `OpenAI()` and OPENAI_API_KEY.")},
                {"cell_type": "code", "execution_count": 1, "metadata": {},
                 "outputs": [], "source": lines("!pip install openai\nfrom openai import OpenAI")},
                {"cell_type": "code", "execution_count": 2,
                 "metadata": {"collapsed": False},
                 "outputs": [{"name": "stdout", "output_type": "stream",
                              "text": ["key: " + self.key + "\n"]}],
                 "source": lines('client = OpenAI()\nprint("caf\u00e9 \\"q\\"\\t")')},
                {"cell_type": "code", "execution_count": 3, "metadata": {},
                 "outputs": [], "source": lines("client2 = OpenAI(timeout=30)")},
            ],
            "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                        "language": "python"}},
            "nbformat": 4, "nbformat_minor": 5,
        }
        self.dir = tempfile.mkdtemp()
        self.text = json.dumps(self.nb, indent=1, ensure_ascii=False) + "\n"
        self.path = os.path.join(self.dir, "chat.ipynb")
        with open(self.path, "w", encoding="utf-8") as f:
            f.write(self.text)
        subprocess.run(["git", "init", "-q", self.dir], check=True)
        subprocess.run(["git", "-C", self.dir, "add", "-A"], check=True)

    def migrate(self, *extra):
        return subprocess.run(
            [KEYSHIFT, "migrate", "--base-url", "https://llm-proxy.example/v1",
             "--key-env", "LLM_PROXY_KEY", *extra, self.path],
            cwd=self.dir, capture_output=True, text=True)

    def test_round_trip(self):
        diff = self.migrate()
        self.assertIn("+", diff.stdout)
        self.assertNotIn(self.key, diff.stdout + diff.stderr)
        check = subprocess.run(["git", "-C", self.dir, "apply", "--check", "-"],
                               input=diff.stdout, text=True, capture_output=True)
        self.assertEqual(check.returncode, 0, check.stderr)
        subprocess.run(["git", "-C", self.dir, "apply", "-"], input=diff.stdout,
                       text=True, check=True)
        with open(self.path, encoding="utf-8") as f:
            after_text = f.read()
        after = json.loads(after_text)
        # The same layout: re-dumping gives the very bytes written.
        self.assertEqual(json.dumps(after, indent=1, ensure_ascii=False) + "\n",
                         after_text)
        self.assertEqual(list(after), list(self.nb))
        self.assertEqual(after["metadata"], self.nb["metadata"])
        self.assertEqual(len(after["cells"]), len(self.nb["cells"]))
        changed = []
        for i, (old, new) in enumerate(zip(self.nb["cells"], after["cells"])):
            self.assertEqual(old["cell_type"], new["cell_type"])
            self.assertEqual(list(old), list(new))
            for k in old:
                if k != "source":
                    self.assertEqual(old[k], new[k], (i, k))
            if old["source"] != new["source"]:
                self.assertEqual(new["cell_type"], "code")
                changed.append(i)
                ast.parse(python_of(new))
                # One string per line, each but the last ending in a newline.
                for s in new["source"][:-1]:
                    self.assertTrue(s.endswith("\n") and s.count("\n") == 1, s)
        self.assertEqual(changed, [2, 3])
        src2 = "".join(after["cells"][2]["source"])
        self.assertIn("import os\n", src2)
        self.assertIn('os.environ["LLM_PROXY_KEY"]', src2)
        self.assertIn('print("caf\u00e9 \\"q\\"\\t")', src2)
        self.assertIn("import os\n", "".join(after["cells"][3]["source"]))
        # The output still holds its key: outputs are reported, not edited.
        self.assertIn(self.key, after_text)
        # Idempotent: a second run changes nothing.
        self.assertEqual(self.migrate().stdout, "")


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
