"""Parts that run once, at import or on first use: the lazy package names, the operation
registry, the served-operations report and the fake's own descriptions."""

from __future__ import annotations

import logging
import types

import botocore
import pytest

import pytest_kvsivs
from pytest_kvsivs import KvsFake, coverage
from pytest_kvsivs.calls import format_calls
from pytest_kvsivs.coverage import ServiceCoverage, format_coverage
from pytest_kvsivs.fake import _not_served_message
from pytest_kvsivs.lifecycle import Delays, Family
from pytest_kvsivs.model import SERVICES, service_model
from pytest_kvsivs.operation_names import Operation, resolve
from pytest_kvsivs.services.base import Operations
from pytest_kvsivs.services.common import model_limit


def test_lazy_names_load_their_module_and_stay(monkeypatch):
    from pytest_kvsivs import coverage, fake

    monkeypatch.delattr(pytest_kvsivs, "KvsFake")  # as in a fresh process: not loaded yet
    assert pytest_kvsivs.KvsFake is fake.KvsFake

    assert pytest_kvsivs.__getattr__("KvsFake") is fake.KvsFake
    assert pytest_kvsivs.__getattr__("served_operations") is coverage.served_operations
    assert vars(pytest_kvsivs)["KvsFake"] is fake.KvsFake
    with pytest.raises(AttributeError) as caught:
        pytest_kvsivs.__getattr__("Nope")
    assert str(caught.value) == "module 'pytest_kvsivs' has no attribute 'Nope'"


def _handler(call, params):
    return {}


def test_operations_serve_what_the_model_defines_and_set_aside_the_rest(caplog):
    operations = Operations("kinesisvideo")
    assert "CreateStream" in operations.known
    with caplog.at_level(logging.DEBUG, logger="pytest_kvsivs"):
        assert operations("CreateStream")(_handler) is _handler
        assert operations("CreateStreamV2")(_handler) is _handler
    assert (operations.handlers, operations.not_in_model) == (
        {"CreateStream": _handler},
        {"CreateStreamV2": _handler},
    )
    assert caplog.messages == [
        "kinesisvideo.CreateStreamV2: not in the installed botocore model, not served"
    ]
    for name in ("CreateStream", "CreateStreamV2"):
        with pytest.raises(ValueError, match=rf"^kinesisvideo\.{name} is served twice$"):
            operations(name)


def test_operations_of_a_service_whose_model_is_not_installed_serve_nothing():
    operations = Operations("no-such-service")
    operations("CreateStream")(_handler)
    assert (operations.known, operations.handlers) == (frozenset(), {})
    assert operations.not_in_model == {"CreateStream": _handler}


def test_the_served_report_says_what_is_served_missing_and_skipped():
    coverage = {
        "kinesisvideo": ServiceCoverage(
            "kinesisvideo", ("CreateStream", "DescribeStream"), ("NewOp",), ("OldOp", "Older")
        ),
        "kinesis-video-webrtc-storage": ServiceCoverage(
            "kinesis-video-webrtc-storage", (), (), (), model_installed=False
        ),
        "ivs": ServiceCoverage("ivs", (), ("GetChannel", "ListChannels"), ()),
    }
    assert format_coverage(coverage) == "\n".join(
        [
            f"pytest-kvsivs with botocore {botocore.__version__}:",
            "  kinesisvideo: 2 of 3 operations served",
            "    not served: NewOp",
            "    not in this botocore's model: OldOp, Older",
            "  kinesis-video-webrtc-storage: no model in this botocore; not hooked",
            "  ivs: 0 of 2 operations served",
            "    not served: GetChannel, ListChannels",
        ]
    )


def test_a_service_without_a_model_is_reported_and_the_rest_still_counted(monkeypatch):
    installed = coverage.installed_services()
    missing = "kinesis-video-archived-media"  # not the last: the services after it still count
    monkeypatch.setattr(
        coverage, "installed_services", lambda: tuple(s for s in installed if s != missing)
    )
    served = coverage.served_operations()
    assert list(served) == list(SERVICES)
    assert served[missing] == ServiceCoverage(missing, (), (), (), model_installed=False)
    assert [s for s, c in served.items() if not c.model_installed] == [missing]
    media = "kinesis-video-media"  # after the missing one: still counted
    assert served[media].served == tuple(sorted(service_model(media).operation_names))


def test_model_limits_are_read_from_the_shape():
    assert model_limit("kinesisvideo", "ResourceTags") == 50
    assert model_limit("kinesisvideo", "ResourceTags", "min") == 1


def test_both_spellings_name_the_same_operation():
    assert resolve("create_signaling_channel") == Operation(
        "kinesisvideo", "CreateSignalingChannel"
    )
    assert resolve("CreateSignalingChannel") == Operation("kinesisvideo", "CreateSignalingChannel")
    assert resolve("get_data_endpoint", "kinesisvideo") == Operation(
        "kinesisvideo", "GetDataEndpoint"
    )
    assert resolve("tag_resource") == Operation(None, "TagResource")  # kinesisvideo and ivs
    assert resolve("tag_resource", "ivs") == Operation("ivs", "TagResource")
    assert (str(resolve("TagResource")), str(resolve("list_channels"))) == (
        "TagResource",
        "ivs.ListChannels",
    )


def test_the_fake_describes_itself(make_client):
    fake = KvsFake(account_id="111122223333")
    assert repr(fake) == "<KvsFake inactive, account 111122223333, 0 call(s)>"
    with fake:
        make_client().list_streams()
        assert repr(fake) == "<KvsFake active, account 111122223333, 1 call(s)>"


