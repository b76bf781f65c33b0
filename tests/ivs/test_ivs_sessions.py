"""IVS stream sessions through boto3: every broadcast is a session (GetStreamSession,
ListStreamSessions) that keeps the channel and recording configuration as they were at
go-live, the encoder's ingest configuration, its times and its events (newest first); a
recording configuration's reconnect window merges the recordings of reconnects within it."""

from __future__ import annotations

import copy
import re
from datetime import datetime, timedelta, timezone

import pytest
from freezegun import freeze_time
from ivs_support import (
    ACCOUNT,
    MODEL,
    NOWHERE,
    REGION,
    STREAM_ID,
    client_error,
    create_channel_arn,
    not_found,
)

pytestmark = pytest.mark.kvs_fake(instant=True)

START = "2024-05-01T12:00:00Z"
T0 = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
STATE = "IVS Stream State Change"
RECORDING = "IVS Recording State Change"
HEALTH = "IVS Stream Health Change"
INGEST = {
    "video": {
        "avcLevel": "4.1",
        "avcProfile": "Main",
        "codec": "avc1.4D4029",
        "encoder": "obs-output module (libobs version 30.0.0)",
        "targetBitrate": 6000000,
        "targetFramerate": 30,
        "videoHeight": 1080,
        "videoWidth": 1920,
    },
    "audio": {"channels": 2, "codec": "mp4a.40.2", "sampleRate": 48000, "targetBitrate": 160000},
}


def _at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def _event(name: str, seconds: float, kind: str = STATE) -> dict:
    return {"name": name, "type": kind, "eventTime": _at(seconds)}


def _recorded(name: str, seconds: float) -> list[dict]:
    return [_event(name, seconds, RECORDING)]


def _history(*parts: list[dict]) -> list[dict]:
    """Groups of events (each newest first), newest group first, as one list."""
    return [event for part in parts for event in part]


def _went_live(seconds: float) -> list[dict]:
    """The events of a go-live, newest first."""
    return [_event("Stream Start", seconds), _event("Session Created", seconds)]


def _went_offline(seconds: float) -> list[dict]:
    return [_event("Session Ended", seconds), _event("Stream End", seconds)]


def _recording(kvs_fake, ivs, window: int = 0, bucket: str = "recordings") -> str:
    arn = ivs.create_recording_configuration(
        destinationConfiguration={"s3": {"bucketName": bucket}},
        recordingReconnectWindowSeconds=window,
    )["recordingConfiguration"]["arn"]
    kvs_fake.settle()  # ACTIVE before a channel uses it
    return arn


def _session(ivs, arn: str, stream_id: str | None = None) -> dict:
    kwargs = {"streamId": stream_id} if stream_id else {}
    return ivs.get_stream_session(channelArn=arn, **kwargs)["streamSession"]


def _events(ivs, arn: str, stream_id: str | None = None) -> list[dict]:
    return _session(ivs, arn, stream_id)["truncatedEvents"]


def _model_has(shape: str, member: str) -> bool:
    return member in MODEL.shape_for(shape).members


# -- GetStreamSession ---------------------------------------------------------------------------


def test_a_channel_that_never_went_live_has_no_sessions(ivs):
    arn = create_channel_arn(ivs)
    listed = ivs.list_stream_sessions(channelArn=arn)
    assert listed["streamSessions"] == []
    assert "nextToken" not in listed
    assert client_error(lambda: ivs.get_stream_session(channelArn=arn)) == (
        not_found(f"channel {arn} has never been live")
    )


def test_a_live_session_keeps_the_channel_of_its_go_live_and_has_no_end_time(kvs_fake, ivs):
    with freeze_time(START):
        arn = create_channel_arn(ivs, name="studio", latencyMode="NORMAL", tags={"team": "live"})
        stream_id = kvs_fake.start_broadcast(arn)
        session = _session(ivs, arn)
        channel = ivs.get_channel(arn=arn)["channel"]
    assert re.fullmatch(STREAM_ID, stream_id)
    assert session["streamId"] == stream_id
    assert session["startTime"] == T0
    assert "endTime" not in session
    assert session["channel"] == channel
    assert "recordingConfiguration" not in session
    assert "ingestConfiguration" not in session  # the broadcaster described no ingest
    assert session["truncatedEvents"] == _went_live(0)


