"""The plugin as a user meets it: fixture, marker, options, failure output, disabling."""

from __future__ import annotations

import pytest

APP = """
import boto3

CLIENT = boto3.client("kinesisvideo", region_name="us-west-2")  # created at import


def provision(name):
    return CLIENT.create_signaling_channel(ChannelName=name)["ChannelARN"]
"""


def test_fixture_serves_module_level_clients_and_discards_state(pytester):
    pytester.makepyfile(app=APP)
    pytester.makepyfile(
        test_app="""
        import app

        def test_first(kvs_fake):
            arn = app.provision("cam-1")
            kvs_fake.settle()
            info = app.CLIENT.describe_signaling_channel(ChannelARN=arn)["ChannelInfo"]
            assert info["ChannelStatus"] == "ACTIVE"
            kvs_fake.assert_called("CreateSignalingChannel", ChannelName="cam-1", times=1)

        def test_second_starts_empty(kvs_fake):
            assert len(kvs_fake.calls) == 0
            app.provision("cam-1")  # the same name again: nothing leaked
        """
    )
    pytester.runpytest("-p", "no:randomly").assert_outcomes(passed=2)


def test_assertion_failure_lists_the_calls_and_the_report_shows_them(pytester):
    pytester.makepyfile(app=APP)
    pytester.makepyfile(
        test_app="""
        import app

        def test_expects_a_delete(kvs_fake):
            app.provision("cam-1")
            kvs_fake.assert_called("DeleteSignalingChannel")

        def test_plain_failure(kvs_fake):
            app.provision("cam-2")
            assert False

        def test_passes(kvs_fake):
            app.provision("cam-3")
        """
    )
    result = pytester.runpytest("-p", "no:randomly")
    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines(
        [
            "*AssertionError: expected DeleteSignalingChannel() to be called at least once, "
            "but it was called 0 time(s).",
            "*Calls of DeleteSignalingChannel (0):",
            "*  (none)",
            "*Other calls (1):",
            "*1. kinesisvideo.CreateSignalingChannel(ChannelName='cam-1') -> ok",
        ]
    )
    result.stdout.fnmatch_lines(
        [
            "*- kvs_fake calls -*",
            "  1. kinesisvideo.CreateSignalingChannel(ChannelName='cam-2') -> ok",
        ]
    )
    assert "ChannelName='cam-3'" not in result.stdout.str()


def test_marker_ini_and_command_line_options(pytester):
    pytester.makeini(
        """
        [pytest]
        kvs_fake_account_id = 210987654321
        """
    )
    pytester.makepyfile(
        test_opts="""
        import boto3
        import pytest

        def status(name):
            client = boto3.client("kinesisvideo", region_name="us-west-2")
            return client.describe_signaling_channel(ChannelName=name)["ChannelInfo"]

        def test_ini_account(kvs_fake):
            boto3.client("kinesisvideo", region_name="us-west-2").create_signaling_channel(
                ChannelName="a")
            assert ":210987654321:channel/a/" in status("a")["ChannelARN"]

        @pytest.mark.kvs_fake(instant=True, account_id="111122223333")
        def test_marker(kvs_fake):
            boto3.client("kinesisvideo", region_name="us-west-2").create_signaling_channel(
                ChannelName="b")
            assert status("b")["ChannelStatus"] == "ACTIVE"
            assert ":111122223333:" in status("b")["ChannelARN"]

        def test_default_is_not_instant(kvs_fake):
            boto3.client("kinesisvideo", region_name="us-west-2").create_signaling_channel(
                ChannelName="c")
            assert status("c")["ChannelStatus"] == "CREATING"
        """
    )
    pytester.runpytest("-p", "no:randomly").assert_outcomes(passed=3)
    result = pytester.runpytest("-p", "no:randomly", "--kvs-fake-instant")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(
        ["*test_default_is_not_instant*", "*assert 'ACTIVE' == 'CREATING'*"]
    )


