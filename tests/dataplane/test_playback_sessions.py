"""kinesis-video-archived-media GetHLSStreamingSessionURL and GetDASHStreamingSessionURL,
black-box through boto3 clients created on the endpoint GetDataEndpoint issues for them."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from freezegun import freeze_time
from media_support import REGION, T0, archived, make_stream

pytestmark = [pytest.mark.kvs_fake(instant=True), pytest.mark.usefixtures("frozen")]

HLS = ("get_hls_streaming_session_url", "GET_HLS_STREAMING_SESSION_URL", "HLS")
DASH = ("get_dash_streaming_session_url", "GET_DASH_STREAMING_SESSION_URL", "DASH")
BOTH = pytest.mark.parametrize("protocol", [HLS, DASH], ids=["HLS", "DASH"])


@pytest.fixture
def frozen():
    with freeze_time("2024-05-01T00:00:00Z"):
        yield


def _call(protocol: tuple[str, str, str], **params: Any) -> str:
    method, api, name = protocol
    selector = params.pop("selector", None)
    if selector is not None:
        params[f"{name}FragmentSelector"] = selector
    answer = getattr(archived(api=api), method)(StreamName="cam", **params)
    return str(answer[f"{name}StreamingSessionURL"])


def _selector(start: float, end: float | None = None, kind: str = "SERVER_TIMESTAMP") -> dict:
    span = {"StartTimestamp": datetime.fromtimestamp(start, timezone.utc)}
    if end is not None:
        span["EndTimestamp"] = datetime.fromtimestamp(end, timezone.utc)
    return {"FragmentSelectorType": kind, "TimestampRange": span}


def _error(caught: pytest.ExceptionInfo[ClientError]) -> tuple[str, int]:
    response = caught.value.response
    return response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"]


def test_hls_url_is_on_the_streams_read_endpoint(kvs_fake):
    make_stream()
    kvs_fake.put_media("cam", duration=10)
    kvs = boto3.client("kinesisvideo", region_name=REGION)
    endpoint = kvs.get_data_endpoint(StreamName="cam", APIName="GET_HLS_STREAMING_SESSION_URL")
    url = _call(HLS)
    pattern = re.escape(endpoint["DataEndpoint"]) + (
        r"/hls/v1/getHLSMasterPlaylist\.m3u8\?SessionToken=Ci[A-Za-z0-9_-]{100,}"
    )
    assert re.fullmatch(pattern, url), url
    assert re.fullmatch(
        r"https://b-[0-9a-f]{8}\.kinesisvideo\.us-west-2\.amazonaws\.com", endpoint["DataEndpoint"]
    )


def test_dash_url(kvs_fake):
    make_stream()
    kvs_fake.put_media("cam", duration=10)
    url = _call(DASH)
    assert re.fullmatch(
        r"https://b-[0-9a-f]{8}\.kinesisvideo\.us-west-2\.amazonaws\.com"
        r"/dash/v1/getDASHManifest\.mpd\?SessionToken=Ci[A-Za-z0-9_-]+",
        url,
    )


def _urls(fake: Any) -> list[str]:
    make_stream()
    fake.put_media("cam", duration=4)
    return [_call(HLS), _call(DASH)]


@pytest.mark.kvs_fake(seed=7)
def test_tokens_are_reproducible_with_a_seed(kvs_fake):
    first = _urls(kvs_fake)
    kvs_fake.reset()
    assert _urls(kvs_fake) == first
    assert len(set(first)) == 2


@BOTH
def test_live_defaults_and_the_newest_five_fragments(kvs_fake, protocol):
    make_stream()
    numbers = kvs_fake.put_media("cam", duration=20)
    url = _call(protocol)
    (session,) = kvs_fake.streaming_sessions("cam")
    assert (session.protocol, session.url, session.playback_mode) == (protocol[2], url, "LIVE")
    assert session.fragment_selector_type == "SERVER_TIMESTAMP"
    # LIVE: the fragments that ended in the last 30 s, the newest five of them.
    assert session.fragment_numbers == tuple(numbers[-5:])
    assert session.expires_at - session.created_at == 300
    expected = {"DisplayFragmentTimestamp": "NEVER"}
    if protocol is HLS:
        expected |= {
            "ContainerFormat": "FRAGMENTED_MP4",
            "DiscontinuityMode": "ALWAYS",
            "MaxMediaPlaylistFragmentResults": 5,
        }
    else:
        expected |= {"DisplayFragmentNumber": "NEVER", "MaxManifestFragmentResults": 5}
    assert session.options == expected


def test_discontinuity_mode_defaults_to_never_for_producer_timestamps(kvs_fake):
    make_stream()
    kvs_fake.put_media("cam", duration=10, producer_start=100.0)
    _call(HLS, PlaybackMode="ON_DEMAND", selector=_selector(100, 110, "PRODUCER_TIMESTAMP"))
    (session,) = kvs_fake.streaming_sessions("cam")
    assert session.options["DiscontinuityMode"] == "NEVER"
    assert session.options["MaxMediaPlaylistFragmentResults"] == 1000
    assert len(session.fragment_numbers) == 5


@BOTH
def test_live_without_recent_fragments_is_resource_not_found(kvs_fake, protocol):
    make_stream()
    kvs_fake.put_media("cam", duration=10, start=T0 - 60)  # ended 50 s ago
    with pytest.raises(ClientError) as caught:
        _call(protocol)
    assert _error(caught) == ("ResourceNotFoundException", 404)
    assert "no fragments from the last 30 seconds" in caught.value.response["Error"]["Message"]


def test_a_fragment_ending_within_30_seconds_is_recent(kvs_fake):
    make_stream()
    numbers = kvs_fake.put_media("cam", duration=10, start=T0 - 40)  # last ends T0-30
    _call(HLS)
    assert kvs_fake.streaming_sessions("cam")[0].fragment_numbers == (numbers[-1],)


@BOTH
def test_on_demand_takes_the_oldest_fragments_in_the_range(kvs_fake, protocol):
    make_stream()
    numbers = kvs_fake.put_media("cam", duration=20)
    max_member = (
        "MaxMediaPlaylistFragmentResults" if protocol is HLS else "MaxManifestFragmentResults"
    )
    _call(protocol, PlaybackMode="ON_DEMAND", selector=_selector(T0 - 15, T0), **{max_member: 3})
    (session,) = kvs_fake.streaming_sessions("cam")
    assert session.fragment_numbers == tuple(numbers[3:6])  # starts T0-14, -12, -10


@BOTH
def test_live_replay_without_an_end(kvs_fake, protocol):
    make_stream()
    numbers = kvs_fake.put_media("cam", duration=20)
    _call(protocol, PlaybackMode="LIVE_REPLAY", selector=_selector(T0 - 4), Expires=43200)
    (session,) = kvs_fake.streaming_sessions("cam")
    assert session.fragment_numbers == tuple(numbers[-2:])
    assert session.expires_at - session.created_at == 43200


@BOTH
@pytest.mark.parametrize(
    ("mode", "selector", "message"),
    [
        ("ON_DEMAND", None, "PlaybackMode ON_DEMAND needs a fragment selector"),
        ("LIVE_REPLAY", {"FragmentSelectorType": "SERVER_TIMESTAMP"}, "needs a fragment selector"),
        ("ON_DEMAND", _selector(T0 - 4), "EndTimestamp is required"),
        ("LIVE", _selector(T0 - 4, T0), "TimestampRange must not be set for PlaybackMode LIVE."),
        ("ON_DEMAND", _selector(T0 - 4, T0 - 5), "must be later than the start timestamp"),
        ("ON_DEMAND", _selector(T0 - 90_000, T0), "more than 24 hours after"),
        ("ON_DEMAND", _selector(T0 - 4, T0 + 10), "is in the future"),
    ],
)
def test_selectors_the_model_docs_refuse(kvs_fake, protocol, mode, selector, message):
    make_stream(retention=48)
    kvs_fake.put_media("cam", duration=10)
    kwargs = {} if selector is None else {"selector": selector}
    with pytest.raises(ClientError) as caught:
        _call(protocol, PlaybackMode=mode, **kwargs)
    assert _error(caught) == ("InvalidArgumentException", 400)
    assert message in caught.value.response["Error"]["Message"]


@BOTH
def test_on_demand_without_fragments_in_range(kvs_fake, protocol):
    make_stream()
    kvs_fake.put_media("cam", duration=4)
    with pytest.raises(ClientError) as caught:
        _call(protocol, PlaybackMode="ON_DEMAND", selector=_selector(T0 - 100, T0 - 50))
    assert _error(caught) == ("ResourceNotFoundException", 404)


@BOTH
def test_no_data_retention(kvs_fake, protocol):
    make_stream(retention=0)
    kvs_fake.put_media("cam", duration=4)
    with pytest.raises(ClientError) as caught:
        _call(protocol)
    assert _error(caught) == ("NoDataRetentionException", 400)


@BOTH
@pytest.mark.parametrize(
    ("codec", "fault", "code"),
    [
        ("V_VP8", None, "UnsupportedStreamMediaTypeException"),
        ("V_MPEG4/ISO/AVC", "missing_codec_private_data", "MissingCodecPrivateDataException"),
        ("V_MPEGH/ISO/HEVC", "invalid_codec_private_data", "InvalidCodecPrivateDataException"),
    ],
)
def test_media_errors(kvs_fake, protocol, codec, fault, code):
    make_stream()
    kvs_fake.put_media("cam", duration=4, codec=codec, fault=fault)
    with pytest.raises(ClientError) as caught:
        _call(protocol)
    assert _error(caught) == (code, 400)


@BOTH
def test_audio_only_and_invalid_frames_are_served(kvs_fake, protocol):
    """AAC audio only plays (the model docs); InvalidMediaFrameException is GetClip's only."""
    make_stream()
    kvs_fake.put_media("cam", duration=4, start=T0 - 6, codec="A_AAC")
    kvs_fake.put_media("cam", duration=2, fault="invalid_media_frames")
    assert _call(protocol)


