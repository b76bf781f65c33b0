"""Model-driven request validation: what is checked, and the message the service sends."""

from __future__ import annotations

import jsonschema
import pytest

from pytest_kvsivs.model import installed_services, service_model
from pytest_kvsivs.services import specs
from pytest_kvsivs.validation import (
    Violation,
    request_check,
    validate_request,
    validation_message,
)
from pytest_kvsivs.validation.patterns import CORRECTIONS, corrected
from pytest_kvsivs.validation.schema import operation_schema


def _message(service: str, operation: str, params: dict) -> str:
    return validation_message(validate_request(service, operation, params))


def test_every_operation_of_every_service_compiles_to_a_valid_json_schema():
    compiled = set()
    for service in installed_services():
        for operation in service_model(service).operation_names:
            for direction in ("input", "output"):
                jsonschema.Draft202012Validator.check_schema(
                    operation_schema(service, operation, direction)
                )
            request_check(service, operation)
            compiled.add((service, operation))
    assert ("kinesisvideo", "CreateSignalingChannel") in compiled
    assert len(compiled) == sum(
        len(service_model(service).operation_names) for service in installed_services()
    )


def test_one_violation_message_is_singular():
    assert _message("kinesisvideo", "CreateSignalingChannel", {"ChannelName": "a b"}) == (
        "1 validation error detected: Value 'a b' at 'channelName' failed to satisfy "
        "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"
    )


THREE_VIOLATIONS = {
    "ChannelName": "x" * 257,
    "ChannelType": "BOGUS",
    "SingleMasterConfiguration": {"MessageTtlSeconds": 121},
}
THREE_VIOLATIONS_MESSAGE = (
    "3 validation errors detected: "
    f"Value '{'x' * 257}' at 'channelName' failed to satisfy constraint: "
    "Member must have length less than or equal to 256; "
    "Value 'BOGUS' at 'channelType' failed to satisfy constraint: "
    "Member must satisfy enum value set: [SINGLE_MASTER, FULL_MESH]; "
    "Value '121' at 'singleMasterConfiguration.messageTtlSeconds' failed to satisfy "
    "constraint: Member must have value less than or equal to 120"
)


def test_all_violations_are_reported_together_in_member_order():
    assert _message("kinesisvideo", "CreateSignalingChannel", THREE_VIOLATIONS) == (
        THREE_VIOLATIONS_MESSAGE
    )


def test_missing_required_members_are_null():
    assert _message("kinesisvideo", "UpdateSignalingChannel", {}) == (
        "2 validation errors detected: "
        "Value null at 'channelARN' failed to satisfy constraint: Member must not be null; "
        "Value null at 'currentVersion' failed to satisfy constraint: Member must not be null"
    )


def test_list_elements_are_addressed_one_based_with_member():
    params = {
        "ResourceARN": "arn:aws:kinesisvideo:us-west-2:123456789012:channel/a/1",
        "Tags": [{"Key": "ok", "Value": "v"}, {"Key": "bad!", "Value": "v"}, {"Key": "k"}],
    }
    assert _message("kinesisvideo", "TagResource", params) == (
        "2 validation errors detected: "
        "Value 'bad!' at 'tags.2.member.key' failed to satisfy constraint: "
        r"Member must satisfy regular expression pattern: ^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$; "
        "Value null at 'tags.3.member.value' failed to satisfy constraint: "
        "Member must not be null"
    )


def test_list_size_and_scalar_list_elements():
    params = {
        "ChannelARN": "arn:aws:kinesisvideo:us-west-2:123456789012:channel/a/1",
        "SingleMasterChannelEndpointConfiguration": {
            "Protocols": ["WSS", "HTTPS", "WSS", "HTTPS", "WSS", "FTP"]
        },
    }
    assert _message("kinesisvideo", "GetSignalingChannelEndpoint", params) == (
        "2 validation errors detected: "
        "Value '[WSS, HTTPS, WSS, HTTPS, WSS, FTP]' at "
        "'singleMasterChannelEndpointConfiguration.protocols' failed to satisfy constraint: "
        "Member must have length less than or equal to 5; "
        "Value 'FTP' at 'singleMasterChannelEndpointConfiguration.protocols.6' failed to "
        "satisfy constraint: Member must satisfy enum value set: [WSS, HTTPS, WEBRTC]"
    )


def test_map_keys_and_size():
    tags = {f"k{i}": "v" for i in range(50)} | {"bad!": "v"}
    message = _message("kinesisvideo", "TagStream", {"StreamName": "s", "Tags": tags})
    assert message.startswith("2 validation errors detected: Value '{k0=v, k1=v, ")
    assert message.endswith(
        "' at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: "
        "[Member must have length less than or equal to 128, "
        "Member must have length greater than or equal to 1, "
        r"Member must satisfy regular expression pattern: ^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$]"
    )
    assert (
        "at 'tags' failed to satisfy constraint: Member must have length less than or "
        "equal to 50; " in message
    )


