"""Which calls the fake answers, and that nothing else changes."""

from __future__ import annotations

import re

import boto3
import botocore
import botocore.session
import pytest
from botocore.awsrequest import AWSResponse
from botocore.config import Config
from freezegun import freeze_time

from pytest_kvsivs import FakeAlreadyActiveError, KvsFake, NotServedError, hook
from pytest_kvsivs.services import backends

MODULE_CLIENT = boto3.client("kinesisvideo", region_name="us-west-2")
"""Created at import (collection) time, before any fake exists."""


class ReachedTransport(Exception):
    pass


def _stop_at_transport(request: object, **kwargs: object) -> None:
    raise ReachedTransport


@pytest.mark.kvs_fake(instant=True)
def test_client_created_before_the_fixture_is_served(kvs_fake):
    arn = MODULE_CLIENT.create_signaling_channel(ChannelName="early")["ChannelARN"]
    assert arn.startswith("arn:aws:kinesisvideo:us-west-2:123456789012:channel/early/")
    kvs_fake.assert_called("CreateSignalingChannel", ChannelName="early", times=1)


@pytest.mark.kvs_fake(instant=True)
def test_custom_session_and_endpoint_url_are_served_and_never_reach_the_network(kvs_fake):
    session = botocore.session.Session()
    client = session.create_client(
        "kinesisvideo",
        region_name="eu-west-1",
        endpoint_url="https://kinesisvideo.example.invalid",
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="secret",
    )
    client.meta.events.register("before-send", _stop_at_transport)
    arn = client.create_signaling_channel(ChannelName="custom")["ChannelARN"]
    assert arn.startswith("arn:aws:kinesisvideo:eu-west-1:123456789012:channel/custom/")
    assert kvs_fake.calls[-1].region == "eu-west-1"


def test_no_credentials_needed(kvs_fake, make_client):
    client = make_client()
    assert client._request_signer._credentials is None
    client.list_signaling_channels()
    assert kvs_fake.calls[-1].response == {"ChannelInfoList": []}


def test_inert_without_an_active_fake(make_client):
    assert hook.active() is None
    client = make_client(aws_access_key_id="a", aws_secret_access_key="b")
    client.meta.events.register("before-send", _stop_at_transport)
    with pytest.raises(ReachedTransport):
        client.list_signaling_channels()


def test_inert_after_the_fake_stops(make_client):
    client = make_client(aws_access_key_id="a", aws_secret_access_key="b")
    client.meta.events.register("before-send", _stop_at_transport)
    with KvsFake() as fake:
        client.list_signaling_channels()
    assert len(fake.calls) == 1
    with pytest.raises(ReachedTransport):
        client.list_signaling_channels()
    assert len(fake.calls) == 1


def test_other_services_are_never_touched(kvs_fake, make_client):
    sts = make_client("sts", aws_access_key_id="a", aws_secret_access_key="b")
    sts.meta.events.register("before-send", _stop_at_transport)
    with pytest.raises(ReachedTransport):
        sts.get_caller_identity()
    assert len(kvs_fake.calls) == 0


def _served(service: str) -> str:
    served = sorted(backends()[service].operations.handlers)
    return str(served) if served else "none yet"


@pytest.mark.parametrize(
    ("service", "call", "operation"),
    [
        (
            "kinesis-video-archived-media",
            lambda c: c.get_clip(
                StreamName="s",
                ClipFragmentSelector={
                    "FragmentSelectorType": "SERVER_TIMESTAMP",
                    "TimestampRange": {"StartTimestamp": 0, "EndTimestamp": 1},
                },
            ),
            "GetClip",
        ),
        (
            "kinesis-video-archived-media",
            lambda c: c.get_hls_streaming_session_url(StreamName="s"),
            "GetHLSStreamingSessionURL",
        ),
        (
            "kinesis-video-archived-media",
            lambda c: c.get_images(
                StreamName="s",
                ImageSelectorType="SERVER_TIMESTAMP",
                StartTimestamp=0,
                EndTimestamp=1,
                Format="PNG",
            ),
            "GetImages",
        ),
    ],
)
def test_unserved_operations_answer_an_explicit_error(
    make_client, unserved_operation, service, call, operation
):
    # Every operation of the installed models is served: this one is unserved as one a newer
    # botocore adds would be. Not the fixture: it fails a test at teardown for every unserved
    # call (see test_pytester).
    unserved_operation(service, operation)
    client = make_client(service, endpoint_url="https://b-12345678.example.invalid")
    client.meta.events.register("before-send", _stop_at_transport)
    with (
        freeze_time("2024-05-01T00:00:00Z"),
        KvsFake() as fake,
        pytest.raises(NotServedError) as caught,
    ):
        call(client)
    assert str(caught.value) == (
        f"pytest-kvsivs does not serve {service}.{operation} (botocore {botocore.__version__}); "
        f"nothing was sent to AWS. Served {service} operations: {_served(service)}. "
        "See the pytest-kvsivs README, section 'What is served'."
    )
    record = fake.calls[-1]
    assert (record.service, record.operation, record.error_code) == (
        service,
        operation,
        "NotServedByFake",
    )
    assert (record.region, record.account_id, record.timestamp) == (
        "us-west-2",
        "123456789012",
        1714521600.0,
    )


