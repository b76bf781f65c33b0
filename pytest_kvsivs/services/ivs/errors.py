"""The ivs errors handlers raise, worded like the service's.

Each message starts with the text the model documents for the error's
``exceptionMessage`` (reference 1.2) and then says what the request named, so a test
author sees both the service's sentence and the cause. IVS errors carry their text in
``exceptionMessage``: botocore's ``Error.Message`` stays empty, as from the real service.
"""

from __future__ import annotations

from ...errors import ServiceError


def not_found(arn: str) -> ServiceError:
    return ServiceError(
        "ResourceNotFoundException",
        f"Request references a resource which does not exist: {arn}.",
    )


def validation(detail: str) -> ServiceError:
    return ServiceError("ValidationException", detail)


def invalid_token(token: str) -> ServiceError:
    return validation(f"The nextToken {token!r} is not valid for this request.")


def conflict(detail: str) -> ServiceError:
    return ServiceError(
        "ConflictException",
        f"Updating or deleting a resource can cause an inconsistent state: {detail}",
    )


def in_use(what: str, arn: str, channels: list[str]) -> ServiceError:
    """Deleting a resource that channels still use: every one of them, as given (sorted)."""
    noun = "channel" if len(channels) == 1 else "channels"
    return conflict(f"the {what} {arn} is used by {noun} {', '.join(channels)}.")


def quota_exceeded(detail: str) -> ServiceError:
    return ServiceError(
        "ServiceQuotaExceededException",
        f"Request would cause a service quota to be exceeded: {detail}",
    )


def not_broadcasting(channel_arn: str) -> ServiceError:
    return ServiceError(
        "ChannelNotBroadcasting",
        f"The stream is offline for the given channel ARN: {channel_arn}.",
    )


def throttled(detail: str) -> ServiceError:
    return ServiceError(
        "ThrottlingException", f"Request was denied due to request throttling: {detail}"
    )


def too_many_tags(total: int, limit: int) -> ServiceError:
    """Tags per resource, counted after merging (an overwritten key is no new tag)."""
    return validation(f"The resource would have {total} tags; a resource can have at most {limit}.")


def reserved_tag_keys(keys: list[str]) -> ServiceError:
    return validation(f"Tag keys starting with 'aws:' are reserved for AWS use: {keys}.")