def test_unknown_names_get_at_most_three_suggestions_each_named_once():
    with pytest.raises(ValueError, match="has no operation") as caught:
        resolve("ListStream")
    assert str(caught.value) == (
        "kinesisvideo, ivs or the KVS data-plane services has no operation 'ListStream'; "
        "did you mean ListStreams or ListStreamKeys or ListTagsForStream?"
    )
    with pytest.raises(ValueError, match="has no operation") as caught:
        resolve("list_signaling_channel", "kinesisvideo")
    assert str(caught.value) == (
        "kinesisvideo has no operation 'list_signaling_channel'; did you mean "
        "list_signaling_channels or delete_signaling_channel or update_signaling_channel?"
    )


def test_a_name_like_nothing_gets_no_suggestion():
    with pytest.raises(ValueError, match="has no operation") as caught:
        resolve("xyzzy", "kinesisvideo")
    assert str(caught.value) == "kinesisvideo has no operation 'xyzzy'"


def test_assertions_check_the_operation_in_the_named_service(kvs_fake):
    with pytest.raises(ValueError, match="has no operation") as caught:
        kvs_fake.assert_called("CreateSignalingChannel", service="ivs")
    assert str(caught.value).startswith("ivs has no operation 'CreateSignalingChannel'")


def test_the_not_served_message_lists_what_is_served_sorted():
    backend = types.SimpleNamespace(
        operations=types.SimpleNamespace(
            handlers={"UpdateThing": _handler, "CreateThing": _handler}
        )
    )
    assert _not_served_message(backend, "kinesisvideo", "DeleteThing") == (
        f"pytest-kvsivs does not serve kinesisvideo.DeleteThing (botocore {botocore.__version__}); "
        "nothing was sent to AWS. Served kinesisvideo operations: ['CreateThing', 'UpdateThing']. "
        "See the pytest-kvsivs README, section 'What is served'."
    )


STREAM = Family("svc", "stream", {"CREATING": 5.0, "DELETING": 5.0})


def test_delays_are_a_mapping_of_every_known_name():
    delays = Delays([STREAM], {"svc.stream.DELETING": 1})
    assert (list(delays), len(delays), dict(delays)) == (
        ["svc.stream.CREATING", "svc.stream.DELETING"],
        2,
        {"svc.stream.CREATING": 5.0, "svc.stream.DELETING": 1.0},
    )
    assert (delays.of(STREAM, "DELETING"), delays.of(STREAM, "CREATING")) == (1.0, 5.0)
    zero_and_half = Delays([STREAM], {"svc.stream.CREATING": 0, "svc.stream.DELETING": 0.5})
    assert dict(zero_and_half) == {"svc.stream.CREATING": 0.0, "svc.stream.DELETING": 0.5}
    assert dict(Delays([STREAM], instant=True)) == {
        "svc.stream.CREATING": 0.0,
        "svc.stream.DELETING": 0.0,
    }
    with pytest.raises(ValueError, match="delays are seconds >= 0") as caught:
        Delays([STREAM], {"svc.stream.CREATING": -0.1})
    assert str(caught.value) == "delays are seconds >= 0, got {'svc.stream.CREATING': -0.1}"


def test_families_of_two_services_share_no_delay_name():
    other = Family("other", "stream", {"CREATING": 1.0})
    delays = Delays([STREAM, other], {"other.stream.CREATING": 2})
    assert (delays.of(STREAM, "CREATING"), delays.of(other, "CREATING")) == (5.0, 2.0)


def test_a_botocore_the_fake_cannot_run_on_is_named_in_the_error(monkeypatch):
    from pytest_kvsivs import UnsupportedBotocoreError, services

    def broken():
        raise KeyError("Status")

    monkeypatch.setattr(services, "delay_families", broken)
    with pytest.raises(UnsupportedBotocoreError, match="cannot run on botocore") as caught:
        KvsFake()
    assert str(caught.value) == (
        f"pytest-kvsivs cannot run on botocore {botocore.__version__}: KeyError('Status'). "
        "Install a botocore the package supports (the pytest-kvsivs README, "
        "section 'What is served')."
    )


def test_unknown_fake_options_are_named_with_the_known_ones():
    with pytest.raises(TypeError, match="unknown option") as caught:
        KvsFake(zz=1, bogus=2)
    assert str(caught.value) == (
        "KvsFake got unknown option(s) bogus, zz; known options: account_id, instant, delays, "
        "seed, check_responses, signaling_channel_limit, stream_limit, assert_all_injected_used, "
        "world"
    )


@pytest.mark.parametrize(
    "account_id", ["12345678901", "1234567890123", "12345678901a", 123456789012]
)
def test_an_account_id_is_twelve_digits(account_id):
    with pytest.raises(ValueError, match="12 digits") as caught:
        KvsFake(account_id=account_id)
    assert str(caught.value) == f"an AWS account id is 12 digits, got {account_id!r}"


def test_a_service_the_installed_botocore_lacks_is_named(monkeypatch):
    from pytest_kvsivs import operation_names

    monkeypatch.setattr(operation_names, "installed_services", lambda: ("kinesisvideo",))
    with pytest.raises(ValueError, match="no model") as caught:
        resolve("ListChannels", "ivs")
    assert str(caught.value) == "the installed botocore has no model for 'ivs'"


def test_an_empty_call_log_says_so():
    assert format_calls([]) == "  (no calls were made to kinesisvideo or ivs)"
