"""In-tree PEP 517 backend: setuptools when it can build wheels, else a stdlib fallback.

setuptools before 70.1 needs the separate `wheel` package to build a wheel, and
a Python without it (pyenv's, a fresh venv) fails `pip install
--no-build-isolation` with "invalid command 'bdist_wheel'". There is no PyPI
here to fetch it from, so for this pure-Python, dependency-free package the
fallback writes the wheel itself with zipfile.
"""

from __future__ import annotations

import base64
import hashlib
import os
import pathlib
import re
import zipfile

from setuptools import build_meta as _setuptools

_ROOT = pathlib.Path(__file__).resolve().parent.parent
_PACKAGE = "keyshift_shim"

try:
    import wheel  # noqa: F401

    _HAVE_WHEEL = True
except ImportError:
    _HAVE_WHEEL = False

get_requires_for_build_sdist = _setuptools.get_requires_for_build_sdist
build_sdist = _setuptools.build_sdist


def _project() -> dict[str, str]:
    text = (_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    fields = {}
    for key in ("name", "version", "description", "requires-python"):
        match = re.search(rf'^{re.escape(key)}\s*=\s*"([^"]*)"', text, re.MULTILINE)
        if match is None:
            raise RuntimeError(f"pyproject.toml: /project/{key}: missing")
        fields[key] = match.group(1)
    return fields


def _metadata(project: dict[str, str]) -> str:
    readme = (_ROOT / "README.md").read_text(encoding="utf-8") if (_ROOT / "README.md").exists() else ""
    return (
        "Metadata-Version: 2.1\n"
        f"Name: {project['name']}\n"
        f"Version: {project['version']}\n"
        f"Summary: {project['description']}\n"
        f"Requires-Python: {project['requires-python']}\n"
        "Description-Content-Type: text/markdown\n\n"
        f"{readme}"
    )


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def _write_wheel(wheel_directory: str, files: dict[str, bytes]) -> str:
    project = _project()
    dist = re.sub(r"[^A-Za-z0-9.]+", "_", project["name"]).lower()
    info = f"{dist}-{project['version']}.dist-info"
    files = dict(files)
    files[f"{info}/METADATA"] = _metadata(project).encode()
    files[f"{info}/WHEEL"] = (
        "Wheel-Version: 1.0\nGenerator: keyshift_build\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    ).encode()
    files[f"{info}/top_level.txt"] = f"{_PACKAGE}\n".encode()
    record = [_record_line(name, data) for name, data in sorted(files.items())]
    record.append(f"{info}/RECORD,,")
    files[f"{info}/RECORD"] = ("\n".join(record) + "\n").encode()
    filename = f"{dist}-{project['version']}-py3-none-any.whl"
    with zipfile.ZipFile(os.path.join(wheel_directory, filename), "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)
    return filename


def _package_files() -> dict[str, bytes]:
    files = {}
    for path in sorted((_ROOT / _PACKAGE).rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix in (".py", ".typed"):
            files[path.relative_to(_ROOT).as_posix()] = path.read_bytes()
    return files


if _HAVE_WHEEL:
    get_requires_for_build_wheel = _setuptools.get_requires_for_build_wheel
    prepare_metadata_for_build_wheel = _setuptools.prepare_metadata_for_build_wheel
    build_wheel = _setuptools.build_wheel
    get_requires_for_build_editable = _setuptools.get_requires_for_build_editable
    prepare_metadata_for_build_editable = _setuptools.prepare_metadata_for_build_editable
    build_editable = _setuptools.build_editable
else:

    def get_requires_for_build_wheel(config_settings=None):  # noqa: ANN001, ANN201
        return []

    def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):  # noqa: ANN001, ANN201
        return _write_wheel(wheel_directory, _package_files())

    def get_requires_for_build_editable(config_settings=None):  # noqa: ANN001, ANN201
        return []

    def build_editable(wheel_directory, config_settings=None, metadata_directory=None):  # noqa: ANN001, ANN201
        # A .pth file puts the source folder on sys.path: edits show up at once.
        return _write_wheel(wheel_directory, {"keyshift_shim_editable.pth": f"{_ROOT}\n".encode()})