def test_an_ended_session_has_its_end_time_and_its_events_newest_first(kvs_fake, ivs):
    with freeze_time(START) as frozen:
        arn = create_channel_arn(ivs)
        stream_id = kvs_fake.start_broadcast(arn)
        frozen.tick(90)
        kvs_fake.stop_broadcast(arn)
        frozen.tick(10)
        session = _session(ivs, arn, stream_id)
    assert (session["startTime"], session["endTime"]) == (T0, _at(90))
    assert session["truncatedEvents"] == _went_offline(90) + _went_live(0)


def test_stop_stream_ends_the_session_like_a_disconnect(kvs_fake, ivs):
    with freeze_time(START) as frozen:
        arn = create_channel_arn(ivs)
        stream_id = kvs_fake.start_broadcast(arn)
        frozen.tick(5)
        ivs.stop_stream(channelArn=arn)
        session = _session(ivs, arn)
    assert (session["streamId"], session["endTime"]) == (stream_id, _at(5))
    assert session["truncatedEvents"] == _went_offline(5) + _went_live(0)


def test_without_a_stream_id_the_latest_session_is_returned(kvs_fake, ivs):
    with freeze_time(START) as frozen:
        arn = create_channel_arn(ivs)
        first = kvs_fake.start_broadcast(arn)
        frozen.tick(10)
        kvs_fake.stop_broadcast(arn)
        frozen.tick(10)
        second = kvs_fake.start_broadcast(arn)
        latest = _session(ivs, arn)
        earlier = _session(ivs, arn, first)
    assert (latest["streamId"], latest["startTime"], "endTime" in latest) == (
        second,
        _at(20),
        False,
    )
    assert (earlier["streamId"], earlier["startTime"], earlier["endTime"]) == (
        first,
        T0,
        _at(10),
    )


def test_unknown_stream_ids_and_channels_are_not_found(kvs_fake, ivs):
    arn, other = create_channel_arn(ivs), create_channel_arn(ivs)
    kvs_fake.start_broadcast(arn)
    elsewhere = kvs_fake.start_broadcast(other)
    unknown = "st-" + "A" * 23
    for stream_id in (unknown, elsewhere):  # a stream of another channel is not this one's
        call = lambda s=stream_id: ivs.get_stream_session(channelArn=arn, streamId=s)  # noqa: E731
        assert client_error(call) == not_found(f"stream session {stream_id} of channel {arn}")
    assert client_error(lambda: ivs.get_stream_session(channelArn=NOWHERE)) == not_found(NOWHERE)
    assert client_error(lambda: ivs.list_stream_sessions(channelArn=NOWHERE)) == not_found(NOWHERE)


def test_a_deleted_channel_takes_its_sessions_with_it(kvs_fake, ivs):
    arn = create_channel_arn(ivs)
    kvs_fake.start_broadcast(arn)
    kvs_fake.stop_broadcast(arn)
    ivs.delete_channel(arn=arn)
    assert client_error(lambda: ivs.get_stream_session(channelArn=arn)) == not_found(arn)
    assert client_error(lambda: ivs.list_stream_sessions(channelArn=arn)) == not_found(arn)


def test_stream_id_format_is_checked_by_the_fake(ivs_unvalidated):
    arn = create_channel_arn(ivs_unvalidated)
    call = lambda: ivs_unvalidated.get_stream_session(channelArn=arn, streamId="st-short")  # noqa: E731
    assert client_error(call) == (
        "ValidationException",
        "1 validation error detected: Value 'st-short' at 'streamId' failed to satisfy "
        "constraint: Member must have length greater than or equal to 26",
        400,
    )


