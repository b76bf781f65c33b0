"""Which operations the fake serves with the installed botocore.

The served set follows the installed botocore: what pytest-kvsivs implements and the
installed service model defines. An older botocore serves fewer operations; a newer one
may define operations the fake does not serve yet (they answer ``NotServedError``).
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import SERVICES, botocore_version, installed_services, service_model


@dataclass(frozen=True)
class ServiceCoverage:
    service: str
    served: tuple[str, ...]
    """Implemented and defined by the installed model: answered by the fake."""
    not_served: tuple[str, ...]
    """Defined by the installed model, not implemented: answered with NotServedError."""
    not_in_model: tuple[str, ...]
    """Implemented, but the installed model lacks them (an older botocore): skipped."""
    model_installed: bool = True


def served_operations() -> dict[str, ServiceCoverage]:
    """Per hooked service, what the fake serves with this botocore (see docs/coverage.md)."""
    from .services import backends

    built = backends()
    installed = set(installed_services())
    result: dict[str, ServiceCoverage] = {}
    for service in SERVICES:
        if service not in installed:
            result[service] = ServiceCoverage(service, (), (), (), model_installed=False)
            continue
        operations = built[service].operations
        in_model = service_model(service).operation_names
        result[service] = ServiceCoverage(
            service,
            served=tuple(sorted(operations.handlers)),
            not_served=tuple(sorted(set(in_model) - set(operations.handlers))),
            not_in_model=tuple(sorted(operations.not_in_model)),
        )
    return result


def format_coverage(coverage: dict[str, ServiceCoverage]) -> str:
    lines = [f"pytest-kvsivs with botocore {botocore_version()}:"]
    for item in coverage.values():
        if not item.model_installed:
            lines.append(f"  {item.service}: no model in this botocore; not hooked")
            continue
        total = len(item.served) + len(item.not_served)
        lines.append(f"  {item.service}: {len(item.served)} of {total} operations served")
        if item.not_served:
            lines.append(f"    not served: {', '.join(item.not_served)}")
        if item.not_in_model:
            lines.append(f"    not in this botocore's model: {', '.join(item.not_in_model)}")
    return "\n".join(lines)
