"""The project's test command, ``python -m nox``: lint, types and the whole suite on the
newest botocore (the environment you installed with ``pip install -e ".[test]"``), then
the whole suite again on the oldest botocore the package supports, in a fresh virtual
environment on the oldest Python it supports when the machine has it."""

from __future__ import annotations

import glob
import os
import subprocess
import sys

import nox

nox.options.sessions = ["checks", "oldest"]
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = True

OLDEST = ("botocore==1.34.0", "boto3==1.34.0", "awscli==1.32.0")
"""The oldest supported botocore (pyproject's floor) and the boto3 and AWS CLI made for it."""
OLDEST_PYTHON = "3.10"


def _interpreter(version: str) -> str:
    """``pythonX.Y`` if it runs, else a pyenv build of it, else this interpreter."""
    candidates = [f"python{version}"]
    root = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
    candidates += sorted(glob.glob(f"{root}/versions/{version}.*/bin/python{version}"))
    for candidate in candidates:
        try:
            subprocess.run([candidate, "-c", "pass"], check=True, capture_output=True)
        except (OSError, subprocess.CalledProcessError):
            continue
        return candidate
    return sys.executable


@nox.session(python=False)
def checks(session: nox.Session) -> None:
    """ruff, mypy --strict and the suite (two xdist workers, random order), newest botocore."""
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy")
    session.run("python", "-m", "pytest", "-n", "2", *session.posargs)


@nox.session(python=_interpreter(OLDEST_PYTHON))
def oldest(session: nox.Session) -> None:
    """The suite on the oldest supported botocore."""
    session.install("-e", ".[test]", *OLDEST)
    session.run("python", "-c", "import sys, botocore; print(sys.version, botocore.__version__)")
    session.run("python", "-m", "pytest", "-n", "2", *session.posargs)