def test_the_ingest_configuration_is_what_the_encoder_sent(kvs_fake, ivs):
    arn = create_channel_arn(ivs)
    kvs_fake.start_broadcast(arn, ingest=INGEST)
    session = _session(ivs, arn)
    assert session["ingestConfiguration"] == INGEST
    if _model_has("StreamSession", "ingestConfigurations"):  # newer models: per track
        assert session["ingestConfigurations"] == {
            "videoConfigurations": [INGEST["video"]],
            "audioConfigurations": [INGEST["audio"]],
        }


def test_an_ingest_without_audio(kvs_fake, ivs):
    arn = create_channel_arn(ivs)
    kvs_fake.start_broadcast(arn, ingest={"video": INGEST["video"]})
    session = _session(ivs, arn)
    assert session["ingestConfiguration"] == {"video": INGEST["video"]}
    if _model_has("StreamSession", "ingestConfigurations"):
        assert session["ingestConfigurations"] == {
            "videoConfigurations": [INGEST["video"]],
            "audioConfigurations": [],
        }


def test_an_ingest_without_video(kvs_fake, ivs):
    arn = create_channel_arn(ivs)
    kvs_fake.start_broadcast(arn, ingest={"audio": INGEST["audio"]})
    session = _session(ivs, arn)
    assert session["ingestConfiguration"] == {"audio": INGEST["audio"]}
    if _model_has("StreamSession", "ingestConfigurations"):
        assert session["ingestConfigurations"] == {
            "videoConfigurations": [],
            "audioConfigurations": [INGEST["audio"]],
        }


def test_sessions_are_invisible_to_other_accounts_and_regions(kvs_fake, ivs, make_client):
    arn = create_channel_arn(ivs)
    kvs_fake.start_broadcast(arn)
    elsewhere = make_client("ivs", region="eu-west-1")
    assert client_error(lambda: elsewhere.get_stream_session(channelArn=arn)) == not_found(arn)
    with kvs_fake.as_account("111122223333"):
        assert client_error(lambda: ivs.list_stream_sessions(channelArn=arn)) == not_found(arn)


# -- ListStreamSessions -------------------------------------------------------------------------


def test_list_stream_sessions_newest_first(kvs_fake, ivs):
    with freeze_time(START) as frozen:
        arn = create_channel_arn(ivs)
        ids = []
        for _ in range(2):
            ids.append(kvs_fake.start_broadcast(arn))
            frozen.tick(60)
            kvs_fake.stop_broadcast(arn)
            frozen.tick(60)
        ids.append(kvs_fake.start_broadcast(arn))
        other = create_channel_arn(ivs)
        kvs_fake.start_broadcast(other)  # another channel's sessions are not listed
        listed = ivs.list_stream_sessions(channelArn=arn)
    assert listed["streamSessions"] == [
        {"streamId": ids[2], "startTime": _at(240), "hasErrorEvent": False},
        {"streamId": ids[1], "startTime": _at(120), "endTime": _at(180), "hasErrorEvent": False},
        {"streamId": ids[0], "startTime": T0, "endTime": _at(60), "hasErrorEvent": False},
    ]
    assert "nextToken" not in listed


def test_list_stream_sessions_pages_with_max_results_and_next_token(kvs_fake, ivs):
    arn = create_channel_arn(ivs)
    ids = []
    for _ in range(3):
        ids.append(kvs_fake.start_broadcast(arn))
        kvs_fake.stop_broadcast(arn)
    first = ivs.list_stream_sessions(channelArn=arn, maxResults=2)
    assert [s["streamId"] for s in first["streamSessions"]] == [ids[2], ids[1]]
    assert re.fullmatch(r"[a-zA-Z0-9+/=_-]{1,1024}", first["nextToken"])
    rest = ivs.list_stream_sessions(channelArn=arn, maxResults=2, nextToken=first["nextToken"])
    assert [s["streamId"] for s in rest["streamSessions"]] == [ids[0]]
    assert "nextToken" not in rest


