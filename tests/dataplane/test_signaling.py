"""kinesis-video-signaling through boto3 clients made as real code makes them: the HTTPS
endpoint from GetSignalingChannelEndpoint."""

from __future__ import annotations

import base64
import re

import boto3
import pytest
from freezegun import freeze_time

pytestmark = pytest.mark.kvs_fake(instant=True)

REGION = "us-west-2"
NOT_FOUND = "The requested channel is not found or not active."


def _channel(kvs, name: str = "cam") -> str:
    arn: str = kvs.create_signaling_channel(ChannelName=name)["ChannelARN"]
    return arn


def _endpoints(kvs, arn: str, *protocols: str, role: str = "MASTER") -> dict[str, str]:
    config = {"Protocols": list(protocols or ("HTTPS",)), "Role": role}
    answer = kvs.get_signaling_channel_endpoint(
        ChannelARN=arn, SingleMasterChannelEndpointConfiguration=config
    )
    return {e["Protocol"]: e["ResourceEndpoint"] for e in answer["ResourceEndpointList"]}


def _signaling(kvs, arn: str):
    """A signaling client as the KVS WebRTC SDKs make one: on the channel's HTTPS endpoint."""
    https = _endpoints(kvs, arn)["HTTPS"]
    return boto3.client("kinesis-video-signaling", region_name=REGION, endpoint_url=https)


def _error(caught) -> tuple[str, str, int]:
    response = caught.value.response
    return (
        response["Error"]["Code"],
        response["Error"]["Message"],
        response["ResponseMetadata"]["HTTPStatusCode"],
    )


# -- GetIceServerConfig ----------------------------------------------------------------------


@freeze_time("2024-05-01T12:00:00Z")
def test_ice_servers_are_two_turn_servers_of_the_channel_region(kvs):
    arn = _channel(kvs)
    servers = _signaling(kvs, arn).get_ice_server_config(ChannelARN=arn)["IceServerList"]
    assert len(servers) == 2
    for server in servers:
        uris = server["Uris"]
        host = re.fullmatch(
            r"turn:((?:\d{1,3}-){3}\d{1,3}\.t-[0-9a-f]{8}\.kinesisvideo\.us-west-2\.amazonaws\.com)"
            r":443\?transport=udp",
            uris[0],
        )
        assert host is not None, uris
        assert uris == [
            f"turn:{host[1]}:443?transport=udp",
            f"turns:{host[1]}:443?transport=udp",
            f"turns:{host[1]}:443?transport=tcp",
        ]
        assert server["Ttl"] == 300
        expiry = int(server["Username"].split("-", 1)[0])
        assert expiry == 1714564800 + 300  # now + Ttl, as the TURN REST API's usernames say
        assert re.fullmatch(r"[a-zA-Z0-9_.-]{43}", server["Password"])
    assert servers[0]["Password"] != servers[1]["Password"]
    assert servers[0]["Username"] == servers[1]["Username"]
    assert servers[0]["Uris"][0].split(".t-")[1] == servers[1]["Uris"][0].split(".t-")[1]


def test_ice_servers_of_another_region(kvs_fake):
    kvs = boto3.client("kinesisvideo", region_name="ap-northeast-2")
    arn = kvs.create_signaling_channel(ChannelName="cam")["ChannelARN"]
    https = _endpoints(kvs, arn)["HTTPS"]
    client = boto3.client(
        "kinesis-video-signaling", region_name="ap-northeast-2", endpoint_url=https
    )
    uri = client.get_ice_server_config(ChannelARN=arn)["IceServerList"][0]["Uris"][0]
    assert re.fullmatch(
        r"turn:[\d-]+\.t-[0-9a-f]{8}\.kinesisvideo\.ap-northeast-2\.amazonaws\.com:443\?transport=udp",
        uri,
    )


def test_a_client_without_endpoint_url_is_served_too(kvs):
    arn = _channel(kvs)
    client = boto3.client("kinesis-video-signaling", region_name=REGION)
    assert len(client.get_ice_server_config(ChannelARN=arn, Service="TURN")["IceServerList"]) == 2


def test_unknown_channels_and_other_regions_are_not_found(kvs):
    arn = _channel(kvs)
    client = _signaling(kvs, arn)
    for other in (arn.replace("/cam/", "/nope/"), arn.replace("us-west-2", "eu-west-1")):
        with pytest.raises(client.exceptions.ResourceNotFoundException) as caught:
            client.get_ice_server_config(ChannelARN=other)
        assert _error(caught) == ("ResourceNotFoundException", NOT_FOUND, 404)


@pytest.mark.kvs_fake(instant=False)
def test_a_channel_still_creating_is_not_found(kvs):
    arn = _channel(kvs)
    client = boto3.client("kinesis-video-signaling", region_name=REGION)
    with pytest.raises(client.exceptions.ResourceNotFoundException) as caught:
        client.get_ice_server_config(ChannelARN=arn)
    assert _error(caught) == ("ResourceNotFoundException", NOT_FOUND, 404)


