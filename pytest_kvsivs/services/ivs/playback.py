"""IVS playback key pairs and playback restriction policies.

A key pair is the PEM public key of an ECDSA P-384 key pair (the IVS user guide has viewers'
tokens signed ES384 with its private half). The fake parses the PEM and the DER
SubjectPublicKeyInfo itself (standard library only), checks the point is on the curve, and
reports as fingerprint the MD5 of that DER as colon-separated hex pairs (16 pairs, the form of
the CLI example). The same key twice in one account and region is a 409.

A restriction policy limits playback by country and origin; one a channel uses cannot be
deleted (409).
"""

from __future__ import annotations

import base64
import binascii
import copy
import hashlib
import re
from typing import Any

from ..base import Body, Call, Params
from . import errors
from .defaults import DEFAULT_NAME, LIST_LIMIT, POLICY_LIST_LIMIT
from .lookup import answer, find, list_page, new_arn, refuse_if_used, view
from .registry import operation
from .resources import Record
from .state import IvsState
from .tagging import new_tags

# Defaults
DEFAULT_COUNTRIES: tuple[str, ...] = ()  # allowedCountries doc: "All countries (an empty array)"
DEFAULT_ORIGINS: tuple[str, ...] = ()  # allowedOrigins doc: "All origins (an empty array)"
DEFAULT_STRICT_ORIGIN = False  # enableStrictOriginEnforcement doc: "Default: false"

KEY_KIND = "playback-key"
POLICY_KIND = "playback-restriction-policy"
POLICY_MEMBER = "playbackRestrictionPolicyArn"
"""The channel member that names a playback restriction policy."""
POLICY_MEMBERS = ("allowedCountries", "allowedOrigins", "enableStrictOriginEnforcement", "name")
"""What CreatePlaybackRestrictionPolicy and UpdatePlaybackRestrictionPolicy set."""


# -- PEM and DER -------------------------------------------------------------------------

_PEM = re.compile(r"-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \1-----", re.DOTALL)
_SEQUENCE, _BIT_STRING, _OID = 0x30, 0x03, 0x06
_EC_PUBLIC_KEY = "1.2.840.10045.2.1"
_P384 = "1.3.132.0.34"
_ALGORITHMS = {
    "1.2.840.113549.1.1.1": "RSA",
    "1.2.840.113549.1.1.10": "RSASSA-PSS",
    "1.2.840.10040.4.1": "DSA",
    "1.3.101.110": "X25519",
    "1.3.101.111": "X448",
    "1.3.101.112": "Ed25519",
    "1.3.101.113": "Ed448",
}
_CURVES = {
    "1.2.840.10045.3.1.7": "P-256",
    "1.3.132.0.33": "P-224",
    "1.3.132.0.35": "P-521",
    "1.3.132.0.10": "secp256k1",
}
# P-384 (FIPS 186-4, D.1.2.4): y^2 = x^3 - 3x + b over GF(p)
_P = 2**384 - 2**128 - 2**96 + 2**32 - 1
_B = int(
    "b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875a"
    "c656398d8a2ed19d2a85c8edd3ec2aef",
    16,
)
_COORDINATE = 48


class KeyMaterialError(ValueError):
    """Why a publicKeyMaterial is not an ECDSA P-384 public key."""


class _DerError(ValueError):
    pass


def _tlv(data: bytes, pos: int) -> tuple[int, int, int]:
    """The tag, content start and content end of the DER element at ``pos``."""
    if pos + 2 > len(data):
        raise _DerError
    tag, first = data[pos], data[pos + 1]
    pos += 2
    if first < 0x80:
        length = first
    else:
        size = first & 0x7F
        if not 0 < size <= 4 or pos + size > len(data):
            raise _DerError
        length = int.from_bytes(data[pos : pos + size], "big")
        pos += size
    if pos + length > len(data):
        raise _DerError
    return tag, pos, pos + length


def _expect(data: bytes, pos: int, tag: int) -> tuple[int, int]:
    found, start, end = _tlv(data, pos)
    if found != tag:
        raise _DerError
    return start, end