def test_bad_marker_usage_and_bad_delays_say_what_is_possible(pytester):
    pytester.makepyfile(
        test_positional="""
        import pytest

        @pytest.mark.kvs_fake("positional")
        def test_positional(kvs_fake):
            pass
        """
    )
    result = pytester.runpytest("-p", "no:randomly", "test_positional.py")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [
            "ERROR: test_positional.py::test_positional: @pytest.mark.kvs_fake takes keyword "
            "options only, got ('positional',); known options: account_id, instant, *"
        ]
    )
    pytester.makepyfile(
        test_delay="""
        import pytest

        @pytest.mark.kvs_fake(delays={"channel.CREATING": 1})
        def test_unknown_delay(kvs_fake):
            pass
        """
    )
    result = pytester.runpytest("-p", "no:randomly", "test_delay.py")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            "*unknown delay name(s) *channel.CREATING*; "
            "the known ones are *'kinesisvideo.stream.CREATING'*"
        ]
    )


def test_disabling_the_plugin(pytester):
    pytester.makepyfile("def test_it(kvs_fake):\n    pass\n")
    result = pytester.runpytest("-p", "no:kvsivs", "-p", "no:randomly")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*fixture 'kvs_fake' not found*"])


def test_help_and_markers_document_the_plugin(pytester):
    pytester.runpytest("--help").stdout.fnmatch_lines(
        [
            "*--kvs-fake-instant*",
            "*--kvs-fake-served*",
            "*--kvs-fake-coverage=*PATH.json*",
            "*kvs_fake_account_id*",
            "*kvs_fake_assert_all_injected_used*",
        ]
    )
    pytester.runpytest("--markers").stdout.fnmatch_lines(
        [
            "@pytest.mark.kvs_fake(**options): this test gets the kvs_fake fixture, with these "
            "options (module, class and test markers merge; the closest wins per option): "
            "account_id, instant, delays, seed, check_responses, signaling_channel_limit, "
            "stream_limit, assert_all_injected_used, world (see pytest_kvsivs.FakeOptions)."
        ]
    )


def test_unittest_users_use_the_context_manager(pytester):
    pytester.makepyfile(
        test_unit="""
        import unittest

        import boto3

        from pytest_kvsivs import KvsFake


        class ProvisioningTest(unittest.TestCase):
            def test_create(self):
                client = boto3.client("kinesisvideo", region_name="eu-west-1")
                with KvsFake(instant=True) as fake:
                    client.create_signaling_channel(ChannelName="cam")
                    info = client.describe_signaling_channel(ChannelName="cam")["ChannelInfo"]
                self.assertEqual(info["ChannelStatus"], "ACTIVE")
                self.assertEqual(len(fake.calls), 2)
        """
    )
    pytester.runpytest("-p", "no:randomly").assert_outcomes(passed=1)


def test_response_check_failures_fail_the_test_at_teardown(pytester, unserved_operation):
    unserved_operation("kinesis-video-archived-media", "GetHLSStreamingSessionURL")
    pytester.makeini("[pytest]\nkvs_fake_check_responses = true\n")
    pytester.makepyfile(
        test_defect="""
        import boto3
        import pytest

        from pytest_kvsivs import FakeDefectError
        from pytest_kvsivs.services.kinesisvideo import signaling_channels

        def test_planted_defect(kvs_fake, monkeypatch):
            monkeypatch.setattr(signaling_channels.Channel, "info", lambda self, now: {"X": 1})
            client = boto3.client("kinesisvideo", region_name="us-west-2")
            client.create_signaling_channel(ChannelName="cam")
            for _ in range(2):
                try:
                    client.describe_signaling_channel(ChannelName="cam")
                except FakeDefectError:
                    pass  # application code swallowing it must not hide the defect
            try:
                boto3.client(
                    "kinesis-video-archived-media", region_name="us-west-2"
                ).get_hls_streaming_session_url(StreamName="cam")
            except Exception:
                pass  # nor an unserved call
        """
    )
    result = pytester.runpytest("-p", "no:randomly")
    result.assert_outcomes(passed=1, errors=1)
    problem = (
        "kinesisvideo.DescribeSignalingChannel: ChannelInfo: Additional properties are not "
        "allowed ('X' was unexpected); parsed response {'ChannelInfo': {'X': 1}} differs from "
        "botocore's parse {'ChannelInfo': {}}"
    )
    result.stdout.fnmatch_lines(
        [
            "*ERROR at teardown of test_planted_defect*",
            "kvs_fake answered what the service could not:",
            problem.replace("[", "[[]"),
            problem.replace("[", "[[]"),
            "",
            "kvs_fake was called for 1 operation call(s) it does not serve; *",
            "  1. kinesis-video-archived-media.GetHLSStreamingSessionURL(StreamName='cam') "
            "-> NotServedByFake",
            "Served operations: *",
            "*short test summary info*",
        ],
        consecutive=True,
    )


