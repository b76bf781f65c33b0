"""Worlds: the fake's whole state as plain JSON data, written by ``snapshot()`` and read by
``load()`` (format: ``world.schema.json``, documented in docs/world.md).

This module is the generic part: reading the file, validating it (the shipped JSON Schema,
then each member against its botocore model shape), iterating over accounts and regions, and
loading all or nothing. Each service package's ``world`` module checks, builds and dumps its
own resources (``load_section`` and ``dump_section``).
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

    from .services.runtime import Runtime

DOCS = "the pytest-kvsivs README, section 'Worlds'"
FORMAT_VERSION = 1
"""What ``snapshot()`` writes as ``formatVersion`` (and the only one ``load`` reads)."""
SCHEMA_PATH = Path(__file__).with_name("world.schema.json")

JsonPath = tuple[str | int, ...]
Commit = Callable[[], None]
"""Stores what a section built into the fake's state (cannot fail)."""

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_TIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:\d{2})"
)
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_MICROSECOND = timedelta(microseconds=1)


class WorldError(ValueError):
    """A world ``load`` refuses: every problem found, each at its JSON path."""


def json_path(path: Iterable[str | int]) -> str:
    """``$.accounts['123456789012']['us-west-2'].ivs.channels[0].name``."""
    text = "$"
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif _IDENTIFIER.fullmatch(part):
            text += f".{part}"
        else:
            text += f"[{part!r}]"
    return text


@dataclass
class Problems:
    """What is wrong with a world, collected so that one error reports it all."""

    found: list[tuple[JsonPath, str]] = field(default_factory=list)

    def add(self, path: JsonPath, message: str) -> None:
        self.found.append((path, message))

    def __bool__(self) -> bool:
        return bool(self.found)

    def error(self, source: str) -> WorldError:
        count = len(self.found)
        lines = [f"  {json_path(path)}: {message}" for path, message in self.found]
        return WorldError(
            f"cannot load the world {source}: {count} problem{'s' if count > 1 else ''}\n"
            + "\n".join(lines)
            + f"\nThe format: {DOCS}."
        )


@dataclass(frozen=True)
class Where:
    """A place in the world being loaded, and where its problems go."""

    path: JsonPath
    problems: Problems

    def at(self, *parts: str | int) -> Where:
        return Where((*self.path, *parts), self.problems)

    def add(self, message: str) -> None:
        self.problems.add(self.path, message)


@dataclass(frozen=True)
class Target:
    """The account and region a section of the world loads into."""

    runtime: Runtime
    service: str
    account_id: str
    region: str
    now: float
    """The fake's time when the load started (loading never moves the clock)."""

    def state(self) -> Any:
        return self.runtime.state(self.service, self.account_id, self.region)


# -- timestamps ------------------------------------------------------------------------------


def parse_time(text: str, where: Where) -> int | None:
    """Microseconds since the epoch of an ISO 8601 time with a time zone (exact); None, with
    a problem, for anything else."""
    match = _TIME.fullmatch(text)
    if match is None:
        where.add(
            f"{text!r} is not an ISO 8601 time with a time zone, like 2024-05-01T12:00:00.123Z"
        )
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    offset = timedelta() if zone == "Z" else _offset(zone)
    try:
        moment = datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second),
            tzinfo=timezone(offset),
        )  # fmt: skip
    except ValueError as err:
        where.add(f"{text!r} is not a valid time: {err}")
        return None
    micros = int((fraction or "").ljust(6, "0"))
    return (moment - _EPOCH) // _MICROSECOND + micros


def _offset(zone: str) -> timedelta:
    sign = -1 if zone[0] == "-" else 1
    return sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))


def iso_micros(micros: int) -> str:
    """A time as a world writes it: UTC, milliseconds (microseconds when it has them)."""
    moment = _EPOCH + micros * _MICROSECOND
    spec = "milliseconds" if micros % 1000 == 0 else "microseconds"
    return moment.isoformat(timespec=spec).replace("+00:00", "Z")


def iso_seconds(seconds: float) -> str:
    """A float time (epoch seconds, as the fake keeps some) as a world writes it."""
    return iso_micros(round(seconds * 1_000_000))


# -- checks against the botocore model ---------------------------------------------------------