def _oid(content: bytes) -> str:
    """The dotted form of an OBJECT IDENTIFIER's content octets."""
    if not content or content[-1] & 0x80:
        raise _DerError
    subidentifiers, value = [], 0
    for byte in content:
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            subidentifiers.append(value)
            value = 0
    first = min(subidentifiers[0] // 40, 2)
    arcs = [first, subidentifiers[0] - 40 * first, *subidentifiers[1:]]
    return ".".join(str(arc) for arc in arcs)


def _spki(der: bytes) -> tuple[str, bytes | None, bytes]:
    """(algorithm OID, its parameters' DER element or None, the public key bits) of a DER
    SubjectPublicKeyInfo: SEQUENCE { SEQUENCE { OID, parameters? }, BIT STRING }."""
    start, end = _expect(der, 0, _SEQUENCE)
    if end != len(der):
        raise _DerError
    algorithm_start, algorithm_end = _expect(der, start, _SEQUENCE)
    oid_start, oid_end = _expect(der, algorithm_start, _OID)
    parameters = der[oid_end:algorithm_end] or None
    bits_start, bits_end = _expect(der, algorithm_end, _BIT_STRING)
    if bits_end != end or bits_start == bits_end or der[bits_start] != 0:
        raise _DerError
    return _oid(der[oid_start:oid_end]), parameters, der[bits_start + 1 : bits_end]


def _pem_der(material: str) -> bytes:
    """The DER of the PUBLIC KEY block of ``material``."""
    block = _PEM.search(material)
    if block is None:
        raise KeyMaterialError("it holds no -----BEGIN PUBLIC KEY----- block")
    label = block[1]
    if "PRIVATE KEY" in label:
        raise KeyMaterialError(f"it is a private key (BEGIN {label}); import only the public key")
    if label != "PUBLIC KEY":
        raise KeyMaterialError(f"its PEM block is labelled {label}, not PUBLIC KEY")
    try:
        return base64.b64decode("".join(block[2].split()), validate=True)
    except binascii.Error:
        raise KeyMaterialError("its PEM body is not base64") from None


def _check_curve(parameters: bytes | None) -> None:
    try:
        if parameters is None:
            raise _DerError
        start, end = _expect(parameters, 0, _OID)
        if end != len(parameters):
            raise _DerError
        curve = _oid(parameters[start:end])
    except _DerError:
        raise KeyMaterialError("its curve parameters do not name a curve") from None
    if curve != _P384:
        raise KeyMaterialError(f"its curve is {_CURVES.get(curve, curve)}, not P-384")


def _check_point(point: bytes) -> None:
    if point[:1] in (b"\x02", b"\x03"):
        raise KeyMaterialError("its EC point is compressed; IVS takes the uncompressed point")
    off_curve = KeyMaterialError("its EC point is not on the P-384 curve")
    if len(point) != 1 + 2 * _COORDINATE or point[0] != 0x04:
        raise off_curve
    x = int.from_bytes(point[1 : 1 + _COORDINATE], "big")
    y = int.from_bytes(point[1 + _COORDINATE :], "big")
    if x >= _P or y >= _P or (y * y - (x * x * x - 3 * x + _B)) % _P:
        raise off_curve


def public_key_der(material: str) -> bytes:
    """The DER SubjectPublicKeyInfo of a PEM ECDSA P-384 public key, or KeyMaterialError."""
    der = _pem_der(material)
    try:
        algorithm, parameters, point = _spki(der)
    except _DerError:
        raise KeyMaterialError("its PEM body is not a DER SubjectPublicKeyInfo") from None
    if algorithm != _EC_PUBLIC_KEY:
        raise KeyMaterialError(
            f"its key algorithm is {_ALGORITHMS.get(algorithm, algorithm)}, not ECDSA"
        )
    _check_curve(parameters)
    _check_point(point)
    return der


def fingerprint(der: bytes) -> str:
    """MD5 of the DER SubjectPublicKeyInfo, as colon-separated lower-case hex pairs."""
    return hashlib.md5(der, usedforsecurity=False).digest().hex(":")


# -- playback key pairs ------------------------------------------------------------------


@operation("ImportPlaybackKeyPair")
def import_playback_key_pair(call: Call[IvsState], params: Params) -> Body:
    try:
        der = public_key_der(params["publicKeyMaterial"])
    except KeyMaterialError as reason:
        raise errors.validation(
            f"publicKeyMaterial is not an ECDSA P-384 public key in PEM format: {reason}."
        ) from None
    name = params.get("name", DEFAULT_NAME)
    tags = new_tags(params)
    key_fingerprint = fingerprint(der)
    store = call.state.playback_key_pairs
    for existing in store.values():
        if existing.body["fingerprint"] == key_fingerprint:
            raise errors.conflict(f"the public key is already imported as {existing.arn}.")
    _, arn = new_arn(call, KEY_KIND)
    record = Record(arn, {"arn": arn, "name": name, "fingerprint": key_fingerprint, "tags": tags})
    store.add(record)
    return {"keyPair": answer(record)}


@operation("GetPlaybackKeyPair")
def get_playback_key_pair(call: Call[IvsState], params: Params) -> Body:
    return {"keyPair": answer(find(call.state.playback_key_pairs, params["arn"]))}


@operation("ListPlaybackKeyPairs")
def list_playback_key_pairs(call: Call[IvsState], params: Params) -> Body:
    return list_page(
        call,
        call.state.playback_key_pairs,
        params,
        "ListPlaybackKeyPairs",
        "keyPairs",
        LIST_LIMIT,
        lambda record: view(record, "PlaybackKeyPairSummary"),
    )


@operation("DeletePlaybackKeyPair")
def delete_playback_key_pair(call: Call[IvsState], params: Params) -> Body:
    store = call.state.playback_key_pairs
    store.remove(find(store, params["arn"]).arn)
    return {}


# -- playback restriction policies -------------------------------------------------------


def _policy_settings(params: Params) -> dict[str, Any]:
    return {member: copy.deepcopy(params[member]) for member in POLICY_MEMBERS if member in params}


@operation("CreatePlaybackRestrictionPolicy")
def create_playback_restriction_policy(call: Call[IvsState], params: Params) -> Body:
    tags = new_tags(params)
    _, arn = new_arn(call, POLICY_KIND)
    body: dict[str, Any] = {
        "arn": arn,
        "allowedCountries": list(DEFAULT_COUNTRIES),
        "allowedOrigins": list(DEFAULT_ORIGINS),
        "enableStrictOriginEnforcement": DEFAULT_STRICT_ORIGIN,
        "name": DEFAULT_NAME,
        **_policy_settings(params),
        "tags": tags,
    }
    record = Record(arn, body)
    call.state.playback_restriction_policies.add(record)
    return {"playbackRestrictionPolicy": answer(record)}


@operation("GetPlaybackRestrictionPolicy")
def get_playback_restriction_policy(call: Call[IvsState], params: Params) -> Body:
    record = find(call.state.playback_restriction_policies, params["arn"])
    return {"playbackRestrictionPolicy": answer(record)}


@operation("ListPlaybackRestrictionPolicies")
def list_playback_restriction_policies(call: Call[IvsState], params: Params) -> Body:
    return list_page(
        call,
        call.state.playback_restriction_policies,
        params,
        "ListPlaybackRestrictionPolicies",
        "playbackRestrictionPolicies",
        POLICY_LIST_LIMIT,
        lambda record: view(record, "PlaybackRestrictionPolicySummary"),
    )


@operation("UpdatePlaybackRestrictionPolicy")
def update_playback_restriction_policy(call: Call[IvsState], params: Params) -> Body:
    record = find(call.state.playback_restriction_policies, params["arn"])
    record.body.update(_policy_settings(params))
    return {"playbackRestrictionPolicy": answer(record)}


@operation("DeletePlaybackRestrictionPolicy")
def delete_playback_restriction_policy(call: Call[IvsState], params: Params) -> Body:
    arn = params["arn"]
    store = call.state.playback_restriction_policies
    find(store, arn)
    refuse_if_used(call.state, POLICY_MEMBER, arn, "playback restriction policy")
    store.remove(arn)
    return {}