def test_a_session_that_starts_between_two_pages_does_not_shift_the_second(kvs_fake, ivs):
    arn = create_channel_arn(ivs)
    ids = []
    for _ in range(3):
        ids.append(kvs_fake.start_broadcast(arn))
        kvs_fake.stop_broadcast(arn)
    first = ivs.list_stream_sessions(channelArn=arn, maxResults=1)
    newest = kvs_fake.start_broadcast(arn)
    rest = ivs.list_stream_sessions(channelArn=arn, nextToken=first["nextToken"])
    assert [s["streamId"] for s in first["streamSessions"]] == [ids[2]]
    assert [s["streamId"] for s in rest["streamSessions"]] == [ids[1], ids[0]]
    listed = ivs.list_stream_sessions(channelArn=arn)["streamSessions"]
    assert [s["streamId"] for s in listed] == [newest, ids[2], ids[1], ids[0]]


def test_list_stream_sessions_refuses_foreign_tokens(kvs_fake, ivs):
    arn, other = create_channel_arn(ivs), create_channel_arn(ivs)
    for channel in (arn, other):
        for _ in range(2):
            kvs_fake.start_broadcast(channel)
            kvs_fake.stop_broadcast(channel)
    token = ivs.list_stream_sessions(channelArn=other, maxResults=1)["nextToken"]
    for bad in ("garbage", token):  # the second was minted for another channel
        call = lambda b=bad: ivs.list_stream_sessions(channelArn=arn, nextToken=b)  # noqa: E731
        assert client_error(call) == (
            "ValidationException",
            f"The nextToken {bad!r} is not valid for this request.",
            400,
        )


# -- snapshots at go-live -----------------------------------------------------------------------


def test_the_session_keeps_the_channel_as_it_was_at_go_live(kvs_fake, ivs):
    arn = create_channel_arn(ivs, name="before", tags={"show": "morning"})
    first = kvs_fake.start_broadcast(arn)
    at_go_live = ivs.get_channel(arn=arn)["channel"]
    ivs.tag_resource(resourceArn=arn, tags={"show": "evening"})  # tags change while live
    assert _session(ivs, arn)["channel"] == at_go_live
    kvs_fake.stop_broadcast(arn)
    ivs.update_channel(arn=arn, name="after", latencyMode="NORMAL")
    assert _session(ivs, arn, first)["channel"] == at_go_live
    kvs_fake.start_broadcast(arn)
    now = _session(ivs, arn)["channel"]
    assert (now["name"], now["latencyMode"], now["tags"]) == (
        "after",
        "NORMAL",
        {"show": "evening"},
    )


def test_the_session_keeps_the_recording_configuration_as_it_was_at_go_live(kvs_fake, ivs):
    recording = _recording(kvs_fake, ivs, window=45)
    arn = create_channel_arn(ivs, recordingConfigurationArn=recording)
    stream_id = kvs_fake.start_broadcast(arn)
    at_go_live = ivs.get_recording_configuration(arn=recording)["recordingConfiguration"]
    assert at_go_live["recordingReconnectWindowSeconds"] == 45
    ivs.tag_resource(resourceArn=recording, tags={"added": "later"})
    assert _session(ivs, arn)["recordingConfiguration"] == at_go_live
    kvs_fake.stop_broadcast(arn)
    ivs.update_channel(arn=arn, recordingConfigurationArn="")
    ivs.delete_recording_configuration(arn=recording)
    session = _session(ivs, arn, stream_id)
    assert session["recordingConfiguration"] == at_go_live
    assert session["channel"]["recordingConfigurationArn"] == recording


@pytest.mark.requires_operations(
    "ivs", "CreateFailoverSlateConfiguration", "UpdateFailoverSlateConfiguration"
)
def test_the_session_keeps_the_failover_slate_configuration_as_it_was_at_go_live(kvs_fake, ivs):
    slate = ivs.create_failover_slate_configuration(name="slate")["failoverSlateConfiguration"]
    arn = create_channel_arn(ivs, failoverSlateConfigurationArn=slate["arn"])
    plain = create_channel_arn(ivs)
    kvs_fake.start_broadcast(arn)
    kvs_fake.start_broadcast(plain)
    ivs.update_failover_slate_configuration(arn=slate["arn"], maxSlateDisplaySeconds=120)
    assert _session(ivs, arn)["failoverSlateConfiguration"] == slate
    assert "failoverSlateConfiguration" not in _session(ivs, plain)