def test_options_and_ini_names_help_and_defaults(pytester, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # one line per help text
    pytester.runpytest("--help").stdout.fnmatch_lines(
        [
            "pytest-kvsivs (Kinesis Video Streams and IVS fake):",
            "  --kvs-fake-instant    make every asynchronous transition of kvs_fake complete "
            "at once.",
            "  --kvs-fake-served     show which KVS and IVS operations kvs_fake serves with the "
            "installed botocore, and exit.",
        ],
        consecutive=True,
    )
    pytester.runpytest("--help").stdout.fnmatch_lines(
        [
            "  kvs_fake_account_id (string):",
            "                        account id kvs_fake acts as.",
            "  kvs_fake_instant (bool):",
            "                        asynchronous transitions complete at once.",
            "  kvs_fake_check_responses (bool):",
            "                        check every response against the output shape and "
            "botocore's parser (for fake authors).",
        ],
        consecutive=True,
    )
    pytester.makepyfile(
        """
        def test_defaults(request):
            config = request.config
            assert config.getoption("--kvs-fake-instant") is None
            assert config.getoption("--kvs-fake-served") is False
            assert config.getini("kvs_fake_account_id") == "123456789012"
            assert config.getini("kvs_fake_instant") is False
            assert config.getini("kvs_fake_check_responses") is False
        """
    )
    pytester.runpytest("-p", "no:randomly").assert_outcomes(passed=1)


def test_every_marked_test_gets_the_fake_whatever_comes_before_it(pytester):
    pytester.makepyfile(
        """
        import boto3
        import pytest

        def test_unmarked_first():
            pass

        @pytest.mark.kvs_fake(instant=True)
        def test_marked_without_the_fixture():
            client = boto3.client("kinesisvideo", region_name="us-west-2")
            client.create_stream(StreamName="cam")
            assert client.describe_stream(StreamName="cam")["StreamInfo"]["Status"] == "ACTIVE"

        def test_unmarked_last():
            pass
        """
    )
    pytester.runpytest("-p", "no:randomly").assert_outcomes(passed=3)


def test_ini_instant_applies_when_the_command_line_says_nothing(pytester):
    pytester.makeini("[pytest]\nkvs_fake_instant = true\n")
    pytester.makepyfile(
        """
        def test_instant(kvs_fake):
            assert kvs_fake.options.instant is True
        """
    )
    pytester.runpytest("-p", "no:randomly").assert_outcomes(passed=1)


def test_the_marked_fake_is_set_up_before_the_tests_own_fixtures(pytester):
    pytester.makepyfile(
        """
        import boto3
        import pytest

        @pytest.fixture
        def provisioned():
            client = boto3.client("kinesisvideo", region_name="us-west-2")
            return client.create_stream(StreamName="cam")["StreamARN"]

        @pytest.mark.kvs_fake(instant=True)
        def test_uses_a_provisioning_fixture(provisioned, request):
            assert provisioned.startswith("arn:aws:kinesisvideo:us-west-2:123456789012:stream/")
            assert request.fixturenames[:2] == ["kvs_fake", "provisioned"]

        @pytest.mark.kvs_fake(instant=True)
        def test_asks_for_it_too(kvs_fake, request):
            assert request.fixturenames.count("kvs_fake") == 1
        """
    )
    pytester.runpytest("-p", "no:randomly").assert_outcomes(passed=2)
