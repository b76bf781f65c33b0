"""What follows the installed model or the partition rather than a family: answers cut to the
installed output shape (an older ``ivs`` model lacks newer members), and IVS ARNs in the
``aws`` partition whatever the client's region."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from freezegun import freeze_time

from pytest_kvsivs.model import service_model

pytestmark = pytest.mark.kvs_fake(instant=True)


@pytest.mark.parametrize("region", ["cn-north-1", "us-gov-west-1"])
def test_ivs_arns_stay_in_the_aws_partition_and_resolve(make_client, region):
    ivs = make_client("ivs", region=region)
    channel = ivs.create_channel(name="show")["channel"]
    assert re.fullmatch(
        rf"arn:aws:ivs:{region}:123456789012:channel/[a-zA-Z0-9]{{12}}", channel["arn"]
    )
    assert ivs.get_channel(arn=channel["arn"])["channel"] == channel


def _model_without(tmp: Path, shape: str, member: str) -> Path:
    """The installed ivs model without one output member, where botocore finds it first."""
    model = service_model("ivs")
    data = json.loads(json.dumps(model._service_description))
    del data["shapes"][shape]["members"][member]
    folder = tmp / "models" / "ivs" / model.api_version
    folder.mkdir(parents=True)
    (folder / "service-2.json").write_text(json.dumps(data))
    return tmp / "models"


@pytest.mark.requires_operations("ivs", "InsertAdBreak", "CreateAdConfiguration")
def test_insert_ad_break_answers_only_what_the_installed_model_has(tmp_path):
    if "targetStartAt" not in service_model("ivs").shape_for("InsertAdBreakResponse").members:
        pytest.skip("this botocore's InsertAdBreak answers the id only already")
    script = textwrap.dedent(
        """
        import boto3
        from pytest_kvsivs import KvsFake

        with KvsFake(instant=True, check_responses=True) as fake:
            ivs = boto3.client("ivs", region_name="us-west-2")
            ad = ivs.create_ad_configuration(mediaTailorPlaybackConfigurations=[
                {"playbackConfigurationArn":
                 "arn:aws:mediatailor:us-west-2:123456789012:playbackConfiguration/ads"}
            ])["adConfiguration"]["arn"]
            channel = ivs.create_channel(adConfigurationArn=ad)["channel"]["arn"]
            fake.start_broadcast(channel)
            answer = ivs.insert_ad_break(channelArn=channel, durationSeconds=30)
            answer.pop("ResponseMetadata")
            print(sorted(answer), len(answer["adBreakId"]))
        """
    )
    models = _model_without(tmp_path, "InsertAdBreakResponse", "targetStartAt")
    env = {**os.environ, "AWS_DATA_PATH": str(models)}  # under mutmut: the mutant too
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert done.stderr == ""
    assert done.stdout == "['adBreakId'] 12\n"


def test_times_go_over_the_wire_as_aws_prints_them(kvs_fake, ivs):
    """ISO 8601 in UTC with milliseconds and a Z, as the raw body an after-call handler (or
    the AWS CLI's debug log) sees."""
    bodies = []
    ivs.meta.events.register(
        "after-call.ivs.GetStream", lambda http_response, **kw: bodies.append(http_response.content)
    )
    with freeze_time("2024-05-01T12:00:00.123456Z"):
        arn = ivs.create_channel()["channel"]["arn"]
        kvs_fake.start_broadcast(arn)
        ivs.get_stream(channelArn=arn)
    assert json.loads(bodies[0])["stream"]["startTime"] == "2024-05-01T12:00:00.123Z"
