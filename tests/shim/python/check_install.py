"""Checks that `pip install --no-build-isolation` of lib/shim/python works offline.

Installs a copy of the package source (so no build/ or egg-info lands in the
repository) with --target into a temporary folder, then imports it from there
in a fresh interpreter and runs one wrapped call, for the running Python and
for Debian's /usr/bin/python3. Exits 77 (ctest: skipped) when no interpreter
has pip and setuptools.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

SKIP = 77

_SMOKE = """
import sys, types, keyshift_shim
assert keyshift_shim.__file__.startswith(sys.argv[1]), keyshift_shim.__file__
class Completions:
    def create(self, **kwargs):
        return types.SimpleNamespace(model="m-1", usage=types.SimpleNamespace(prompt_tokens=3, completion_tokens=4))
chat = types.SimpleNamespace(completions=Completions())
client = types.SimpleNamespace(base_url="https://api.example.test/v1", chat=chat)
wrapped = keyshift_shim.wrap(client)
assert wrapped.chat.completions.create(model="m").model == "m-1"
text = keyshift_shim.prometheus_text()
want = 'keyshift_attempts_total{server_address="api.example.test",gen_ai_request_model="m",outcome="success"} 1'
assert want in text, text
print("installed keyshift_shim", keyshift_shim.__version__, "works")
"""


def _interpreters() -> list[str]:
    # The running one, and Debian's (whose setuptools builds the wheel itself
    # because python3-wheel is installed) when it is another interpreter.
    found = [sys.executable]
    system = "/usr/bin/python3"
    if os.path.exists(system) and os.path.realpath(system) != os.path.realpath(sys.executable):
        found.append(system)
    return found


def _has_build_tools(python: str) -> bool:
    probe = "import importlib.util as u, sys; sys.exit(0 if u.find_spec('pip') and u.find_spec('setuptools') else 1)"
    return subprocess.run([python, "-c", probe], check=False).returncode == 0


def _install_and_import(python: str, source: pathlib.Path) -> None:
    with tempfile.TemporaryDirectory(prefix="keyshift-shim-install-") as tmp:
        copy = pathlib.Path(tmp) / "src"
        shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__", "build", "*.egg-info"))
        target = pathlib.Path(tmp) / "site"
        env = {**os.environ, "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1",
               "PIP_ROOT_USER_ACTION": "ignore"}  # fmt: skip
        env.pop("PYTHONPATH", None)
        install = [python, "-m", "pip", "install", "--quiet", "--no-build-isolation", "--no-deps",
                   "--target", str(target), str(copy)]  # fmt: skip
        subprocess.run(install, check=True, env=env, cwd=tmp)
        smoke_env = {**env, "PYTHONPATH": str(target)}
        subprocess.run([python, "-c", _SMOKE, str(target)], check=True, env=smoke_env, cwd=tmp)


def main() -> int:
    root = pathlib.Path(os.environ.get("KEYSHIFT_SOURCE_DIR") or pathlib.Path(__file__).resolve().parents[3])
    source = root / "lib" / "shim" / "python"
    checked = 0
    for python in _interpreters():
        if not _has_build_tools(python):
            print(f"{python}: no pip or setuptools; not checked")
            continue
        print(f"{python}: pip install --no-build-isolation --target ...")
        _install_and_import(python, source)
        checked += 1
    if checked == 0:
        return SKIP
    print(f"{checked} interpreter(s) installed and imported keyshift_shim")
    return 0


if __name__ == "__main__":
    sys.exit(main())