def test_an_eleventh_hls_session_revokes_the_oldest(kvs_fake):
    make_stream()
    kvs_fake.put_media("cam", duration=4)
    for _ in range(11):
        _call(HLS)
    _call(DASH)  # DASH sessions are not counted
    now = kvs_fake.now().timestamp()
    sessions = kvs_fake.streaming_sessions("cam")
    assert [s.status(now) for s in sessions] == ["REVOKED"] + ["ACTIVE"] * 11
    kvs_fake.advance(300)
    assert {s.status(kvs_fake.now().timestamp()) for s in sessions[1:]} == {"EXPIRED"}


@BOTH
def test_another_apis_endpoint_is_refused(kvs_fake, protocol):
    make_stream()
    kvs_fake.put_media("cam", duration=4)
    method, api, _ = protocol
    with pytest.raises(ClientError) as caught:
        getattr(archived(api="PUT_MEDIA"), method)(StreamName="cam")
    assert _error(caught) == ("InvalidArgumentException", 400)
    assert f"Call GetDataEndpoint with APIName {api}" in caught.value.response["Error"]["Message"]


def test_unknown_stream(kvs_fake):
    with pytest.raises(ClientError) as caught:
        boto3.client(
            "kinesis-video-archived-media", region_name=REGION
        ).get_hls_streaming_session_url(StreamName="nope")
    assert _error(caught) == ("ResourceNotFoundException", 404)
