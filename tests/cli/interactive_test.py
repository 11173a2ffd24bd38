"""`keyshift migrate -i` driven through a pseudo-terminal (stdlib pty): the
answers accept, skip, accept all in a file and quit, and a group that spans
three files (a .env entry, a settings module's key read and the client in
another file that sends it) is applied or skipped as a whole. Also: no
terminal on stdin is refused, and a file edited while the question is open
keeps its bytes and takes its whole group with it.

Usage: python3 interactive_test.py <keyshift binary>
"""

import os
import pty
import random
import select
import shutil
import string
import subprocess
import sys
import tempfile
import time
import unittest

KEYSHIFT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else "keyshift"
PROMPT = b"[y,n,a,q,?]? "
PROXY = "https://openrouter.ai/api/v1"


def fake_key():
    # Generated at run time (a realistic key is never committed).
    rnd = random.Random(15)
    body = "".join(rnd.choice(string.ascii_letters + string.digits) for _ in range(20))
    return "sk-proj-" + body + "T3B" + "lbkFJ" + body[::-1]


KEY = fake_key()

FILES = {
    ".keyshift.json": '{ "proxy": { "preset": "openrouter" } }\n',
    ".env": "OPENAI_API_KEY=\n",
    "app/settings.py": 'import os\n\nOPENAI_API_KEY = os.environ["OPENAI_API_KEY"]\n',
    "app/chat.py": (
        "from openai import OpenAI\n\n"
        "from app import settings\n\n"
        "client = OpenAI(api_key=settings.OPENAI_API_KEY)\n"
    ),
    "tools/batch.py": (
        "from openai import OpenAI\n\n"
        'batch = OpenAI(api_key="%s")\n'
        'nightly = OpenAI(api_key="%s")\n' % (KEY, KEY)
    ),
}
CROSS_FILE = [".env", "app/settings.py", "app/chat.py"]


