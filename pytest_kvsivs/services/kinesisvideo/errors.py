"""The kinesisvideo errors handlers raise, with messages worded like the service's."""

from __future__ import annotations

from ...errors import ServiceError


def invalid_argument(message: str) -> ServiceError:
    return ServiceError("InvalidArgumentException", message)


def not_found(kind: str) -> ServiceError:
    # The service's wording for streams (seen in public logs); channels likewise.
    return ServiceError(
        "ResourceNotFoundException", f"The requested {kind} is not found or not active."
    )


def in_use(message: str) -> ServiceError:
    return ServiceError("ResourceInUseException", message)


def not_active(kind: str, name: str, status: str) -> ServiceError:
    return in_use(f"The {kind} {name} is {status}; this operation needs it ACTIVE.")


def version_mismatch(kind: str, given: str, current: str) -> ServiceError:
    return ServiceError(
        "VersionMismatchException",
        f"The {kind} version {given} does not match the current version {current}.",
    )


def invalid_token(token: str) -> ServiceError:
    return invalid_argument(f"The NextToken {token!r} is not valid for this request.")


def one_of(first: str, second: str) -> ServiceError:
    return invalid_argument(f"Specify either {first} or {second}.")


def limit_exceeded(code: str, message: str) -> ServiceError:
    """A quota or per-resource limit error (its code names the limit)."""
    return ServiceError(code, message)


def invalid_resource_format(message: str) -> ServiceError:
    return ServiceError("InvalidResourceFormatException", message)


def no_data_retention(name: str) -> ServiceError:
    return ServiceError(
        "NoDataRetentionException",
        f"The stream {name} has no data retention; this configuration needs "
        "DataRetentionInHours above 0.",
    )


def no_edge_configuration(name: str) -> ServiceError:
    return ServiceError(
        "StreamEdgeConfigurationNotFoundException",
        f"The stream {name} has no edge configuration.",
    )