def test_only_one_fake_at_a_time(kvs_fake):
    second = KvsFake()
    with pytest.raises(FakeAlreadyActiveError, match="already active") as caught:
        second.start()
    assert str(caught.value) == (
        "another KvsFake is already active; only one fake serves calls at a time. "
        "Use the active one (the kvs_fake fixture inside tests) or stop it first."
    )
    assert hook.active() is kvs_fake


def test_threads_are_served_by_the_active_fake(kvs_fake):
    import threading

    client = boto3.client("kinesisvideo", region_name="us-west-2")
    errors: list[BaseException] = []

    def create(i: int) -> None:
        try:
            client.create_signaling_channel(ChannelName=f"t-{i}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=create, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    names = [c["ChannelName"] for c in client.list_signaling_channels()["ChannelInfoList"]]
    assert names == [f"t-{i}" for i in range(8)]


def test_retries_are_not_simulated_the_caller_sees_one_attempt(kvs_fake, make_client):
    client = make_client(config=Config(retries={"max_attempts": 5, "mode": "standard"}))
    kvs_fake.inject_error("ListSignalingChannels", "ClientLimitExceededException", times=None)
    with pytest.raises(client.exceptions.ClientLimitExceededException) as caught:
        client.list_signaling_channels()
    assert caught.value.response["ResponseMetadata"]["RetryAttempts"] == 0
    assert len(kvs_fake.calls) == 1


def test_start_returns_the_fake_and_stop_is_idempotent():
    fake = KvsFake()
    assert fake.start() is fake
    assert fake.active
    fake.stop()
    fake.stop()
    assert not fake.active
    assert hook.active() is None


def test_response_http_object_carries_the_wire_body(kvs_fake, make_client):
    client = make_client()
    seen: list[AWSResponse] = []
    client.meta.events.register(
        "after-call.kinesis-video", lambda http_response, **kw: seen.append(http_response)
    )
    client.list_signaling_channels()
    assert seen[0].status_code == 200
    assert seen[0].content == b'{"ChannelInfoList": []}'


def test_every_answer_carries_its_own_request_id(kvs_fake, make_client):
    client = make_client()
    ok = client.list_streams()["ResponseMetadata"]
    with pytest.raises(client.exceptions.ResourceNotFoundException) as caught:
        client.describe_stream(StreamName="missing")
    failed = caught.value.response["ResponseMetadata"]
    uuid = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    for metadata in (ok, failed):
        assert re.fullmatch(uuid, metadata["RequestId"])
        assert metadata["HTTPHeaders"]["x-amzn-requestid"] == metadata["RequestId"]
    assert ok["RequestId"] != failed["RequestId"]


def test_a_seed_makes_the_minted_values_repeat(make_client):
    client = make_client()

    def version(seed):
        with KvsFake(instant=True, seed=seed):
            client.create_stream(StreamName="cam")
            return client.describe_stream(StreamName="cam")["StreamInfo"]["Version"]

    assert version(7) == version(7)
    assert version(7) != version(8)


def test_a_success_carries_the_metadata_and_headers_of_one_attempt(kvs_fake, make_client):
    client = make_client()
    seen = []
    client.meta.events.register(
        "after-call.kinesis-video.ListStreams",
        lambda http_response, **kwargs: seen.append(dict(http_response.headers)),
    )
    with freeze_time("2024-05-01T00:00:00Z"):
        metadata = client.list_streams()["ResponseMetadata"]
    headers = {
        "x-amzn-requestid": metadata["RequestId"],
        "content-type": "application/json",
        "date": "Wed, 01 May 2024 00:00:00 GMT",
    }
    assert metadata == {
        "RequestId": metadata["RequestId"],
        "HTTPStatusCode": 200,
        "HTTPHeaders": headers,
        "RetryAttempts": 0,
    }
    assert seen == [headers]