def test_client_sessions_expire_after_45_minutes_on_the_fake_clock(kvs, kvs_fake):
    arn = _channel(kvs)
    client = _signaling(kvs, arn)
    client.get_ice_server_config(ChannelARN=arn, ClientId="viewer-1")  # connects
    kvs_fake.advance(45 * 60 - 1)
    client.get_ice_server_config(ChannelARN=arn, ClientId="viewer-1")
    client.get_ice_server_config(ChannelARN=arn, ClientId="viewer-2")
    kvs_fake.advance(1)
    with pytest.raises(client.exceptions.SessionExpiredException) as caught:
        client.get_ice_server_config(ChannelARN=arn, ClientId="viewer-1")
    assert _error(caught) == (
        "SessionExpiredException",
        "The session of client viewer-1 expired 45 minutes after it connected; "
        "reconnect to the channel.",
        400,
    )
    assert caught.value.response["message"] == _error(caught)[1]  # the model's lower-case key
    client.get_ice_server_config(ChannelARN=arn, ClientId="viewer-1")  # reconnected
    client.get_ice_server_config(ChannelARN=arn, ClientId="viewer-2")  # its own session
    client.get_ice_server_config(ChannelARN=arn)  # no ClientId: no session


def test_a_client_id_with_the_reserved_prefix_is_an_invalid_client(kvs):
    arn = _channel(kvs)
    client = _signaling(kvs, arn)
    for client_id in ("AWS_viewer", "aws_viewer"):
        with pytest.raises(client.exceptions.InvalidClientException) as caught:
            client.get_ice_server_config(ChannelARN=arn, ClientId=client_id)
        assert _error(caught) == (
            "InvalidClientException",
            f"The client {client_id} is invalid: a ClientId cannot start with AWS_.",
            400,
        )


def test_requests_are_validated_against_the_model(kvs, make_client):
    from botocore.config import Config

    arn = _channel(kvs)
    client = make_client("kinesis-video-signaling", config=Config(parameter_validation=False))
    with pytest.raises(client.exceptions.InvalidArgumentException) as caught:
        client.get_ice_server_config(ChannelARN=arn, Service="STUN")
    assert _error(caught) == (
        "InvalidArgumentException",
        "1 validation error detected: Value 'STUN' at 'service' failed to satisfy constraint: "
        "Member must satisfy enum value set: [TURN]",
        400,
    )


def test_seeded_fakes_answer_the_same_servers(kvs_fake):
    from pytest_kvsivs import KvsFake

    answers = []
    kvs_fake.stop()
    for _ in range(2):
        with freeze_time("2024-05-01T12:00:00Z"), KvsFake(instant=True, seed=7) as fake:
            kvs = boto3.client("kinesisvideo", region_name=REGION)
            arn = _channel(kvs)
            answers.append(_signaling(kvs, arn).get_ice_server_config(ChannelARN=arn))
            assert fake.calls.last.operation == "GetIceServerConfig"
    kvs_fake.start()
    assert answers[0]["IceServerList"] == answers[1]["IceServerList"]


# -- endpoints -------------------------------------------------------------------------------


def test_the_endpoint_of_another_protocol_or_channel_is_refused(kvs):
    kvs.create_stream(StreamName="store", DataRetentionInHours=1)
    stream = kvs.describe_stream(StreamName="store")["StreamInfo"]["StreamARN"]
    arn, other = _channel(kvs, "cam"), _channel(kvs, "other")
    kvs.update_media_storage_configuration(
        ChannelARN=arn, MediaStorageConfiguration={"Status": "ENABLED", "StreamARN": stream}
    )
    own = _endpoints(kvs, arn, "WSS", "HTTPS", "WEBRTC")
    wrong = [own["WSS"], own["WEBRTC"], _endpoints(kvs, other)["HTTPS"]]
    for endpoint in wrong:
        client = boto3.client("kinesis-video-signaling", region_name=REGION, endpoint_url=endpoint)
        with pytest.raises(client.exceptions.InvalidArgumentException) as caught:
            client.get_ice_server_config(ChannelARN=arn)
        assert _error(caught) == (
            "InvalidArgumentException",
            f"{endpoint} is not the HTTPS endpoint of the signaling channel {arn}; send the "
            f"request to {own['HTTPS']}, the HTTPS ResourceEndpoint GetSignalingChannelEndpoint "
            "answers for it.",
            400,
        )


