"""The marker as people use it (without the fixture, at several levels), what fails a test
at teardown, and the plugin on a botocore whose models lack what the fake implements."""

from __future__ import annotations

import json
from pathlib import Path

import botocore
import pytest

from pytest_kvsivs import served_operations
from pytest_kvsivs.model import service_model

pytestmark = pytest.mark.usefixtures("_fresh_machine")

NO_NETWORK = """
import socket

import pytest

ATTEMPTS = []


class NetworkBlocked(Exception):
    pass


def _blocked(*args, **kwargs):
    ATTEMPTS.append(args)
    raise NetworkBlocked(repr(args))


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    ATTEMPTS.clear()
    monkeypatch.setattr(socket, "getaddrinfo", _blocked)
    monkeypatch.setattr(socket.socket, "connect", _blocked)
"""


@pytest.fixture
def _fresh_machine(monkeypatch, tmp_path):
    # Credentials present, as on a developer's machine: a call that is not served would be
    # signed and sent. One attempt only, so the control test does not sleep in retries.
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "secret")
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


def test_a_marked_test_gets_the_fake_without_asking_and_opens_no_socket(pytester):
    pytester.makeconftest(NO_NETWORK)
    pytester.makepyfile(
        test_marked="""
        import boto3
        import pytest

        from conftest import ATTEMPTS, NetworkBlocked
        from pytest_kvsivs import hook

        CLIENT = boto3.client("kinesisvideo", region_name="us-west-2")

        @pytest.mark.kvs_fake(instant=True)
        def test_marked_without_the_fixture():
            arn = CLIENT.create_stream(StreamName="cam")["StreamARN"]
            info = CLIENT.describe_stream(StreamARN=arn)["StreamInfo"]
            assert info["Status"] == "ACTIVE"
            assert hook.active().calls[0].operation == "CreateStream"
            assert ATTEMPTS == []

        def test_control_unmarked_reaches_for_the_network():
            with pytest.raises(Exception) as caught:
                CLIENT.describe_stream(StreamName="cam")
            assert "NetworkBlocked" in repr(caught.value) or ATTEMPTS
            assert ATTEMPTS != []
        """
    )
    result = pytester.runpytest("-p", "no:randomly")
    result.assert_outcomes(passed=2)


def test_markers_merge_from_module_class_and_test_the_closest_wins(pytester):
    pytester.makepyfile(
        test_merged="""
        import pytest

        pytestmark = pytest.mark.kvs_fake(instant=True, account_id="111111111111")

        def options(fake):
            return (fake.options.instant, fake.options.account_id, fake.options.seed)

        def test_module_only(kvs_fake):
            assert options(kvs_fake) == (True, "111111111111", None)

        @pytest.mark.kvs_fake(seed=7)
        class TestClass:
            def test_class_adds(self, kvs_fake):
                assert options(kvs_fake) == (True, "111111111111", 7)

            @pytest.mark.kvs_fake(account_id="333333333333", instant=False)
            def test_closest_wins(self, kvs_fake):
                assert options(kvs_fake) == (False, "333333333333", 7)
        """
    )
    pytester.runpytest("-p", "no:randomly").assert_outcomes(passed=3)


def test_an_unknown_marker_option_stops_the_run_naming_the_known_ones(pytester):
    pytester.makepyfile(
        test_typo="""
        import pytest

        @pytest.mark.kvs_fake(instnat=True)
        def test_typo():
            pass

        def test_unrelated():
            pass
        """
    )
    result = pytester.runpytest("-p", "no:randomly")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [
            "ERROR: test_typo.py::test_typo: @pytest.mark.kvs_fake got unknown option(s) "
            "instnat; known options: account_id, instant, delays, seed, check_responses, "
            "signaling_channel_limit, stream_limit, assert_all_injected_used, world"
        ]
    )


def test_a_swallowed_unserved_call_fails_its_test_at_teardown(pytester, unserved_operation):
    unserved_operation("kinesis-video-archived-media", "GetHLSStreamingSessionURL")
    pytester.makepyfile(
        app="""
        import boto3

        MEDIA = boto3.client("kinesis-video-archived-media", region_name="us-west-2")

        def playback_url_or_nothing():
            try:
                answer = MEDIA.get_hls_streaming_session_url(StreamName="cam")
                return answer["HLSStreamingSessionURL"]
            except Exception:  # application code that swallows everything
                return None
        """
    )
    pytester.makepyfile(
        test_app="""
        import app

        def test_swallowed(kvs_fake):
            assert app.playback_url_or_nothing() is None

        def test_served_only(kvs_fake):
            import boto3
            boto3.client("kinesisvideo", region_name="us-west-2").list_streams()
        """
    )
    result = pytester.runpytest("-p", "no:randomly")
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(
        [
            "*ERROR at teardown of test_swallowed*",
            "*kvs_fake was called for 1 operation call(s) it does not serve; each raised "
            "NotServedError in the code under test (caught there, the test could not see it):",
            "  1. kinesis-video-archived-media.GetHLSStreamingSessionURL(StreamName='cam') "
            "-> NotServedByFake",
            "Served operations: pytest --kvs-fake-served, or the README's 'What is served'.",
        ]
    )