# -- recording events and the reconnect window --------------------------------------------------


def test_a_recorded_broadcast_without_reconnect_window(kvs_fake, ivs):
    with freeze_time(START) as frozen:
        arn = create_channel_arn(ivs, recordingConfigurationArn=_recording(kvs_fake, ivs, window=0))
        first = kvs_fake.start_broadcast(arn)
        assert _events(ivs, arn) == _recorded("Recording Start", 0) + _went_live(0)
        frozen.tick(30)
        kvs_fake.stop_broadcast(arn)
        second = kvs_fake.start_broadcast(arn)  # at once: still a new recording
        assert _events(ivs, arn, first) == (
            _recorded("Recording End", 30)
            + _went_offline(30)
            + _recorded("Recording Start", 0)
            + _went_live(0)
        )
        assert _events(ivs, arn, second) == (_recorded("Recording Start", 30) + _went_live(30))


def test_the_recording_ends_when_the_reconnect_window_has_passed(kvs_fake, ivs):
    with freeze_time(START) as frozen:
        arn = create_channel_arn(
            ivs, recordingConfigurationArn=_recording(kvs_fake, ivs, window=30)
        )
        stream_id = kvs_fake.start_broadcast(arn)
        frozen.tick(10)
        kvs_fake.stop_broadcast(arn)
        ended = _went_offline(10) + _recorded("Recording Start", 0) + _went_live(0)
        assert _events(ivs, arn, stream_id) == ended  # the recording waits for a reconnect
        frozen.tick(29)
        assert _events(ivs, arn, stream_id) == ended
        kvs_fake.advance(1)
        assert _events(ivs, arn, stream_id) == _recorded("Recording End", 40) + ended
        assert _session(ivs, arn, stream_id)["endTime"] == _at(10)  # the session ended before


def test_a_reconnect_within_the_window_continues_the_recording(kvs_fake, ivs):
    with freeze_time(START) as frozen:
        recording = _recording(kvs_fake, ivs, window=30)
        arn = create_channel_arn(ivs, recordingConfigurationArn=recording)
        first = kvs_fake.start_broadcast(arn)
        frozen.tick(10)
        kvs_fake.stop_broadcast(arn)
        frozen.tick(29)  # 29 s later: within the 30 s window
        second = kvs_fake.start_broadcast(arn)
        assert second != first  # every connection is its own stream session
        assert _events(ivs, arn, second) == _went_live(39)  # no new Recording Start
        assert _session(ivs, arn, second)["recordingConfiguration"]["arn"] == recording
        frozen.tick(100)
        # the first session's recording went on in the second: it never ends on its own
        assert _events(ivs, arn, first) == (
            _went_offline(10) + _recorded("Recording Start", 0) + _went_live(0)
        )
        kvs_fake.stop_broadcast(arn)  # at 139 s
        frozen.tick(30)
        assert _events(ivs, arn, second) == (
            _recorded("Recording End", 169) + _went_offline(139) + _went_live(39)
        )
        assert [
            s["streamId"] for s in ivs.list_stream_sessions(channelArn=arn)["streamSessions"]
        ] == [
            second,
            first,
        ]


def test_a_reconnect_when_the_window_has_passed_starts_a_new_recording(kvs_fake, ivs):
    with freeze_time(START) as frozen:
        arn = create_channel_arn(
            ivs, recordingConfigurationArn=_recording(kvs_fake, ivs, window=30)
        )
        first = kvs_fake.start_broadcast(arn)
        frozen.tick(10)
        kvs_fake.stop_broadcast(arn)
        frozen.tick(30)  # exactly the window: the recording has ended
        second = kvs_fake.start_broadcast(arn)
        assert _events(ivs, arn, first)[0] == _event("Recording End", 40, RECORDING)
        assert _events(ivs, arn, second) == (_recorded("Recording Start", 40) + _went_live(40))


