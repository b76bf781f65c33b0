"""Errors are modeled: code, HTTP status and members from the model's error shapes."""

from __future__ import annotations

import pytest

from pytest_kvsivs.model import service_model

pytestmark = pytest.mark.kvs_fake(instant=True)


def test_modeled_error_has_code_status_message_and_headers(kvs_fake, kvs):
    with pytest.raises(kvs.exceptions.ResourceNotFoundException) as caught:
        kvs.describe_signaling_channel(ChannelName="missing")
    response = caught.value.response
    assert response["Error"] == {
        "Code": "ResourceNotFoundException",
        "Message": "The requested channel is not found or not active.",
    }
    assert response["Message"] == "The requested channel is not found or not active."
    metadata = response["ResponseMetadata"]
    assert metadata["HTTPStatusCode"] == 404
    assert metadata["HTTPHeaders"]["x-amzn-errortype"] == (
        "ResourceNotFoundException:https://kinesisvideo.amazonaws.com/doc/2017-09-30/"
    )
    assert metadata["RequestId"] == metadata["HTTPHeaders"]["x-amzn-requestid"]
    assert str(caught.value) == (
        "An error occurred (ResourceNotFoundException) when calling the "
        "DescribeSignalingChannel operation: The requested channel is not found or not active."
    )


@pytest.mark.parametrize(
    ("code", "status"),
    [
        ("ClientLimitExceededException", 400),
        ("AccessDeniedException", 401),
        ("AccountChannelLimitExceededException", 400),
    ],
)
def test_injected_errors_use_the_modeled_status(kvs_fake, kvs, code, status):
    kvs_fake.inject_error("CreateSignalingChannel", code, message="slow down")
    with pytest.raises(getattr(kvs.exceptions, code)) as caught:
        kvs.create_signaling_channel(ChannelName="a")
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == status
    assert caught.value.response["Error"]["Message"] == "slow down"
    # times=1 by default: the next call is served normally, and nothing was created before
    assert kvs.create_signaling_channel(ChannelName="a")["ChannelARN"]


def test_injected_errors_repeat_and_only_listed_codes_are_accepted(kvs_fake, kvs):
    kvs_fake.inject_error("ListSignalingChannels", "AccessDeniedException", times=2)
    for _ in range(2):
        with pytest.raises(kvs.exceptions.AccessDeniedException):
            kvs.list_signaling_channels()
    assert kvs.list_signaling_channels()["ChannelInfoList"] == []
    listed = sorted(
        s.name
        for s in service_model("kinesisvideo").operation_model("ListSignalingChannels").error_shapes
    )
    with pytest.raises(ValueError, match="cannot answer") as caught:
        kvs_fake.inject_error("ListSignalingChannels", "ResourceNotFoundException")
    assert str(caught.value) == (
        "kinesisvideo.ListSignalingChannels cannot answer 'ResourceNotFoundException'; "
        f"it lists {listed}"
    )
    with pytest.raises(ValueError, match="exists in several services; name one with service"):
        kvs_fake.inject_error("TagResource", "AccessDeniedException")


@pytest.mark.kvs_fake(signaling_channel_limit=2)  # merged with the module's instant=True
def test_account_channel_limit(kvs_fake, kvs):
    assert (kvs_fake.options.instant, kvs_fake.options.signaling_channel_limit) == (True, 2)
    kvs.create_signaling_channel(ChannelName="a")
    kvs.create_signaling_channel(ChannelName="b")
    with pytest.raises(kvs.exceptions.AccountChannelLimitExceededException) as caught:
        kvs.create_signaling_channel(ChannelName="c")
    assert caught.value.response["Error"]["Message"] == (
        "This account already has the maximum of 2 signaling channels in us-west-2."
    )


def test_ivs_errors_carry_exception_message_and_the_modeled_status():
    from pytest_kvsivs.model import operation_model
    from pytest_kvsivs.services import specs
    from pytest_kvsivs.wire import error

    http, parsed = error(
        operation_model("ivs", "GetChannel"),
        "ResourceNotFoundException",
        "Request references a resource which does not exist.",
        "rid",
        0.0,
        specs()["ivs"].error_namespace,
    )
    assert http.status_code == 404
    assert parsed["Error"]["Code"] == "ResourceNotFoundException"
    assert parsed["exceptionMessage"] == "Request references a resource which does not exist."
    assert parsed["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert parsed["ResponseMetadata"]["HTTPHeaders"]["x-amzn-errortype"] == (
        "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.ivs/"
    )


def test_a_code_the_operation_does_not_list_is_a_defect_of_the_fake():
    from pytest_kvsivs import FakeDefectError
    from pytest_kvsivs.model import operation_model
    from pytest_kvsivs.wire import error

    with pytest.raises(FakeDefectError, match="which the model does not list for it"):
        error(
            operation_model("kinesisvideo", "ListSignalingChannels"),
            "ResourceNotFoundException",
            "x",
            "rid",
            0.0,
            "ns",
        )


def test_a_service_error_reads_as_code_and_message():
    from pytest_kvsivs import ServiceError

    error = ServiceError("ResourceNotFoundException", "The requested stream is not found.")
    assert (error.code, error.message, str(error)) == (
        "ResourceNotFoundException",
        "The requested stream is not found.",
        "ResourceNotFoundException: The requested stream is not found.",
    )


def test_the_services_validation_error_is_answered_where_an_old_model_lists_no_error():
    """botocore 1.34.0's ivs BatchGetChannel lists no error at all; the service still refuses
    an invalid request with its validation error. Any other unlisted code is a defect."""
    from pytest_kvsivs import FakeDefectError
    from pytest_kvsivs.model import operation_model
    from pytest_kvsivs.wire import error

    op = operation_model("ivs", "GetChannel")  # lists no ConflictException
    http, parsed = error(
        op, "ConflictException", "x", "rid", 0.0, "ns", None, validation_error="ConflictException"
    )
    assert (http.status_code, parsed["Error"]["Code"], parsed["exceptionMessage"]) == (
        409,
        "ConflictException",
        "x",
    )
    with pytest.raises(FakeDefectError, match="which the model does not list for it"):
        error(op, "ConflictException", "x", "rid", 0.0, "ns", None, validation_error="Other")


def test_an_error_answer_carries_its_json_body_for_after_call_handlers(kvs_fake, kvs):
    """What botocore hands ``after-call`` handlers is the HTTP answer AWS would send: the
    modeled status and the JSON error body."""
    seen = []
    kvs.meta.events.register(
        "after-call.kinesis-video.DescribeStream",
        lambda http_response, **kwargs: seen.append(
            (http_response.status_code, http_response.content)
        ),
    )
    with pytest.raises(kvs.exceptions.ResourceNotFoundException):
        kvs.describe_stream(StreamName="nowhere")
    assert seen == [(404, b'{"Message": "The requested stream is not found or not active."}')]
