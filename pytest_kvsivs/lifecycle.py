"""Asynchronous status, derived from timestamps when read.

A resource's status is a :class:`Timeline`: the steps it will go through, each
with the time it is reached. Reading the status at time ``t`` picks the last
step reached by ``t``, so any jump of the clock (``advance``, freezegun,
time-machine) walks through every step it covers. ``settle`` pulls every pending
step to "now".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

GONE = "(gone)"
"""The step after which a deleted resource no longer exists."""


@dataclass(slots=True)
class Timeline:
    """Status steps of one resource, in time order."""

    steps: list[tuple[float, str]] = field(default_factory=list)

    @classmethod
    def starting(cls, at: float, status: str) -> Timeline:
        return cls([(at, status)])

    def status_at(self, t: float) -> str:
        for at, status in reversed(self.steps):
            if at <= t:
                return status
        return self.steps[0][1]

    def then(self, start: float, path: Iterable[tuple[str, float]]) -> None:
        """Replace what is pending after ``start`` by ``path``: (status, seconds in it) pairs.

        Each status is entered when the one before it has lasted its seconds; the
        last pair's seconds are ignored (it is the resting status).
        """
        reached = [step for step in self.steps if step[0] <= start]
        self.steps = reached[-1:]  # the past before the current status is never read again
        at = start
        for status, seconds in path:
            self.steps.append((at, status))
            at += seconds

    def pending(self, t: float) -> bool:
        return self.steps[-1][0] > t

    def settle(self, t: float) -> None:
        """Reach every pending step now."""
        self.steps = [(min(at, t), status) for at, status in self.steps]


@dataclass(frozen=True, eq=False)
class Family:
    """The transitional statuses of one resource family of one service, each with its
    default seconds: declared once by its service package, named by users as
    ``"service.family.STATUS"`` (``"kinesisvideo.stream.CREATING"``).

    Compared and hashed by identity: a family is a module constant, so a misspelt family is
    a NameError (and a mypy error), never a key that silently misses.
    """

    service: str
    name: str
    seconds: Mapping[str, float]

    def delay_names(self) -> dict[str, str]:
        """Each status's user-facing delay name."""
        return {status: f"{self.service}.{self.name}.{status}" for status in self.seconds}


class Delays(Mapping[str, float]):
    """Seconds a resource stays in each transitional status, by delay name.

    Each service package declares its families with realistic defaults; a user overrides
    any of them by name, or sets all to zero with ``instant=True``.
    """

    def __init__(
        self,
        families: Iterable[Family],
        overrides: Mapping[str, float] | None = None,
        *,
        instant: bool = False,
    ) -> None:
        families = tuple(families)
        names = {
            name: (family, status)
            for family in families
            for status, name in family.delay_names().items()
        }
        overrides = dict(overrides or {})
        unknown = sorted(set(overrides) - set(names))
        if unknown:
            raise ValueError(f"unknown delay name(s) {unknown}; the known ones are {sorted(names)}")
        bad = {k: v for k, v in overrides.items() if not isinstance(v, int | float) or v < 0}
        if bad:
            raise ValueError(f"delays are seconds >= 0, got {bad}")
        self._values = {
            name: 0.0 if instant else float(family.seconds[status])
            for name, (family, status) in names.items()
        }
        self._values.update({k: float(v) for k, v in overrides.items()})
        self._pairs = {pair: self._values[name] for name, pair in names.items()}

    def of(self, family: Family, status: str) -> float:
        """The seconds of ``family`` in ``status``, without building the name on every call."""
        return self._pairs[family, status]

    def __getitem__(self, key: str) -> float:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"Delays({self._values!r})"
