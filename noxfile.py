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


# -- mutation testing (docs/testing.md); not part of the test command ----------------------

AREAS = (
    ("validation", ("pytest_kvsivs.validation.",)),
    ("lifecycle/clock", ("pytest_kvsivs.lifecycle.", "pytest_kvsivs.clock.")),
    ("calls", ("pytest_kvsivs.calls.",)),
    ("hook/wire", ("pytest_kvsivs.hook.", "pytest_kvsivs.wire.")),
    ("services", ("pytest_kvsivs.services.",)),
    ("fake/plugin/options", ("pytest_kvsivs.",)),  # the rest: first match wins
)
"""The package areas docs/testing.md scores, by mutant-name prefix."""

KILLED = {1, 3, 24, -24, 36, 37, 152, 255}
"""mutmut exit codes of a mutant the tests did not let pass (failed, timed out, type error)."""
NOT_RUN = {None, 2, 34}
"""Not checked, interrupted, skipped: left out of the score."""


def _area(mutant: str) -> str:
    return next(name for name, prefixes in AREAS if mutant.startswith(prefixes))


def _left_out(path: str = "docs/testing.md") -> set[str]:
    """The mutants docs/testing.md leaves out of the score, each with its reason: the
    equivalent ones and those that stop pytest itself (first cell of its table rows)."""
    import re

    with open(path, encoding="utf-8") as file:
        return set(re.findall(r"^\| `(pytest_kvsivs\.[^`]+__mutmut_\d+)` \|", file.read(), re.M))


def mutation_scores(root: str = "mutants") -> str:
    """The score of each area from mutmut's results: killed / (mutants run - left out)."""
    import json
    from pathlib import Path

    left_out = _left_out()
    rows: dict[str, list[int]] = {name: [0, 0, 0] for name, _ in AREAS}  # killed, scored, out
    survivors: list[str] = []
    for meta in sorted(Path(root).rglob("*.meta")):
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        for mutant, code in codes.items():
            row = rows[_area(mutant)]
            if mutant in left_out:
                row[2] += 1
            elif code not in NOT_RUN:
                row[1] += 1
                if code in KILLED:
                    row[0] += 1
                else:
                    survivors.append(mutant)
    lines = [f"{'area':24} {'killed':>7} {'scored':>7} {'left out':>9} {'score':>7}"]
    for name, (killed, scored, out) in rows.items():
        score = f"{100 * killed / scored:.1f}%" if scored else "n/a"
        lines.append(f"{name:24} {killed:7} {scored:7} {out:9} {score:>7}")
    lines.append(f"surviving, not left out in docs/testing.md: {len(survivors)}")
    lines += [f"  {mutant}" for mutant in survivors]
    return "\n".join(lines)


@nox.session(python=False)
def mutation(session: nox.Session) -> None:
    """``mutmut run`` (all of the package, or the mutant names/globs given after ``--``),
    then the score per area. Needs ``pip install -e ".[test,mutation]"``."""
    session.run("mutmut", "run", *session.posargs)
    print(mutation_scores())


def mutant_sample(
    prefixes: list[str], per_module: int, seed: int, root: str = "mutants"
) -> list[str]:
    """A reproducible random sample of ``per_module`` mutants of every module whose mutant
    names start with one of ``prefixes`` (all of a smaller module), from mutmut's list of
    mutants in ``root`` (written by any ``mutmut run``)."""
    import json
    import random
    from pathlib import Path

    by_module: dict[str, list[str]] = {}
    for meta in sorted(Path(root).rglob("*.meta")):
        for mutant in json.loads(meta.read_text())["exit_code_by_key"]:
            if mutant.startswith(tuple(prefixes)):
                by_module.setdefault(str(meta), []).append(mutant)
    rng = random.Random(seed)
    sample: list[str] = []
    for names in by_module.values():
        names.sort(key=lambda name: (name.rsplit("_", 1)[0], int(name.rsplit("_", 1)[1])))
        sample += names if len(names) <= per_module else rng.sample(names, per_module)
    return sample


@nox.session(python=False)
def mutation_sample(session: nox.Session) -> None:
    """``mutmut run`` on a stratified random sample: ``-- N SEED PREFIX...`` runs N mutants
    (or all) of every module under each mutant-name prefix, then prints the scores. Needs
    the mutants of an earlier ``mutmut run`` (its first minute writes them)."""
    count, seed, *prefixes = session.posargs
    names = mutant_sample(prefixes, int(count), int(seed))
    session.log(f"{len(names)} mutants sampled")
    session.run("mutmut", "run", *names)
    print(mutation_scores())
