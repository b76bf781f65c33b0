"""Operation names as test authors write them: the model's name (``"CreateStream"``) or the
boto3 method's (``"create_stream"``), resolved against the installed models.

Imported when an assertion or an injection names an operation, never at plugin start-up.
"""

from __future__ import annotations

import difflib
from functools import cache
from typing import NamedTuple

from botocore import xform_name

from .model import SERVICES, installed_services, service_model


class Operation(NamedTuple):
    """An operation a test named, resolved."""

    service: str | None
    """The one service that has it, or None when several do (``TagResource``)."""
    name: str
    """The model's name."""

    def matches(self, service: str, operation: str) -> bool:
        return operation == self.name and (self.service is None or service == self.service)

    def __str__(self) -> str:
        return f"{self.service}.{self.name}" if self.service else self.name


@cache
def _names(service: str) -> dict[str, str]:
    """Every spelling of each operation of ``service``: the model's name and boto3's."""
    names: dict[str, str] = {}
    for name in service_model(service).operation_names:
        names[name] = name
        names[xform_name(name)] = name
    return names


def resolve(operation: str, service: str | None = None) -> Operation:
    """The operation ``operation`` names (of ``service``, if given); a ValueError naming the
    close matches for a name no installed model has."""
    services = _services(service)
    found = {name: _names(name)[operation] for name in services if operation in _names(name)}
    if not found:
        raise ValueError(_unknown(operation, service, services))
    name = next(iter(found.values()))  # one spelling is one operation name in every model
    return Operation(next(iter(found)) if len(found) == 1 else None, name)


def _services(service: str | None) -> tuple[str, ...]:
    if service is None:
        return installed_services()
    if service not in SERVICES:
        raise ValueError(f"unknown service {service!r}; the fake serves {list(SERVICES)}")
    if service not in installed_services():
        raise ValueError(f"the installed botocore has no model for {service!r}")
    return (service,)


def _unknown(operation: str, service: str | None, services: tuple[str, ...]) -> str:
    spellings = list(dict.fromkeys(spelling for name in services for spelling in _names(name)))
    snake = "_" in operation or operation.islower()
    candidates = [s for s in spellings if ("_" in s or s.islower()) == snake]
    close = difflib.get_close_matches(operation, candidates)  # at most three
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    where = service or "kinesisvideo, ivs or the KVS data-plane services"
    return f"{where} has no operation {operation!r}{hint}"