def drive(cwd, answers, on_prompt=None, timeout=120):
    """Runs `keyshift migrate -i` on a pty, answering each question with the
    next answer; returns (exit code, everything printed, questions asked)."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: keyshift with the pty as its terminal
        os.chdir(cwd)
        os.execv(KEYSHIFT, [KEYSHIFT, "migrate", "-i", "--color", "never"])
    out, asked, pending = b"", 0, list(answers)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 1)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
        if out.endswith(PROMPT):
            asked += 1
            if on_prompt:
                on_prompt(asked)
            # Out of answers: end of input, which keyshift takes as quit.
            os.write(fd, (pending.pop(0) + "\n").encode() if pending else b"\x04")
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), out.decode(errors="replace"), asked


class Interactive(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="keyshift-i-")
        for path, text in FILES.items():
            os.makedirs(os.path.join(self.dir, os.path.dirname(path)), exist_ok=True)
            with open(os.path.join(self.dir, path), "w") as f:
                f.write(text)
        subprocess.run(["git", "init", "-q", self.dir], check=True)

    def tearDown(self):
        shutil.rmtree(self.dir)

    def read(self, path):
        with open(os.path.join(self.dir, path)) as f:
            return f.read()

    def line(self, path, start):
        return next(l for l in self.read(path).splitlines() if l.startswith(start))

    def unchanged(self, *paths):
        for p in paths:
            self.assertEqual(self.read(p), FILES[p], p)

    def cross_file_applied(self):
        self.assertEqual(self.read(".env"), "OPENROUTER_API_KEY=\n")
        self.assertIn('os.environ["OPENROUTER_API_KEY"]', self.read("app/settings.py"))
        self.assertIn('base_url="%s"' % PROXY, self.read("app/chat.py"))

    def test_groups_are_shown_with_their_findings(self):
        code, out, asked = drive(self.dir, ["n", "n", "n"])
        self.assertEqual(code, 0, out)
        self.assertEqual(asked, 3, out)
        # The cross-file group comes first: three files, one flow.
        first = out.split("Change 2 of 3")[0]
        self.assertIn("Change 1 of 3: 3 edits in 3 files, one flow (OPENAI_API_KEY)", first)
        for path in CROSS_FILE:
            self.assertIn("diff --git a/%s b/%s" % (path, path), first)
        self.assertIn("app/chat.py:5:10: warning:", first)
        self.assertIn("[python.env-key-ref]", first)
        # A client and the hard-coded key in its arguments are one group.
        second = out.split("Change 2 of 3")[1].split("Change 3 of 3")[0]
        self.assertIn("[python.client-construction]", second)
        self.assertIn("[python.hardcoded-key]", second)
        self.assertNotIn(KEY, out)  # the diff shown is redacted
        self.assertIn("0 of 3 changes accepted", out)
        self.unchanged(*FILES)

    def test_accept_applies_the_whole_cross_file_group(self):
        code, out, asked = drive(self.dir, ["y", "n", "n"])
        self.assertEqual(code, 0, out)
        self.cross_file_applied()
        self.unchanged("tools/batch.py")
        self.assertIn("3 files changed", out)

    def test_skip_leaves_every_file_of_the_group(self):
        code, out, _ = drive(self.dir, ["n", "y", "n"])
        self.assertEqual(code, 0, out)
        self.unchanged(*CROSS_FILE)
        # The first client moved with its key; the second kept both.
        first, second = self.line("tools/batch.py", "batch ="), self.line("tools/batch.py", "nightly =")
        self.assertIn('os.environ["OPENROUTER_API_KEY"]', first)
        self.assertIn(PROXY, first)
        self.assertIn(KEY, second)
        self.assertNotIn(PROXY, second)

    def test_all_in_file_accepts_the_later_groups_of_that_file(self):
        code, out, asked = drive(self.dir, ["n", "a"])
        self.assertEqual(code, 0, out)
        self.assertEqual(asked, 2, out)  # the third group was not asked
        self.assertNotIn(KEY, self.read("tools/batch.py"))
        self.assertEqual(self.read("tools/batch.py").count(PROXY), 2)
        self.unchanged(*CROSS_FILE)

    def test_quit_applies_what_was_accepted_and_nothing_after(self):
        code, out, asked = drive(self.dir, ["y", "q"])
        self.assertEqual(code, 0, out)
        self.assertEqual(asked, 2, out)
        self.cross_file_applied()
        self.unchanged("tools/batch.py")
        self.assertIn("1 of 3 changes accepted", out)

    def test_unknown_answer_prints_help_and_asks_again(self):
        code, out, asked = drive(self.dir, ["x", "q"])
        self.assertEqual(code, 0, out)
        self.assertEqual(asked, 2, out)
        self.assertIn("a - apply this change and every later one that touches .env", out)
        self.unchanged(*FILES)

    def test_a_file_edited_during_the_question_takes_its_group_along(self):
        def edit_settings(asked):
            if asked == 1:
                with open(os.path.join(self.dir, "app/settings.py"), "a") as f:
                    f.write("# edited meanwhile\n")

        code, out, _ = drive(self.dir, ["y", "y", "n"], on_prompt=edit_settings)
        self.assertEqual(code, 3, out)
        self.assertIn("app/settings.py: error: skipped: changed since it was reviewed", out)
        # Neither the .env entry nor the client moved without the key read.
        self.unchanged(".env", "app/chat.py")
        self.assertIn(PROXY, self.line("tools/batch.py", "batch ="))

    def test_nothing_to_change_asks_nothing(self):
        os.remove(os.path.join(self.dir, "tools/batch.py"))
        for path in CROSS_FILE:
            os.remove(os.path.join(self.dir, path))
        code, out, asked = drive(self.dir, [])
        self.assertEqual(code, 0, out)
        self.assertEqual(asked, 0, out)
        self.assertIn("keyshift: nothing to change", out)

    def test_refused_without_a_terminal(self):
        r = subprocess.run([KEYSHIFT, "migrate", "-i"], cwd=self.dir, stdin=subprocess.DEVNULL,
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("migrate -i asks its questions on a terminal, and stdin is not one", r.stderr)
        self.unchanged(*FILES)

    def test_excludes_apply(self):
        r = subprocess.run([KEYSHIFT, "migrate", "-i", "--apply"], cwd=self.dir,
                           stdin=subprocess.DEVNULL, capture_output=True, text=True)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("-i/--interactive and --apply exclude each other", r.stderr)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
