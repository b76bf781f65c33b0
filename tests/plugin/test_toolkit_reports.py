"""What a test author sees: assertion failures (the diff, no frames of ours) and injected
errors that answered no call, reported at teardown (ini and marker switch it off)."""

from __future__ import annotations

from pathlib import Path

import pytest

import pytest_kvsivs

TESTS = """
import boto3
import pytest


def test_wrong_params(kvs_fake):
    kvs = boto3.client("kinesisvideo", region_name="eu-west-1")
    kvs.create_signaling_channel(ChannelName="cam-1", Tags=[{"Key": "env", "Value": "dev"}])
    kvs.list_signaling_channels()
    kvs_fake.assert_called_once_with(
        "create_signaling_channel", ChannelName="cam-1", Tags=[{"Key": "env", "Value": "prod"}]
    )


def test_unused_injection(kvs_fake):
    kvs_fake.inject_error("DescribeSignalingChannel", "AccessDeniedException", times=None)
    boto3.client("kinesisvideo", region_name="eu-west-1").list_signaling_channels()


@pytest.mark.kvs_fake(assert_all_injected_used=False)
def test_unused_injection_allowed(kvs_fake):
    kvs_fake.inject_error("DescribeSignalingChannel", "AccessDeniedException")
"""


def test_an_assertion_failure_shows_the_diff_and_hides_our_frames(pytester):
    pytester.makepyfile(test_app=TESTS)
    result = pytester.runpytest("-p", "no:randomly", "-k", "wrong_params")
    result.assert_outcomes(failed=1)
    lines = [
        ">       kvs_fake.assert_called_once_with(",
        "E       AssertionError: expected CreateSignalingChannel(ChannelName='cam-1', "
        "Tags=[{'Key': 'env', 'Value': 'prod'}]) to be called once, with exactly these "
        "params, but it was called with other params.",
        "E       Calls of CreateSignalingChannel (1):",
        "E         1. kinesisvideo.CreateSignalingChannel(ChannelName='cam-1', "
        "Tags=[{'Key': 'env', 'Value': 'dev'}]) -> ok",
        "E            differing: Tags[0]['Value']='dev', expected 'prod'",
        "E       Other calls (1):",
        "E         2. kinesisvideo.ListSignalingChannels() -> ok",
        "",
        "test_app.py:9: AssertionError",
    ]
    if "mutants" in Path(pytest_kvsivs.__file__).resolve().parts:  # mutmut's copy
        # mutmut wraps every function of the package in a trampoline of its own, whose frame
        # pytest shows (indented deeper, ending in trampoline.py): the message is what counts.
        escaped = [line.replace("[", "[[]") for line in lines[1:-2]]  # fnmatch classes
        lines = [line.replace("E       ", "E*", 1) for line in escaped]
    result.stdout.fnmatch_lines(lines, consecutive=False)
    assert "calls.py" not in result.stdout.str()  # the helper's own frames are hidden


def test_an_injection_that_answered_no_call_fails_the_test_at_teardown(pytester):
    pytester.makepyfile(test_app=TESTS)
    result = pytester.runpytest("-p", "no:randomly", "-k", "unused")
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(
        [
            "*ERROR at teardown of test_unused_injection*",
            "kvs_fake: 1 injected error(s) answered no call:",
            "  kinesisvideo.DescribeSignalingChannel -> AccessDeniedException "
            "(every call, answered 0 call(s))",
            "Calls made (1):",
            "  1. kinesisvideo.ListSignalingChannels() -> ok",
            "Remove the injection, or turn this check off with "
            "@pytest.mark.kvs_fake(assert_all_injected_used=False) or the ini option "
            "kvs_fake_assert_all_injected_used = false.",
        ]
    )
    assert "test_unused_injection_allowed" not in result.stdout.str()


@pytest.mark.parametrize("value", ["false", "0"])
def test_the_ini_option_turns_the_teardown_check_off(pytester, value):
    pytester.makeini(f"[pytest]\nkvs_fake_assert_all_injected_used = {value}\n")
    pytester.makepyfile(test_app=TESTS)
    result = pytester.runpytest("-p", "no:randomly", "-k", "unused")
    result.assert_outcomes(passed=2)


def test_the_marker_turns_it_back_on_over_the_ini(pytester):
    pytester.makeini("[pytest]\nkvs_fake_assert_all_injected_used = false\n")
    pytester.makepyfile(
        test_app="""
        import pytest

        @pytest.mark.kvs_fake(assert_all_injected_used=True)
        def test_strict(kvs_fake):
            kvs_fake.inject_error("ListSignalingChannels", "AccessDeniedException")
        """
    )
    result = pytester.runpytest("-p", "no:randomly")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["kvs_fake: 1 injected error(s) answered no call:"])


def test_no_assertion_helper_shows_its_own_frame(pytester):
    pytester.makepyfile(
        test_helpers="""
        import pytest

        CALLS = [
            lambda f: f.assert_called("ListStreams", service="ivs"),
            lambda f: f.assert_called_once("ListStreams", service="ivs"),
            lambda f: f.assert_not_called("ListStreams", service="kinesisvideo"),
            lambda f: f.assert_called_once_with("ListStreams", service="ivs"),
            lambda f: f.assert_called_with("ListStreams", service="ivs"),
            lambda f: f.assert_any_call("ListStreams", service="ivs"),
            lambda f: f.assert_has_calls([("ListChannels", {})]),
            lambda f: f.calls.assert_has_calls([("ListChannels", {})], any_order=True),
        ]

        @pytest.mark.parametrize("number", range(len(CALLS)))
        def test_fails(kvs_fake, number):
            import boto3

            boto3.client("kinesisvideo", region_name="us-west-2").list_streams()
            CALLS[number](kvs_fake)
        """
    )
    result = pytester.runpytest("-p", "no:randomly")
    result.assert_outcomes(failed=8)
    assert "calls.py" not in result.stdout.str()
