#!/usr/bin/env python3
"""`keyshift audit --format html` in a real browser: headless Chromium loads
the page from disk, and the rendered DOM must hold the counts the JSON audit
gives, the proxy settings, a before/after edit, and no fake key anywhere.
A screenshot is kept as an artifact (ARTIFACT_DIR/html_report.png).

usage: html_browser_test.py KEYSHIFT ARTIFACT_DIR   (exit 0 pass, 1 fail,
77 skip: no chromium; tools/bootstrap.sh installs it)
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import string
import subprocess
import sys
import tempfile


def fake_key() -> str:
    # Made at run time so no key-shaped literal sits in the repository: the
    # marker OpenAI keys carry (base64 of "OpenAI") is spelled in pieces.
    chars = string.ascii_letters + string.digits
    rnd = random.SystemRandom()
    part = lambda n: "".join(rnd.choice(chars) for _ in range(n))  # noqa: E731
    return "sk-" + "proj-" + part(74) + "T3Bl" + "bkFJ" + part(74)


def main() -> int:
    keyshift, artifacts = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        print("skip: chromium is not installed (tools/bootstrap.sh test installs it)")
        return 77
    os.makedirs(artifacts, exist_ok=True)
    key = fake_key()
    failures = []

    def expect(ok: bool, what: str) -> None:
        if not ok:
            failures.append(what)
            print("FAIL:", what)

    with tempfile.TemporaryDirectory(prefix="keyshift-html-") as repo:
        os.makedirs(os.path.join(repo, "app"))
        with open(os.path.join(repo, "app", "llm.py"), "w") as f:
            f.write("from openai import OpenAI\n\n"
                    f'client = OpenAI(api_key="{key}")\n'
                    'MODELS = "https://api.openai.com/v1/models"\n')
        with open(os.path.join(repo, "app", "settings.py"), "w") as f:
            f.write(f'BACKUP_KEY = "{key}"\nTIMEOUT = 30  # <b>not markup</b>\n')
        with open(os.path.join(repo, ".env"), "w") as f:
            f.write(f"OPENAI_API_KEY={key}\n")
        subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
        common = ["--preset", "openrouter", "--deterministic", "."]
        page = os.path.join(repo, "report.html")
        r = subprocess.run([keyshift, "audit", "--format", "html", "-o", page] + common,
                           cwd=repo, capture_output=True, text=True)
        expect(r.returncode == 1, f"audit --format html exited {r.returncode}: {r.stderr}")
        jsonl = subprocess.run([keyshift, "audit", "--format", "json"] + common,
                               cwd=repo, capture_output=True, text=True).stdout
        records = [json.loads(line) for line in jsonl.splitlines() if line.strip()]
        findings = [f for f in records if "kind" in f]  # not the run summary
        by_kind: dict[str, int] = {}
        for f in findings:
            by_kind[f["kind"]] = by_kind.get(f["kind"], 0) + 1
        expect(len(findings) >= 4 and "hardcoded-key" in by_kind, f"unexpected JSON audit: {by_kind}")

        html = open(page, encoding="utf-8").read()
        shutil.copy(page, os.path.join(artifacts, "html_report.html"))
        expect(key not in html and key[20:60] not in html, "the page source holds the key")
        # Self-contained: no URL is loaded (links to nothing, no src/href).
        expect(not re.search(r"""\b(src|href)\s*=""", html, re.I), "the page references an external asset")
        expect("<b>not markup</b>" not in html, "file text is not HTML-escaped")

        base = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--user-data-dir=" + os.path.join(repo, "profile")]
        url = "file://" + page
        dom = subprocess.run(base + ["--dump-dom", url], capture_output=True, text=True, timeout=120).stdout
        expect("<h1>keyshift audit</h1>" in dom, "chromium rendered no report:\n" + dom[:500])
        expect(key not in dom and key[20:60] not in dom, "the rendered page holds the key")

        def text_of(element_id: str) -> str:
            m = re.search(rf'id="{element_id}"[^>]*>([^<]*)<', dom)
            return m.group(1) if m else ""

        expect(text_of("total") == str(len(findings)), f"total {text_of('total')} != {len(findings)}")
        # The filter script ran: it counts the rows it shows.
        expect(text_of("shown") == str(len(findings)), f"shown {text_of('shown')} != {len(findings)}")
        expect(dom.count('class="finding"') == len(findings), "one table row per finding")
        for kind, n in by_kind.items():
            rows = re.findall(rf'<tr data-kind="{kind}"[^>]*>.*?<td class="num">(\d+)</td></tr>', dom)
            expect(sum(int(x) for x in rows) == n, f"totals for {kind}: {rows} != {n}")
        expect("https://openrouter.ai/api/v1" in dom and "OPENROUTER_API_KEY" in dom, "proxy settings missing")
        expect("<ins><code>" in dom, "no proposed edit shown")
        for path in ("app/llm.py", "app/settings.py", ".env"):
            expect(f"<h2>{path}</h2>" in dom, f"no table for {path}")

        shot = os.path.join(artifacts, "html_report.png")
        if os.path.exists(shot):
            os.remove(shot)
        subprocess.run(base + ["--screenshot=" + shot, "--window-size=1280,1400", url],
                       capture_output=True, timeout=120)
        expect(os.path.exists(shot) and open(shot, "rb").read(8) == b"\x89PNG\r\n\x1a\n",
               "no screenshot written")
    print(f"{len(findings)} findings checked; artifacts in {artifacts}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