def test_a_reconnect_after_recording_was_switched_off_is_not_merged(kvs_fake, ivs):
    with freeze_time(START) as frozen:
        arn = create_channel_arn(
            ivs, recordingConfigurationArn=_recording(kvs_fake, ivs, window=30)
        )
        first = kvs_fake.start_broadcast(arn)
        frozen.tick(10)
        kvs_fake.stop_broadcast(arn)
        ivs.update_channel(arn=arn, recordingConfigurationArn="")
        frozen.tick(5)
        second = kvs_fake.start_broadcast(arn)
        session = _session(ivs, arn, second)
        assert "recordingConfiguration" not in session
        assert session["truncatedEvents"] == _went_live(15)
        frozen.tick(25)
        assert _events(ivs, arn, first)[0] == _event("Recording End", 40, RECORDING)


def test_a_recording_whose_bucket_left_the_region_cannot_start(kvs_fake, ivs):
    with freeze_time(START) as frozen:
        recording = _recording(kvs_fake, ivs, window=30, bucket="moving-bucket")
        arn = create_channel_arn(ivs, recordingConfigurationArn=recording)
        kvs_fake.set_bucket_region("moving-bucket", "eu-west-1")  # the bucket was re-made there
        first = kvs_fake.start_broadcast(arn)
        failure = _recorded("Recording Start Failure", 0)
        assert _events(ivs, arn) == failure + _went_live(0)
        frozen.tick(10)
        kvs_fake.stop_broadcast(arn)
        frozen.tick(60)  # a failed recording has no end
        assert _events(ivs, arn) == _went_offline(10) + failure + _went_live(0)
        kvs_fake.set_bucket_region("moving-bucket", "us-west-2")
        second = kvs_fake.start_broadcast(arn)
        assert _events(ivs, arn) == _recorded("Recording Start", 70) + _went_live(70)
        summaries = ivs.list_stream_sessions(channelArn=arn)["streamSessions"]
    assert [(s["streamId"], s["hasErrorEvent"]) for s in summaries] == [
        (second, False),
        (first, True),
    ]


def test_a_failed_recording_is_not_continued_by_a_reconnect_within_the_window(kvs_fake, ivs):
    with freeze_time(START) as frozen:
        recording = _recording(kvs_fake, ivs, window=30, bucket="moving-bucket")
        arn = create_channel_arn(ivs, recordingConfigurationArn=recording)
        kvs_fake.set_bucket_region("moving-bucket", "eu-west-1")
        kvs_fake.start_broadcast(arn)
        frozen.tick(10)
        kvs_fake.stop_broadcast(arn)
        frozen.tick(5)  # within the window, the bucket still away: it fails again
        kvs_fake.start_broadcast(arn)
        assert _events(ivs, arn) == _recorded("Recording Start Failure", 15) + _went_live(15)
        frozen.tick(10)
        kvs_fake.stop_broadcast(arn)
        kvs_fake.set_bucket_region("moving-bucket", "us-west-2")
        frozen.tick(5)  # within the window, the bucket back: a new recording, not a merge
        kvs_fake.start_broadcast(arn)
        assert _events(ivs, arn) == _recorded("Recording Start", 30) + _went_live(30)


def test_a_broadcast_recorded_after_an_unrecorded_one_starts_its_own_recording(kvs_fake, ivs):
    with freeze_time(START) as frozen:
        arn = create_channel_arn(ivs)
        kvs_fake.start_broadcast(arn)
        frozen.tick(10)
        kvs_fake.stop_broadcast(arn)
        recording = _recording(kvs_fake, ivs, window=30)
        ivs.update_channel(arn=arn, recordingConfigurationArn=recording)
        frozen.tick(5)
        kvs_fake.start_broadcast(arn)
        assert _events(ivs, arn) == _recorded("Recording Start", 15) + _went_live(15)


# -- stream health events -----------------------------------------------------------------------