def test_patterns_match_the_whole_value():
    assert validate_request("kinesisvideo", "DescribeSignalingChannel", {"ChannelName": "a"}) == []
    for bad in ("a\n", "a b", " a", "a/"):
        found = validate_request("kinesisvideo", "DescribeSignalingChannel", {"ChannelName": bad})
        assert [v.path for v in found] == ["channelName"], bad


def test_unicode_tag_values_pass_java_category_classes():
    params = {
        "ResourceARN": "arn:aws:kinesisvideo:us-west-2:123456789012:channel/a/1",
        "Tags": [{"Key": "Größe 名前 ٣\u2003", "Value": "Ωmega ½ x"}],
    }
    assert validate_request("kinesisvideo", "TagResource", params) == []


def test_unknown_members_never_reach_the_service_and_are_ignored():
    assert validate_request("kinesisvideo", "ListSignalingChannels", {"Bogus": object()}) == []


def test_wrong_types_are_reported_when_client_validation_is_off():
    params = {"ChannelName": "a", "SingleMasterConfiguration": {"MessageTtlSeconds": True}}
    assert _message("kinesisvideo", "CreateSignalingChannel", params) == (
        "1 validation error detected: Value 'true' at "
        "'singleMasterConfiguration.messageTtlSeconds' failed to satisfy constraint: "
        "Member must be of type integer"
    )


def test_validation_error_code_per_service_is_modeled_on_every_operation():
    for service, spec in specs().items():
        code = spec.validation_error
        model = service_model(service)
        for operation in model.operation_names:
            listed = {s.name for s in model.operation_model(operation).error_shapes}
            # Older ivs models list no error at all for the batch operations.
            assert code in listed or not listed, f"{service}.{operation} does not list {code}"


CASES = [
    ("CreateSignalingChannel", {"ChannelName": "cam-1"}),
    ("CreateSignalingChannel", {"ChannelName": ""}),
    ("CreateSignalingChannel", {"ChannelName": "cam-1", "ChannelType": "FULL_MESH"}),
    ("CreateSignalingChannel", {"ChannelName": "c", "Tags": [{"Key": "", "Value": ""}]}),
    ("CreateSignalingChannel", {"ChannelName": "c", "Tags": [{"Key": "é", "Value": "ü"}] * 51}),
    ("ListSignalingChannels", {"MaxResults": 0}),
    ("ListSignalingChannels", {"MaxResults": 10000, "NextToken": "abc="}),
    ("ListSignalingChannels", {"NextToken": "a-b"}),
    ("ListSignalingChannels", {"ChannelNameCondition": {"ComparisonOperator": "ENDS_WITH"}}),
    ("TagStream", {"StreamName": "s", "Tags": {}}),
    ("TagStream", {"StreamName": "s", "Tags": {"k": "v" * 257}}),
    ("UpdateDataRetention", {"CurrentVersion": "v", "Operation": "INCREASE_DATA_RETENTION",
                             "DataRetentionChangeInHours": 87601}),
]  # fmt: skip


@pytest.mark.parametrize(("operation", "params"), CASES)
def test_compiled_checks_agree_with_jsonschema(operation, params):
    schema = operation_schema("kinesisvideo", operation, "input")
    reference = jsonschema.Draft202012Validator(schema).is_valid(params)
    assert (validate_request("kinesisvideo", operation, params) == []) is reference


def test_wrong_model_patterns_are_corrected_to_what_the_service_accepts():
    real_arn = "arn:aws:ivs:us-west-2:123456789012:channel/abcdABCDefgh"
    assert (
        validate_request("ivs", "TagResource", {"resourceArn": real_arn, "tags": {"a": "b"}}) == []
    )
    found = validate_request("ivs", "TagResource", {"resourceArn": "arn:aws:ivs:x", "tags": {}})
    model_pattern = service_model("ivs").shape_for("ResourceArn").metadata["pattern"]
    assert model_pattern in CORRECTIONS  # the pattern of this botocore's model is known wrong
    assert [(v.path, v.constraint) for v in found] == [
        (
            "resourceArn",
            f"Member must satisfy regular expression pattern: {corrected(model_pattern)}",
        )
    ]


def test_every_violation_reaches_the_caller_in_one_error(kvs_unvalidated):
    kvs = kvs_unvalidated
    with pytest.raises(kvs.exceptions.InvalidArgumentException) as caught:
        kvs.create_signaling_channel(**THREE_VIOLATIONS)
    assert caught.value.response["Error"]["Message"] == THREE_VIOLATIONS_MESSAGE
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert kvs.list_signaling_channels()["ChannelInfoList"] == []


def test_values_are_printed_as_the_java_services_print_them():
    from pytest_kvsivs.validation import NULL, render_value

    assert [render_value(v) for v in (None, NULL, True, False, 7, "x")] == [
        "null",
        "null",
        "true",
        "false",
        "7",
        "x",
    ]
    assert render_value([None, False, ("a", 1)]) == "[null, false, [a, 1]]"
    assert render_value({"Key": None, "On": False, "Tags": {"a": "b"}}) == (
        "{Key=null, On=false, Tags={a=b}}"
    )