def _served_line(service):
    count = len(service_model(service).operation_names)
    return f"  {service}: {count} of {count} operations served"


def test_served_operations_are_listed_on_request(pytester):
    """Every operation of the installed models is served, the data plane's too."""
    kvs = served_operations()["kinesisvideo"]
    ivs = served_operations()["ivs"]
    coverage = served_operations()
    assert {name: item.not_served for name, item in coverage.items()} == dict.fromkeys(coverage, ())
    result = pytester.runpytest("--kvs-fake-served")
    assert result.ret == 0
    result.stdout.fnmatch_lines(
        [
            f"pytest-kvsivs with botocore {botocore.__version__}:",
            *(
                _served_line(name)
                if item.model_installed
                else f"  {name}: no model in this botocore; not hooked"
                for name, item in coverage.items()
            ),
        ]
    )
    assert "not served" not in result.stdout.str()
    assert len(kvs.served) + len(kvs.not_in_model) == 32
    assert len(ivs.served) + len(ivs.not_in_model) == 46


def test_an_unserved_operation_is_listed_as_not_served(pytester, unserved_operation):
    """As one a newer botocore adds would be: counted in the model, named, not served."""
    unserved_operation("kinesis-video-archived-media", "GetClip")
    archived = served_operations()["kinesis-video-archived-media"]
    archived_count = len(service_model("kinesis-video-archived-media").operation_names)
    assert (archived.not_served, len(archived.served)) == (("GetClip",), archived_count - 1)
    result = pytester.runpytest("--kvs-fake-served")
    assert result.ret == 0
    result.stdout.fnmatch_lines(
        [
            f"  kinesis-video-archived-media: {archived_count - 1} of {archived_count} "
            "operations served",
            "    not served: GetClip",
            _served_line("kinesis-video-media"),
        ],
        consecutive=True,
    )


def _older_model(tmp: Path, drop_operations: tuple[str, ...], drop_shapes: tuple[str, ...]):
    """A kinesisvideo model as an older botocore has it: the installed one without some
    operations (and shapes), found first by botocore through AWS_DATA_PATH."""
    model = service_model("kinesisvideo")
    data = json.loads(json.dumps(model._service_description))
    for name in drop_operations:
        data["operations"].pop(name, None)  # the oldest supported botocore lacks some already
    for name in drop_shapes:
        del data["shapes"][name]
    folder = tmp / "models" / "kinesisvideo" / model.api_version
    folder.mkdir(parents=True)
    (folder / "service-2.json").write_text(json.dumps(data))
    return tmp / "models"


STORAGE_OPERATIONS = ("DescribeStreamStorageConfiguration", "UpdateStreamStorageConfiguration")


def test_operations_an_older_model_lacks_are_skipped_and_the_rest_is_served(
    pytester, monkeypatch, tmp_path
):
    """botocore before 1.41.2 has no stream storage operations: nothing breaks."""
    monkeypatch.setenv("AWS_DATA_PATH", str(_older_model(tmp_path, STORAGE_OPERATIONS, ())))
    pytester.makepyfile(
        test_old="""
        import boto3

        from pytest_kvsivs import served_operations

        def test_unrelated():
            assert 1

        def test_the_fake_serves_what_the_model_has(kvs_fake):
            client = boto3.client("kinesisvideo", region_name="us-west-2")
            assert not hasattr(client, "update_stream_storage_configuration")
            client.create_stream(StreamName="cam")
            kvs_fake.settle()
            status = client.describe_stream(StreamName="cam")["StreamInfo"]["Status"]
            assert status == "ACTIVE"
            coverage = served_operations()["kinesisvideo"]
            assert coverage.not_in_model == (
                "DescribeStreamStorageConfiguration",
                "UpdateStreamStorageConfiguration",
            )
            assert len(coverage.served) == 30
            assert coverage.not_served == ()
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:randomly")
    result.assert_outcomes(passed=2)
    served = pytester.runpytest_subprocess("--kvs-fake-served")
    served.stdout.fnmatch_lines(
        [
            "  kinesisvideo: 30 of 30 operations served",
            "    not in this botocore's model: DescribeStreamStorageConfiguration, "
            "UpdateStreamStorageConfiguration",
        ]
    )


def test_a_model_the_fake_cannot_run_on_fails_only_the_tests_that_use_it(
    pytester, monkeypatch, tmp_path
):
    """A model without the stream Status enum: the fixture says what is missing and on which
    botocore; a test that does not use the fake passes."""
    older = _older_model(tmp_path, ("ListStreams", "DescribeStream"), ("Status",))
    monkeypatch.setenv("AWS_DATA_PATH", str(older))
    pytester.makepyfile(
        test_broken="""
        def test_unrelated():
            assert 1

        def test_uses_the_fake(kvs_fake):
            pass
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:randomly")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(
        ["*UnsupportedBotocoreError: pytest-kvsivs cannot run on botocore *: *Status*"]
    )
