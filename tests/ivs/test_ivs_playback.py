"""IVS playback key pairs and playback restriction policies through boto3.

Key pairs: ImportPlaybackKeyPair takes the PEM public key of an ECDSA P-384 key pair (what the
IVS user guide has you generate: tokens are signed ES384) and refuses anything else; the
fingerprint is the MD5 of the key's DER SubjectPublicKeyInfo as colon-separated hex pairs (the
16-pair form of the CLI example); the same key imported twice is a 409. Policies: the documented
defaults, update, the default page of one, and the 409 of a policy a channel uses. Keys are made
with the ``cryptography`` package; the fake itself parses them without it."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from ivs_support import (
    ACCOUNT,
    CONFLICT,
    INVALID_TOKEN,
    NOT_FOUND,
    OTHER_ACCOUNT,
    RESERVED,
    TOO_MANY_RESULTS,
    body_of,
    fails,
    pattern_of,
)

pytestmark = pytest.mark.kvs_fake(instant=True)

KEY_ARN = re.compile(rf"arn:aws:ivs:us-west-2:{ACCOUNT}:playback-key/[a-zA-Z0-9]{{12}}")
POLICY_ARN = re.compile(
    rf"arn:aws:ivs:us-west-2:{ACCOUNT}:playback-restriction-policy/[a-zA-Z0-9]{{12}}"
)
MISSING_KEY = f"arn:aws:ivs:us-west-2:{ACCOUNT}:playback-key/abcdABCD1234"
MISSING_POLICY = f"arn:aws:ivs:us-west-2:{ACCOUNT}:playback-restriction-policy/abcdABCD1234"
FINGERPRINT = re.compile(r"[0-9a-f]{2}(:[0-9a-f]{2}){15}")
POLICY_OPERATIONS = (
    "CreatePlaybackRestrictionPolicy",
    "GetPlaybackRestrictionPolicy",
    "ListPlaybackRestrictionPolicies",
    "UpdatePlaybackRestrictionPolicy",
    "DeletePlaybackRestrictionPolicy",
)
policies = pytest.mark.requires_operations("ivs", *POLICY_OPERATIONS)

# the details this family's errors add to the errors.py wording
NOT_A_KEY = "publicKeyMaterial is not an ECDSA P-384 public key in PEM format: {}."
ALREADY_IMPORTED = "the public key is already imported as {}."
POLICY_IN_USE = "the playback restriction policy {} is used by {}."


# -- keys ----------------------------------------------------------------------------------


def _p384():
    return ec.generate_private_key(ec.SECP384R1())


def _public_pem(private) -> str:
    return (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def _public_der(private) -> bytes:
    return private.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def _fingerprint(private) -> str:
    """What the fake reports: MD5 of the DER SubjectPublicKeyInfo, colon-separated hex."""
    digest = hashlib.md5(_public_der(private), usedforsecurity=False).digest()
    return ":".join(f"{byte:02x}" for byte in digest)


def _pem(label: str, der: bytes) -> str:
    body = base64.b64encode(der).decode()
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return f"-----BEGIN {label}-----\n" + "\n".join(lines) + f"\n-----END {label}-----\n"


def _der(tag: int, content: bytes) -> bytes:
    size = len(content)
    if size < 0x80:
        length = bytes([size])
    elif size < 0x100:
        length = bytes([0x81, size])
    else:
        length = bytes([0x82, size >> 8, size & 0xFF])
    return bytes([tag]) + length + content


P384_ALGORITHM = _der(
    0x30,
    _der(0x06, bytes.fromhex("2a8648ce3d0201"))  # id-ecPublicKey
    + _der(0x06, bytes.fromhex("2b81040022")),  # secp384r1
)


def _p384_spki(point: bytes) -> bytes:
    return _der(0x30, P384_ALGORITHM + _der(0x03, b"\x00" + point))


def _point(private, form) -> bytes:
    return private.public_key().public_bytes(serialization.Encoding.X962, form)


def _import(ivs, private=None, **params) -> dict:
    params.setdefault("publicKeyMaterial", _public_pem(private or _p384()))
    return ivs.import_playback_key_pair(**params)["keyPair"]


# -- playback key pairs: import, get, fingerprint ------------------------------------------


def test_import_answers_the_arn_the_fingerprint_and_the_defaults(ivs):
    private = _p384()
    response = ivs.import_playback_key_pair(publicKeyMaterial=_public_pem(private))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    imported = response["keyPair"]
    assert KEY_ARN.fullmatch(imported["arn"]), imported["arn"]
    assert imported == {
        "arn": imported["arn"],
        "name": "",
        "fingerprint": _fingerprint(private),
        "tags": {},
    }
    assert FINGERPRINT.fullmatch(imported["fingerprint"]), imported["fingerprint"]
    assert ivs.get_playback_key_pair(arn=imported["arn"])["keyPair"] == imported


def test_import_keeps_the_name_and_tags(ivs):
    private = _p384()
    imported = _import(ivs, private, name="viewer-auth_1", tags={"team": "video"})
    assert imported == {
        "arn": imported["arn"],
        "name": "viewer-auth_1",
        "fingerprint": _fingerprint(private),
        "tags": {"team": "video"},
    }
    assert ivs.get_playback_key_pair(arn=imported["arn"])["keyPair"] == imported


def test_each_key_has_its_own_arn_and_fingerprint(ivs):
    first, second = _p384(), _p384()
    one, two = _import(ivs, first), _import(ivs, second)
    assert one["arn"] != two["arn"]
    assert (one["fingerprint"], two["fingerprint"]) == (_fingerprint(first), _fingerprint(second))
    assert one["fingerprint"] != two["fingerprint"]


def test_the_fingerprint_depends_on_the_key_not_on_the_pem_layout(ivs, make_client):
    private = _p384()
    pem = _public_pem(private)
    relaxed = "\n  " + pem.replace("\n", "\r\n").rstrip() + "  \n"
    assert _import(ivs, private, publicKeyMaterial=relaxed)["fingerprint"] == _fingerprint(private)
    # One line of base64, in another region: the same fingerprint.
    body = base64.b64encode(_public_der(private)).decode()
    one_line = f"-----BEGIN PUBLIC KEY-----\n{body}\n-----END PUBLIC KEY-----"
    europe = make_client("ivs", region="eu-west-1")
    elsewhere = _import(europe, private, publicKeyMaterial=one_line)
    assert elsewhere["fingerprint"] == _fingerprint(private)


# -- playback key pairs: what is refused ---------------------------------------------------


def _refused(ivs, material: str) -> tuple[str, int]:
    call = lambda: ivs.import_playback_key_pair(publicKeyMaterial=material)  # noqa: E731
    return fails(ivs, "ValidationException", call)


def test_text_that_is_no_pem_is_refused(ivs):
    no_block = NOT_A_KEY.format("it holds no -----BEGIN PUBLIC KEY----- block")
    for material in ("", "not a key", base64.b64encode(_public_der(_p384())).decode()):
        assert _refused(ivs, material) == (no_block, 400)
    assert ivs.list_playback_key_pairs()["keyPairs"] == []


def test_a_private_key_is_refused(ivs):
    private = _p384()
    for fmt, label in (
        (serialization.PrivateFormat.PKCS8, "PRIVATE KEY"),
        (serialization.PrivateFormat.TraditionalOpenSSL, "EC PRIVATE KEY"),
    ):
        material = private.private_bytes(
            serialization.Encoding.PEM, fmt, serialization.NoEncryption()
        ).decode()
        reason = f"it is a private key (BEGIN {label}); import only the public key"
        assert _refused(ivs, material) == (NOT_A_KEY.format(reason), 400)


def test_a_pem_block_of_another_kind_is_refused(ivs):
    material = _pem("CERTIFICATE", _public_der(_p384()))
    reason = "its PEM block is labelled CERTIFICATE, not PUBLIC KEY"
    assert _refused(ivs, material) == (NOT_A_KEY.format(reason), 400)


def test_a_pem_body_that_is_not_base64_is_refused(ivs):
    material = "-----BEGIN PUBLIC KEY-----\nnot*base64!\n-----END PUBLIC KEY-----\n"
    assert _refused(ivs, material) == (NOT_A_KEY.format("its PEM body is not base64"), 400)


def test_a_pem_body_that_is_not_a_subject_public_key_info_is_refused(ivs):
    der = _public_der(_p384())
    reason = NOT_A_KEY.format("its PEM body is not a DER SubjectPublicKeyInfo")
    for body in (der[:-1], der + b"\x00", b"\x04" + der[1:], b"hello world"):
        assert _refused(ivs, _pem("PUBLIC KEY", body)) == (reason, 400)


def test_keys_of_other_algorithms_are_refused(ivs):
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    reason = "its key algorithm is RSA, not ECDSA"
    assert _refused(ivs, _public_pem(rsa_key)) == (NOT_A_KEY.format(reason), 400)
    reason = "its key algorithm is Ed25519, not ECDSA"
    edwards = ed25519.Ed25519PrivateKey.generate()
    assert _refused(ivs, _public_pem(edwards)) == (NOT_A_KEY.format(reason), 400)


def test_ecdsa_keys_on_other_curves_are_refused(ivs):
    unnamed = ec.BrainpoolP384R1()  # a 384-bit curve IVS does not take, shown by its OID
    for curve, name in (
        (ec.SECP256R1(), "P-256"),
        (ec.SECP521R1(), "P-521"),
        (unnamed, "1.3.36.3.3.2.8.1.1.11"),
    ):
        material = _public_pem(ec.generate_private_key(curve))
        reason = f"its curve is {name}, not P-384"
        assert _refused(ivs, material) == (NOT_A_KEY.format(reason), 400)


def test_a_compressed_or_off_curve_point_is_refused(ivs):
    private = _p384()
    uncompressed = _point(private, serialization.PublicFormat.UncompressedPoint)
    assert _p384_spki(uncompressed) == _public_der(private)  # the builder makes real keys
    compressed = _point(private, serialization.PublicFormat.CompressedPoint)
    reason = "its EC point is compressed; IVS takes the uncompressed point"
    material = _pem("PUBLIC KEY", _p384_spki(compressed))
    assert _refused(ivs, material) == (NOT_A_KEY.format(reason), 400)
    off_curve = uncompressed[:-1] + bytes([uncompressed[-1] ^ 0x01])
    reason = "its EC point is not on the P-384 curve"
    assert _refused(ivs, _pem("PUBLIC KEY", _p384_spki(off_curve))) == (
        NOT_A_KEY.format(reason),
        400,
    )
    short = uncompressed[:-1]
    assert _refused(ivs, _pem("PUBLIC KEY", _p384_spki(short))) == (NOT_A_KEY.format(reason), 400)


def test_the_same_key_twice_is_a_conflict_until_it_is_deleted(ivs):
    private = _p384()
    first = _import(ivs, private)
    again = lambda: _import(ivs, private, name="again")  # noqa: E731
    detail = ALREADY_IMPORTED.format(first["arn"])
    assert fails(ivs, "ConflictException", again) == (CONFLICT.format(detail), 409)
    # The same key laid out differently is still the same key.
    crlf = _public_pem(private).replace("\n", "\r\n")
    same = lambda: _import(ivs, private, publicKeyMaterial=crlf)  # noqa: E731
    assert fails(ivs, "ConflictException", same) == (CONFLICT.format(detail), 409)
    ivs.delete_playback_key_pair(arn=first["arn"])
    second = _import(ivs, private)
    assert second["arn"] != first["arn"]
    assert second["fingerprint"] == first["fingerprint"]


def test_the_same_key_may_be_imported_in_another_region_or_account(kvs_fake, ivs, make_client):
    private = _p384()
    ours = _import(ivs, private)
    theirs = _import(make_client("ivs", region="eu-west-1"), private)
    assert theirs["arn"].startswith(f"arn:aws:ivs:eu-west-1:{ACCOUNT}:playback-key/")
    with kvs_fake.as_account(OTHER_ACCOUNT):
        other = _import(ivs, private)
    assert other["arn"].startswith(f"arn:aws:ivs:us-west-2:{OTHER_ACCOUNT}:playback-key/")
    assert ours["fingerprint"] == theirs["fingerprint"] == other["fingerprint"]


def test_a_reserved_tag_key_imports_nothing(ivs):
    call = lambda: _import(ivs, tags={"aws:cost": "x"})  # noqa: E731
    assert fails(ivs, "ValidationException", call) == (RESERVED.format(["aws:cost"]), 400)
    assert ivs.list_playback_key_pairs()["keyPairs"] == []


def test_import_checks_the_name_against_the_model(ivs):
    call = lambda: _import(ivs, name="bad name")  # noqa: E731
    assert fails(ivs, "ValidationException", call) == (
        "1 validation error detected: Value 'bad name' at 'name' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: " + pattern_of("PlaybackKeyPairName"),
        400,
    )


# -- playback key pairs: delete, unknown ARNs, listing -------------------------------------


def test_delete_answers_200_with_an_empty_body_and_the_key_is_gone(ivs):
    arn = _import(ivs)["arn"]
    response = ivs.delete_playback_key_pair(arn=arn)
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert body_of(response) == {}
    gone = lambda: ivs.get_playback_key_pair(arn=arn)  # noqa: E731
    assert fails(ivs, "ResourceNotFoundException", gone) == (NOT_FOUND.format(arn), 404)
    again = lambda: ivs.delete_playback_key_pair(arn=arn)  # noqa: E731
    assert fails(ivs, "ResourceNotFoundException", again) == (NOT_FOUND.format(arn), 404)
    assert ivs.list_playback_key_pairs()["keyPairs"] == []


def test_unknown_key_pairs_are_not_found_and_other_arns_are_invalid(ivs):
    get = lambda: ivs.get_playback_key_pair(arn=MISSING_KEY)  # noqa: E731
    assert fails(ivs, "ResourceNotFoundException", get) == (NOT_FOUND.format(MISSING_KEY), 404)
    delete = lambda: ivs.delete_playback_key_pair(arn=MISSING_KEY)  # noqa: E731
    assert fails(ivs, "ResourceNotFoundException", delete) == (
        NOT_FOUND.format(MISSING_KEY),
        404,
    )
    policy = MISSING_POLICY
    wrong = lambda: ivs.get_playback_key_pair(arn=policy)  # noqa: E731
    assert fails(ivs, "ValidationException", wrong) == (
        f"1 validation error detected: Value '{policy}' at 'arn' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: " + pattern_of("PlaybackKeyPairArn"),
        400,
    )


def test_list_of_no_key_pairs_is_an_empty_list(ivs):
    assert body_of(ivs.list_playback_key_pairs()) == {"keyPairs": []}


def test_list_key_pairs_shows_summaries_in_pages(ivs):
    imported = [_import(ivs, name=f"key-{i}", tags={"i": str(i)}) for i in range(3)]
    imported.sort(key=lambda k: k["arn"])
    summaries = [{"arn": k["arn"], "name": k["name"], "tags": k["tags"]} for k in imported]
    assert ivs.list_playback_key_pairs()["keyPairs"] == summaries
    first = ivs.list_playback_key_pairs(maxResults=2)
    assert first["keyPairs"] == summaries[:2]
    rest = ivs.list_playback_key_pairs(maxResults=2, nextToken=first["nextToken"])
    assert (rest["keyPairs"], "nextToken" in rest) == (summaries[2:], False)
    pages = ivs.get_paginator("list_playback_key_pairs").paginate(PaginationConfig={"PageSize": 1})
    assert [p["keyPairs"] for p in pages] == [[s] for s in summaries]


def test_list_key_pairs_default_page_is_100(ivs):
    arns = sorted(_import(ivs)["arn"] for _ in range(101))
    first = ivs.list_playback_key_pairs()
    assert len(first["keyPairs"]) == 100
    rest = ivs.list_playback_key_pairs(nextToken=first["nextToken"])
    assert "nextToken" not in rest
    assert [k["arn"] for k in first["keyPairs"] + rest["keyPairs"]] == arns


def test_list_key_pairs_refuses_bad_tokens_and_page_sizes(ivs):
    for _ in range(2):
        _import(ivs)
    token = ivs.list_playback_key_pairs(maxResults=1)["nextToken"]
    for bad in ("garbage", "eyJhIjogMX0=", token[:-4]):
        call = lambda bad=bad: ivs.list_playback_key_pairs(nextToken=bad)  # noqa: E731
        assert fails(ivs, "ValidationException", call) == (INVALID_TOKEN.format(bad), 400)
    too_many = lambda: ivs.list_playback_key_pairs(maxResults=101)  # noqa: E731
    assert fails(ivs, "ValidationException", too_many) == (TOO_MANY_RESULTS, 400)


def test_a_recording_configuration_token_is_refused_by_the_key_pair_listing(ivs):
    destination = {"s3": {"bucketName": "demo-recording-bucket"}}
    for _ in range(2):
        ivs.create_recording_configuration(destinationConfiguration=destination)
        _import(ivs)
    token = ivs.list_recording_configurations(maxResults=1)["nextToken"]
    call = lambda: ivs.list_playback_key_pairs(nextToken=token)  # noqa: E731
    assert fails(ivs, "ValidationException", call) == (INVALID_TOKEN.format(token), 400)
    token = ivs.list_playback_key_pairs(maxResults=1)["nextToken"]
    call = lambda: ivs.list_recording_configurations(nextToken=token)  # noqa: E731
    assert fails(ivs, "ValidationException", call) == (INVALID_TOKEN.format(token), 400)


def test_key_pairs_belong_to_one_region_and_account(kvs_fake, ivs, make_client):
    arn = _import(ivs)["arn"]
    europe = make_client("ivs", region="eu-west-1")
    assert europe.list_playback_key_pairs()["keyPairs"] == []
    call = lambda: europe.get_playback_key_pair(arn=arn)  # noqa: E731
    assert fails(europe, "ResourceNotFoundException", call) == (NOT_FOUND.format(arn), 404)
    with kvs_fake.as_account(OTHER_ACCOUNT):
        assert ivs.list_playback_key_pairs()["keyPairs"] == []
        call = lambda: ivs.delete_playback_key_pair(arn=arn)  # noqa: E731
        assert fails(ivs, "ResourceNotFoundException", call) == (NOT_FOUND.format(arn), 404)
    assert [k["arn"] for k in ivs.list_playback_key_pairs()["keyPairs"]] == [arn]


# -- playback restriction policies -----------------------------------------------------------


def _policy(ivs, **params) -> dict:
    return ivs.create_playback_restriction_policy(**params)["playbackRestrictionPolicy"]


def _get_policy(ivs, arn: str) -> dict:
    return ivs.get_playback_restriction_policy(arn=arn)["playbackRestrictionPolicy"]


FULL_POLICY = {
    "allowedCountries": ["US", "MX"],
    "allowedOrigins": ["https://www.website1.com", "https://www.website2.com"],
    "enableStrictOriginEnforcement": True,
    "name": "test-playback-restriction-policy",
    "tags": {"key1": "value1", "key2": "value2"},
}


@policies
def test_a_policy_gets_the_documented_defaults(ivs):
    response = ivs.create_playback_restriction_policy()
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    created = response["playbackRestrictionPolicy"]
    assert POLICY_ARN.fullmatch(created["arn"]), created["arn"]
    assert created == {
        "arn": created["arn"],
        "allowedCountries": [],
        "allowedOrigins": [],
        "enableStrictOriginEnforcement": False,
        "name": "",
        "tags": {},
    }
    assert _get_policy(ivs, created["arn"]) == created


@policies
def test_a_policy_keeps_every_setting_it_is_given(ivs):
    created = _policy(ivs, **FULL_POLICY)
    assert created == {"arn": created["arn"], **FULL_POLICY}
    assert _get_policy(ivs, created["arn"]) == created


@policies
def test_policy_members_are_checked_against_the_model(ivs):
    call = lambda: _policy(ivs, allowedCountries=["USA"], name="bad name")  # noqa: E731
    assert fails(ivs, "ValidationException", call) == (
        "2 validation errors detected: "
        "Value 'USA' at 'allowedCountries.1' failed to satisfy constraint: "
        "Member must have length less than or equal to 2; "
        "Value 'bad name' at 'name' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: " + pattern_of("PlaybackKeyPairName"),
        400,
    )
    assert ivs.list_playback_restriction_policies()["playbackRestrictionPolicies"] == []


@policies
def test_a_reserved_tag_key_creates_no_policy(ivs):
    call = lambda: _policy(ivs, tags={"aws:cost": "x"})  # noqa: E731
    assert fails(ivs, "ValidationException", call) == (RESERVED.format(["aws:cost"]), 400)
    assert ivs.list_playback_restriction_policies()["playbackRestrictionPolicies"] == []


@policies
def test_update_changes_only_what_it_names(ivs):
    created = _policy(ivs, **FULL_POLICY)
    arn = created["arn"]
    renamed = ivs.update_playback_restriction_policy(arn=arn, name="renamed")
    assert renamed["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert renamed["playbackRestrictionPolicy"] == {**created, "name": "renamed"}
    updated = ivs.update_playback_restriction_policy(
        arn=arn, allowedCountries=["DE"], allowedOrigins=[], enableStrictOriginEnforcement=False
    )["playbackRestrictionPolicy"]
    expected = {
        **created,
        "name": "renamed",
        "allowedCountries": ["DE"],
        "allowedOrigins": [],
        "enableStrictOriginEnforcement": False,
    }
    assert updated == expected
    assert _get_policy(ivs, arn) == expected
    untouched = ivs.update_playback_restriction_policy(arn=arn)["playbackRestrictionPolicy"]
    assert untouched == expected


@policies
def test_update_of_an_unknown_policy_is_not_found_and_bad_values_are_refused(ivs):
    call = lambda: ivs.update_playback_restriction_policy(arn=MISSING_POLICY, name="x")  # noqa: E731
    assert fails(ivs, "ResourceNotFoundException", call) == (
        NOT_FOUND.format(MISSING_POLICY),
        404,
    )
    created = _policy(ivs, allowedCountries=["US"])
    bad = lambda: ivs.update_playback_restriction_policy(  # noqa: E731
        arn=created["arn"], allowedOrigins=["https://" + "a" * 121]
    )
    assert fails(ivs, "ValidationException", bad) == (
        f"1 validation error detected: Value 'https://{'a' * 121}' at 'allowedOrigins.1' failed "
        "to satisfy constraint: Member must have length less than or equal to 128",
        400,
    )
    assert _get_policy(ivs, created["arn"]) == created


@policies
def test_delete_policy_answers_204_and_the_policy_is_gone(ivs):
    arn = _policy(ivs)["arn"]
    response = ivs.delete_playback_restriction_policy(arn=arn)
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert body_of(response) == {}
    gone = lambda: ivs.get_playback_restriction_policy(arn=arn)  # noqa: E731
    assert fails(ivs, "ResourceNotFoundException", gone) == (NOT_FOUND.format(arn), 404)
    again = lambda: ivs.delete_playback_restriction_policy(arn=arn)  # noqa: E731
    assert fails(ivs, "ResourceNotFoundException", again) == (NOT_FOUND.format(arn), 404)
    update = lambda: ivs.update_playback_restriction_policy(arn=arn, name="x")  # noqa: E731
    assert fails(ivs, "ResourceNotFoundException", update) == (NOT_FOUND.format(arn), 404)


@policies
def test_unknown_policies_are_not_found_and_other_arns_are_invalid(ivs):
    get = lambda: ivs.get_playback_restriction_policy(arn=MISSING_POLICY)  # noqa: E731
    assert fails(ivs, "ResourceNotFoundException", get) == (
        NOT_FOUND.format(MISSING_POLICY),
        404,
    )
    wrong = lambda: ivs.delete_playback_restriction_policy(arn=MISSING_KEY)  # noqa: E731
    assert fails(ivs, "ValidationException", wrong) == (
        f"1 validation error detected: Value '{MISSING_KEY}' at 'arn' failed to satisfy "
        "constraint: Member must satisfy regular expression pattern: "
        "arn:aws:ivs:[a-z0-9-]+:[0-9]+:playback-restriction-policy/[a-zA-Z0-9-]+",
        400,
    )


@policies
def test_a_policy_a_channel_uses_cannot_be_deleted(ivs):
    arn = _policy(ivs)["arn"]
    channel = ivs.create_channel(playbackRestrictionPolicyArn=arn)["channel"]["arn"]
    call = lambda: ivs.delete_playback_restriction_policy(arn=arn)  # noqa: E731
    detail = POLICY_IN_USE.format(arn, f"channel {channel}")
    assert fails(ivs, "ConflictException", call) == (CONFLICT.format(detail), 409)
    assert _get_policy(ivs, arn)["arn"] == arn
    # Still updatable while in use.
    updated = ivs.update_playback_restriction_policy(arn=arn, allowedCountries=["FR"])
    assert updated["playbackRestrictionPolicy"]["allowedCountries"] == ["FR"]
    ivs.delete_channel(arn=channel)
    response = ivs.delete_playback_restriction_policy(arn=arn)
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 204


@policies
def test_the_policy_conflict_names_every_channel_that_uses_it(ivs):
    arn = _policy(ivs)["arn"]
    channels = sorted(
        ivs.create_channel(name=name, playbackRestrictionPolicyArn=arn)["channel"]["arn"]
        for name in ("one", "two")
    )
    call = lambda: ivs.delete_playback_restriction_policy(arn=arn)  # noqa: E731
    detail = POLICY_IN_USE.format(arn, f"channels {channels[0]}, {channels[1]}")
    assert fails(ivs, "ConflictException", call) == (CONFLICT.format(detail), 409)
    ivs.update_channel(arn=channels[0], playbackRestrictionPolicyArn="")
    detail = POLICY_IN_USE.format(arn, f"channel {channels[1]}")
    assert fails(ivs, "ConflictException", call) == (CONFLICT.format(detail), 409)


@policies
def test_list_policies_of_none_is_an_empty_list(ivs):
    assert body_of(ivs.list_playback_restriction_policies()) == {"playbackRestrictionPolicies": []}


@policies
def test_list_policies_default_page_is_one(ivs):
    created = sorted((_policy(ivs, name=f"p{i}") for i in range(3)), key=lambda p: p["arn"])
    seen, token, pages = [], None, 0
    while True:
        params = {"nextToken": token} if token else {}
        page = ivs.list_playback_restriction_policies(**params)
        pages += 1
        assert len(page["playbackRestrictionPolicies"]) == 1
        seen += page["playbackRestrictionPolicies"]
        token = page.get("nextToken")
        if token is None:
            break
    assert (pages, seen) == (3, created)


@policies
def test_list_policies_pages_hold_full_summaries(ivs):
    created = sorted(
        (_policy(ivs, **{**FULL_POLICY, "name": f"p{i}"}) for i in range(3)),
        key=lambda p: p["arn"],
    )
    first = ivs.list_playback_restriction_policies(maxResults=2)
    assert first["playbackRestrictionPolicies"] == created[:2]
    rest = ivs.list_playback_restriction_policies(maxResults=2, nextToken=first["nextToken"])
    assert (rest["playbackRestrictionPolicies"], "nextToken" in rest) == (created[2:], False)
    everything = ivs.list_playback_restriction_policies(maxResults=100)
    assert (everything["playbackRestrictionPolicies"], "nextToken" in everything) == (
        created,
        False,
    )


@policies
def test_list_policies_refuses_bad_tokens_and_page_sizes(ivs):
    for _ in range(2):
        _policy(ivs)
    token = ivs.list_playback_restriction_policies()["nextToken"]
    for bad in ("garbage", "eyJhIjogMX0=", token[:-4]):
        call = lambda bad=bad: ivs.list_playback_restriction_policies(nextToken=bad)  # noqa: E731
        assert fails(ivs, "ValidationException", call) == (INVALID_TOKEN.format(bad), 400)
    too_many = lambda: ivs.list_playback_restriction_policies(maxResults=101)  # noqa: E731
    assert fails(ivs, "ValidationException", too_many) == (TOO_MANY_RESULTS, 400)


@policies
def test_policies_belong_to_one_region_and_account(kvs_fake, ivs, make_client):
    arn = _policy(ivs)["arn"]
    europe = make_client("ivs", region="eu-west-1")
    assert europe.list_playback_restriction_policies()["playbackRestrictionPolicies"] == []
    call = lambda: europe.get_playback_restriction_policy(arn=arn)  # noqa: E731
    assert fails(europe, "ResourceNotFoundException", call) == (NOT_FOUND.format(arn), 404)
    with kvs_fake.as_account(OTHER_ACCOUNT):
        assert ivs.list_playback_restriction_policies()["playbackRestrictionPolicies"] == []
        call = lambda: ivs.update_playback_restriction_policy(arn=arn, name="x")  # noqa: E731
        assert fails(ivs, "ResourceNotFoundException", call) == (NOT_FOUND.format(arn), 404)
    listed = ivs.list_playback_restriction_policies()["playbackRestrictionPolicies"]
    assert [p["arn"] for p in listed] == [arn]