def test_map_values_are_checked_with_their_own_rule():
    message = _message(
        "kinesisvideo", "CreateStream", {"StreamName": "a", "Tags": {"k": "v" * 257}}
    )
    assert message == (
        f"1 validation error detected: Value '{{k={'v' * 257}}}' at 'tags' failed to satisfy "
        "constraint: Map value must satisfy constraint: "
        "[Member must have length less than or equal to 256, "
        "Member must have length greater than or equal to 0, "
        r"Member must satisfy regular expression pattern: [\p{L}\p{Z}\p{N}_.:/=+\-@]*]"
    )


KEY_RULE = (
    "Map keys must satisfy constraint: [Member must have length less than or equal to 128, "
    "Member must have length greater than or equal to 1, "
    r"Member must satisfy regular expression pattern: ^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$]"
)


def test_map_keys_are_checked_with_their_own_rule_and_the_map_is_the_value_shown():
    message = _message(
        "kinesisvideo", "CreateStream", {"StreamName": "a", "Tags": {"bad*key": "v"}}
    )
    assert message == (
        f"1 validation error detected: Value '{{bad*key=v}}' at 'tags' failed to satisfy "
        f"constraint: {KEY_RULE}"
    )


def test_a_bad_key_and_a_bad_value_of_one_map_are_two_violations():
    tags = {"ok": "v" * 257, "bad*key": "v", "also*bad": "w"}
    violations = validate_request("kinesisvideo", "CreateStream", {"StreamName": "a", "Tags": tags})
    assert [(v.path, v.value, v.constraint.split(" must")[0]) for v in violations] == [
        ("tags", tags, "Map keys"),
        ("tags", tags, "Map value"),
    ]


def test_a_map_of_the_wrong_type_is_reported_as_such():
    assert _message("kinesisvideo", "CreateStream", {"StreamName": "a", "Tags": "x"}) == (
        "1 validation error detected: Value 'x' at 'tags' failed to satisfy constraint: "
        "Member must be of type object"
    )


CHANNEL = "arn:aws:kinesisvideo:us-west-2:123456789012:channel/a/1"


def test_a_list_below_its_minimum_size_is_refused():
    assert _message(
        "kinesisvideo", "UntagResource", {"ResourceARN": CHANNEL, "TagKeyList": []}
    ) == (
        "1 validation error detected: Value '[]' at 'tagKeyList' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1"
    )


def test_a_list_of_the_wrong_type_is_reported_as_such():
    params = {"ResourceARN": CHANNEL, "TagKeyList": "x"}
    assert validate_request("kinesisvideo", "UntagResource", params) == [
        Violation("tagKeyList", "x", "Member must be of type array")
    ]


def test_items_after_a_null_item_are_still_checked_at_their_own_index():
    params = {"ResourceARN": CHANNEL, "TagKeyList": [None, "k" * 129]}
    assert validate_request("kinesisvideo", "UntagResource", params) == [
        Violation("tagKeyList.2", "k" * 129, "Member must have length less than or equal to 128")
    ]


def test_constraint_phrases_name_list_and_map_sizes_too():
    """A map's summary of its values names their constraints; a list- or map-valued map
    (none in these models yet) gets the service's phrases for sizes."""
    from pytest_kvsivs.validation.compiler import constraint_phrases

    assert constraint_phrases({"type": "array", "maxItems": 3, "minItems": 1}) == [
        "Member must have length less than or equal to 3",
        "Member must have length greater than or equal to 1",
    ]
    assert constraint_phrases({"type": "object", "maxProperties": 50, "minProperties": 2}) == [
        "Member must have length less than or equal to 50",
        "Member must have length greater than or equal to 2",
    ]


def test_a_recursive_shape_is_checked_at_every_depth():
    """No input shape of the six services refers to itself yet; the compiler's placeholder for
    one (a check that calls the finished check) must pass the value on."""
    from pytest_kvsivs.validation.compiler import Compiler, Violation

    node = {
        "type": "object",
        "properties": {
            "Name": {"type": "string", "maxLength": 2},
            "Child": {"$ref": "#/$defs/Node"},
        },
    }
    check = Compiler({"$ref": "#/$defs/Node", "$defs": {"Node": node}}).compile_root()
    out: list[Violation] = []
    check({"Name": "ok", "Child": {"Name": "ok", "Child": {"Name": "long"}}}, "", out)
    assert out == [
        Violation("child.child.name", "long", "Member must have length less than or equal to 2")
    ]


@pytest.mark.parametrize("kind", ["float", "double"])
def test_a_floating_point_shape_is_a_number_with_its_range(kind):
    """No shape of the six services is a float or a double yet; a model that adds one gets
    its range checked like an integer's."""
    from botocore.model import Shape

    from pytest_kvsivs.validation.schema import _scalar

    shape = Shape("Ratio", {"type": kind, "min": 0.5, "max": 2})
    assert _scalar(shape, "input") == {"type": "number", "minimum": 0.5, "maximum": 2}