@cache
def _shape_validator(service: str, shape: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    from .model import service_model
    from .validation.schema import DIALECT, _build

    defs: dict[str, Any] = {}
    root = _build(service_model(service).shape_for(shape), "output", defs)
    return Draft202012Validator({"$schema": DIALECT, **root, "$defs": defs})


def check_shape(service: str, shape: str, value: Any, where: Where) -> bool:
    """``value`` against a shape of the installed model (types, enums, lengths, patterns,
    ranges, closed structures); True when it satisfies it."""
    ok = True
    errors = _shape_validator(service, shape).iter_errors(value)
    for error in sorted(errors, key=lambda e: [str(p) for p in e.absolute_path]):
        where.at(*error.absolute_path).add(_message(error))
        ok = False
    return ok


def _message(error: Any) -> str:
    """jsonschema's message, with a model pattern shown as the model writes it."""
    if error.validator == "pattern" and "x-pattern" in error.schema:
        return f"{error.instance!r} does not match the model's pattern {error.schema['x-pattern']}"
    if error.validator == "enum":
        return f"{error.instance!r} is not one of {', '.join(error.validator_value)}"
    return str(error.message)


def check_members(
    service: str,
    entry: Mapping[str, Any],
    shapes: Mapping[str, str],
    where: Where,
) -> bool:
    """Each member of ``entry`` that ``shapes`` names (member -> model shape) against its
    shape; True when all pass."""
    results = [
        check_shape(service, shapes[member], value, where.at(member))
        for member, value in entry.items()
        if member in shapes
    ]
    return all(results)


def structure_members(service: str, shape: str) -> dict[str, str]:
    """Member -> member shape name of a structure of the installed model."""
    from .model import service_model

    structure = service_model(service).shape_for(shape)
    members: Mapping[str, Any] = getattr(structure, "members", {})
    return {name: member.name for name, member in members.items()}


def input_members(service: str, operation: str) -> dict[str, str]:
    """Member -> member shape name of an operation's input in the installed model."""
    from .model import operation_model

    shape = operation_model(service, operation).input_shape
    return {} if shape is None else structure_members(service, shape.name)


def unknown_members(
    service: str, entry: Mapping[str, Any], known: Iterable[str], what: str, where: Where
) -> bool:
    """A problem for each member of ``entry`` the installed model does not have (older
    botocores lack newer members); True when there is none."""
    from .model import botocore_version

    allowed = set(known)
    unknown = [member for member in entry if member not in allowed]
    for member in unknown:
        where.at(member).add(
            f"{what} has no member {member} in the {service} model of botocore {botocore_version()}"
        )
    return not unknown


# -- the schema and the file -------------------------------------------------------------------


@cache
def _world_validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def _read(world: Mapping[str, Any] | str | os.PathLike[str]) -> tuple[Any, str]:
    """The world's data and how to name it in errors."""
    if isinstance(world, Mapping):
        return world, "(a dict)"
    path = Path(world)
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise WorldError(f"cannot load the world {source}: {err.strerror or err}") from None
    try:
        return json.loads(text), source
    except json.JSONDecodeError as err:
        raise WorldError(
            f"cannot load the world {source}: not JSON: {err.msg} at line {err.lineno}, "
            f"column {err.colno}.\nThe format: {DOCS}."
        ) from None


def _check_schema(data: Any, problems: Problems) -> None:
    errors = _world_validator().iter_errors(data)
    for error in sorted(errors, key=lambda e: [str(p) for p in e.absolute_path]):
        problems.add(tuple(error.absolute_path), _message(error))


def _service_worlds() -> dict[str, Any]:
    """The ``world`` module of each service package that has one (the services with
    resources: kinesisvideo and ivs), by service, where the installed botocore has it."""
    from .services import PACKAGES, service_of, specs

    served = specs()
    modules: dict[str, Any] = {}
    for package in PACKAGES:
        name = f"{__package__}.services.{package}.world"
        if service_of(package) in served and importlib.util.find_spec(name) is not None:
            modules[service_of(package)] = importlib.import_module(name)
    return modules


def load_world(runtime: Runtime, world: Mapping[str, Any] | str | os.PathLike[str]) -> None:
    """Check the whole world, build it beside the state, then store it (all or nothing)."""
    data, source = _read(world)
    problems = Problems()
    _check_schema(data, problems)
    if problems:
        raise problems.error(source)
    modules = _service_worlds()
    with runtime.lock:
        now = runtime.clock.now()
        commits: list[Commit] = []
        for account_id, regions in data.get("accounts", {}).items():
            for region, services in regions.items():
                for service, section in services.items():
                    where = Where(("accounts", account_id, region, service), problems)
                    module = modules.get(service)
                    if module is None:
                        where.add(f"the installed botocore has no {service} model")
                        continue
                    target = Target(runtime, service, account_id, region, now)
                    commit = module.load_section(target, section, where)
                    if commit is not None:
                        commits.append(commit)
        if problems:
            raise problems.error(source)
        for commit in commits:
            commit()


def snapshot_world(runtime: Runtime) -> dict[str, Any]:
    """Every account and region's resources, in the world format."""
    modules = _service_worlds()
    accounts: dict[str, dict[str, dict[str, Any]]] = {}
    with runtime.lock:
        now = runtime.clock.now()
        for service, module in modules.items():
            for (account_id, region), state in _regions(runtime, service):
                section = module.dump_section(state, account_id, region, now)
                if section:
                    accounts.setdefault(account_id, {}).setdefault(region, {})[service] = section
    ordered = {
        account: {region: accounts[account][region] for region in sorted(accounts[account])}
        for account in sorted(accounts)
    }
    return {"formatVersion": FORMAT_VERSION, "accounts": ordered}


def _regions(runtime: Runtime, service: str) -> list[tuple[tuple[str, str], Any]]:
    """The (account, region) states a backend holds."""
    return runtime.backends[service].regions()


class WorldMixin:
    """``KvsFake.load`` and ``KvsFake.snapshot`` (a mixin of the fake)."""

    _runtime: Runtime

    def load(self, world: Mapping[str, Any] | str | os.PathLike[str]) -> None:
        """Create the resources a world describes (a dict, or the path of a JSON file).

        Nothing is recorded in ``calls`` and the clock does not move. A world with any
        problem raises :class:`WorldError` listing each at its JSON path, and changes nothing.
        """
        load_world(self._runtime, world)

    def snapshot(self) -> dict[str, Any]:
        """The whole state as plain JSON data, in the format ``load`` reads."""
        return snapshot_world(self._runtime)