def test_a_made_up_kvs_endpoint_is_refused_and_other_hosts_are_served(kvs):
    arn = _channel(kvs)
    made_up = "https://r-00000000.kinesisvideo.us-west-2.amazonaws.com"
    client = boto3.client("kinesis-video-signaling", region_name=REGION, endpoint_url=made_up)
    with pytest.raises(client.exceptions.InvalidArgumentException):
        client.get_ice_server_config(ChannelARN=arn)
    for host in ("http://localhost:4566", "https://kinesisvideo.us-west-2.amazonaws.com"):
        client = boto3.client("kinesis-video-signaling", region_name=REGION, endpoint_url=host)
        assert client.get_ice_server_config(ChannelARN=arn)["IceServerList"]


# -- SendAlexaOfferToMaster ------------------------------------------------------------------

OFFER = base64.b64encode(b'{"type":"offer","sdp":"v=0"}').decode()


def test_the_connected_master_answers_the_offer_in_base64(kvs, kvs_fake):
    arn = _channel(kvs)
    client = _signaling(kvs, arn)
    kvs_fake.connect_master(arn, answer='{"type":"answer","sdp":"v=0 mine"}')
    answer = client.send_alexa_offer_to_master(
        ChannelARN=arn, SenderClientId="alexa", MessagePayload=OFFER
    )["Answer"]
    assert base64.b64decode(answer) == b'{"type":"answer","sdp":"v=0 mine"}'
    kvs_fake.connect_master(arn)  # a new master replaces the first, with the default answer
    answer = client.send_alexa_offer_to_master(
        ChannelARN=arn, SenderClientId="alexa", MessagePayload=OFFER
    )["Answer"]
    assert base64.b64decode(answer) == (
        b'{"type":"answer","sdp":"v=0\\r\\no=- 0 0 IN IP4 127.0.0.1\\r\\ns=-\\r\\nt=0 0\\r\\n"}'
    )
    kvs_fake.assert_called_with(
        "send_alexa_offer_to_master", ChannelARN=arn, SenderClientId="alexa", MessagePayload=OFFER
    )


def test_without_a_master_no_answer_comes(kvs, kvs_fake):
    arn = _channel(kvs)
    client = _signaling(kvs, arn)
    sent = {"ChannelARN": arn, "SenderClientId": "alexa", "MessagePayload": OFFER}
    response = client.send_alexa_offer_to_master(**sent)
    assert "Answer" not in response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    kvs_fake.connect_master(arn)
    assert "Answer" in client.send_alexa_offer_to_master(**sent)
    kvs_fake.disconnect_master(arn)
    assert "Answer" not in client.send_alexa_offer_to_master(**sent)


def test_offers_to_unknown_channels_are_not_found(kvs):
    arn = _channel(kvs)
    client = _signaling(kvs, arn)
    with pytest.raises(client.exceptions.ResourceNotFoundException) as caught:
        client.send_alexa_offer_to_master(
            ChannelARN=arn.replace("/cam/", "/nope/"), SenderClientId="a", MessagePayload=OFFER
        )
    assert _error(caught) == ("ResourceNotFoundException", NOT_FOUND, 404)


def test_master_controls_refuse_what_cannot_be(kvs, kvs_fake):
    arn = _channel(kvs)
    missing = arn.replace("/cam/", "/nope/")
    with pytest.raises(ValueError, match="no ACTIVE signaling channel") as caught:
        kvs_fake.connect_master(missing)
    assert str(caught.value) == (
        f"no ACTIVE signaling channel {missing!r} to connect a master to: create it "
        "(CreateSignalingChannel) and let it become ACTIVE first. See the pytest-kvsivs "
        "README, section 'The fixture and KvsFake'."
    )
    with pytest.raises(ValueError, match="no ACTIVE signaling channel"):
        kvs_fake.connect_master("not-an-arn")
    with pytest.raises(ValueError, match="no master is connected") as caught:
        kvs_fake.disconnect_master(arn)
    assert str(caught.value) == (
        f"disconnect_master: no master is connected to {arn} (connect_master connects one). "
        "See the pytest-kvsivs README, section 'The fixture and KvsFake'."
    )
    with pytest.raises(ValueError, match="1 to 10000 characters once base64-encoded"):
        kvs_fake.connect_master(arn, answer="x" * 7501)
    kvs_fake.connect_master(arn, answer="x" * 7500)  # 10000 once encoded: the model's max
    with pytest.raises(ValueError, match="got 0 characters"):
        kvs_fake.connect_master(arn, answer="")


def test_a_master_is_forgotten_with_its_channel_and_by_reset(kvs, kvs_fake):
    arn = _channel(kvs)
    kvs_fake.connect_master(arn)
    kvs.delete_signaling_channel(ChannelARN=arn)
    kvs_fake.settle()
    with pytest.raises(ValueError, match="no ACTIVE signaling channel"):
        kvs_fake.disconnect_master(arn)
    arn = _channel(kvs, "again")
    kvs_fake.connect_master(arn)
    kvs_fake.reset()
    with pytest.raises(ValueError, match="no ACTIVE signaling channel"):
        kvs_fake.disconnect_master(arn)
