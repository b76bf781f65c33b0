"""What the IVS tests share: the account and region the fake serves them, the wording of
``pytest_kvsivs/services/ivs/errors.py`` as templates, the capture of a raised error's code,
``exceptionMessage`` and HTTP status, and a few request and response helpers.

Imported by the test files of this folder as ``from ivs_support import ...`` (pytest puts a
test file's folder on ``sys.path``; the folder has no ``__init__.py``)."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from pytest_kvsivs.model import service_model
from pytest_kvsivs.validation.patterns import corrected

ACCOUNT = "123456789012"
OTHER_ACCOUNT = "111122223333"
REGION = "us-west-2"
MODEL = service_model("ivs")
STREAM_ID = r"st-[a-zA-Z0-9]{23}"
NOWHERE = f"arn:aws:ivs:{REGION}:{ACCOUNT}:channel/abcdABCD1234"  # a channel never created

# ivs errors.py wording
NOT_FOUND = "Request references a resource which does not exist: {}."
CONFLICT = "Updating or deleting a resource can cause an inconsistent state: {}"
INVALID_TOKEN = "The nextToken '{}' is not valid for this request."
RESERVED = "Tag keys starting with 'aws:' are reserved for AWS use: {}."
# the model's maximum of every ivs maxResults, in the validation error's wording
TOO_MANY_RESULTS = (
    "1 validation error detected: Value '101' at 'maxResults' failed to satisfy constraint: "
    "Member must have value less than or equal to 100"
)


def _response(raises, call) -> dict:
    with pytest.raises(raises) as caught:
        call()
    return caught.value.response


def fails(ivs, code, call) -> tuple[str, int]:
    """The exceptionMessage and HTTP status of the modeled error ``code`` that ``call`` raises."""
    response = _response(getattr(ivs.exceptions, code), call)
    assert response["Error"]["Message"] == ""
    return response["exceptionMessage"], response["ResponseMetadata"]["HTTPStatusCode"]


def _outcome(response: dict) -> tuple[str, str, int]:
    return (
        response["Error"]["Code"],
        response["exceptionMessage"],
        response["ResponseMetadata"]["HTTPStatusCode"],
    )


def client_error(call) -> tuple[str, str, int]:
    """The code, exceptionMessage and HTTP status of the ClientError that ``call`` raises."""
    return _outcome(_response(ClientError, call))


def error(call) -> tuple[str, str, int]:
    """``client_error(call)``, checking too that botocore's ``Error.Message`` is empty."""
    response = _response(ClientError, call)
    assert response["Error"]["Message"] == ""  # IVS's text is only in exceptionMessage
    return _outcome(response)


def not_found(arn: str) -> tuple[str, str, int]:
    return ("ResourceNotFoundException", NOT_FOUND.format(arn), 404)


def invalid(message: str) -> tuple[str, str, int]:
    return ("ValidationException", message, 400)


def body_of(response: dict) -> dict:
    """A response without its ResponseMetadata."""
    return {k: v for k, v in response.items() if k != "ResponseMetadata"}


def pattern_of(shape: str) -> str:
    """The pattern the service enforces for a shape (the model's, corrected where wrong)."""
    return corrected(MODEL.shape_for(shape).metadata["pattern"])


def in_model_order(shape: str, parts: dict[str, str]) -> list[str]:
    """``parts`` (member name -> text) in the order of ``shape``'s members in the installed
    model: the order the validation reports violations in (it differs between botocores)."""
    return [parts[member] for member in MODEL.shape_for(shape).members if member in parts]


def create_channel(ivs, **kwargs) -> dict:
    return ivs.create_channel(**kwargs)["channel"]


def create_channel_arn(ivs, **kwargs) -> str:
    return create_channel(ivs, **kwargs)["arn"]
