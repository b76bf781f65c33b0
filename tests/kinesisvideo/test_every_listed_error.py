"""Every error each kinesisvideo operation lists reaches the caller as its modeled class and
HTTP status (through inject_error, for the errors no request can trigger: throttling,
access denied)."""

from __future__ import annotations

import pytest
from botocore import xform_name

from pytest_kvsivs.model import service_model

MODEL = service_model("kinesisvideo")
CASES = [
    (operation, error.name, error.metadata["error"]["httpStatusCode"])
    for operation in MODEL.operation_names
    for error in MODEL.operation_model(operation).error_shapes
]


def test_the_cases_cover_every_operation():
    assert {op for op, _, _ in CASES} == set(MODEL.operation_names)


@pytest.mark.parametrize(("operation", "code", "status"), CASES)
def test_injected_error_is_raised_as_modeled(kvs_fake, kvs_unvalidated, operation, code, status):
    kvs_fake.inject_error(operation, code, message="as injected", service="kinesisvideo")
    with pytest.raises(getattr(kvs_unvalidated.exceptions, code)) as caught:
        getattr(kvs_unvalidated, xform_name(operation))()
    response = caught.value.response
    assert response["Error"] == {"Code": code, "Message": "as injected"}
    assert response["Message"] == "as injected"
    assert response["ResponseMetadata"]["HTTPStatusCode"] == status
    assert kvs_fake.calls[-1].error_code == code