def test_starvation_start_and_end_are_events_of_the_session(kvs_fake, ivs):
    with freeze_time(START) as frozen:
        arn = create_channel_arn(ivs)
        kvs_fake.start_broadcast(arn)
        frozen.tick(10)
        kvs_fake.set_stream_health(arn, "STARVING")
        frozen.tick(1)
        kvs_fake.set_stream_health(arn, "STARVING", viewer_count=5)  # still starving: no event
        frozen.tick(4)
        kvs_fake.set_stream_health(arn, "UNKNOWN")  # leaving STARVING, whatever for
        frozen.tick(5)
        kvs_fake.set_stream_health(arn, "HEALTHY")  # neither enters nor leaves STARVING
        kvs_fake.set_stream_health(arn, "STARVING")
        frozen.tick(10)
        kvs_fake.set_stream_health(arn, "HEALTHY")
        frozen.tick(5)
        kvs_fake.stop_broadcast(arn)
        events = _events(ivs, arn)
        summary = ivs.list_stream_sessions(channelArn=arn)["streamSessions"][0]
    assert events == _history(
        _went_offline(35),
        [
            _event("Starvation End", 30, HEALTH),
            _event("Starvation Start", 20, HEALTH),
            _event("Starvation End", 15, HEALTH),
            _event("Starvation Start", 10, HEALTH),
        ],
        _went_live(0),
    )
    assert summary["hasErrorEvent"] is False  # starving is no failure


def test_a_broadcast_that_starts_starving_starts_with_a_starvation_start(kvs_fake, ivs):
    with freeze_time(START) as frozen:
        arn = create_channel_arn(ivs)
        kvs_fake.start_broadcast(arn, health="STARVING")
        frozen.tick(3)
        kvs_fake.set_stream_health(arn, "HEALTHY")
        events = _events(ivs, arn)
    assert events == [
        _event("Starvation End", 3, HEALTH),
        _event("Starvation Start", 0, HEALTH),
        *_went_live(0),
    ]


# -- what a deleted channel leaves --------------------------------------------------------------


def test_deleting_a_channel_drops_its_sessions_metadata_times_and_key_index(kvs_fake, ivs):
    created = ivs.create_channel()
    arn, key = created["channel"]["arn"], created["streamKey"]["arn"]
    kept = create_channel_arn(ivs)
    for channel in (arn, kept):
        kvs_fake.start_broadcast(channel)
        ivs.put_metadata(channelArn=channel, metadata="cue")
        kvs_fake.stop_broadcast(channel)
    state = kvs_fake._runtime.state("ivs", ACCOUNT, REGION)
    assert state.stream_key_of(arn).arn == key
    ivs.delete_channel(arn=arn)
    assert (arn in state.sessions, arn in state.metadata_times) == (False, False)
    assert state.stream_key_of(arn) is None
    assert client_error(lambda: ivs.get_stream_key(arn=key)) == not_found(key)
    assert [len(state.sessions[kept]), len(state.metadata_times[kept])] == [1, 1]
    assert state.stream_key_of(kept) is not None


def test_answers_are_copies_changing_one_changes_nothing_the_fake_keeps(kvs_fake, ivs):
    arn = create_channel_arn(ivs, name="show", recordingConfigurationArn=_recording(kvs_fake, ivs))
    ingest = {"video": {"codec": "avc1.64002A", "targetFramerate": 30}}
    kvs_fake.start_broadcast(arn, ingest=ingest)
    first = ivs.get_stream_session(channelArn=arn)["streamSession"]
    kept = copy.deepcopy(first)
    first["channel"]["name"] = "changed"
    first["channel"]["tags"]["x"] = "y"
    first["ingestConfiguration"]["video"]["codec"] = "changed"
    first["recordingConfiguration"]["destinationConfiguration"]["s3"]["bucketName"] = "changed"
    first["recordingConfiguration"]["thumbnailConfiguration"]["storage"].append("LATEST")
    ingest["video"]["codec"] = "changed"
    assert ivs.get_stream_session(channelArn=arn)["streamSession"] == kept
