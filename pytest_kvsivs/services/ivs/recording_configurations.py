"""IVS recording configurations: where a channel's broadcasts are recorded (an S3 bucket).

A configuration is CREATING for ``ivs.recording_configuration.CREATING`` seconds, then ACTIVE;
one whose bucket is in another region is refused, except in us-east-1, where the create succeeds
and the configuration ends CREATE_FAILED (the known issue the model documents). A configuration
a channel uses cannot be deleted (409). Where buckets live is a simulation control
(:func:`set_bucket_region`).
"""

from __future__ import annotations

import re
from typing import Any

from ...lifecycle import Timeline
from ...model import IVS
from ...validation import Violation, validation_message
from ...validation.compiler import NULL
from ..base import Body, Call, Params
from ..common import ModelEnum
from . import errors
from .defaults import DEFAULT_NAME, LIST_LIMIT, RECORDING_CONFIGURATION
from .lookup import find, list_page, new_arn, refuse_if_used, view
from .registry import RecordingConfigurationState as State
from .registry import operation
from .resources import Record
from .state import IvsControls, IvsState
from .tagging import new_tags

RecordingMode = ModelEnum(IVS, "RecordingMode")
ThumbnailStorage = ModelEnum(IVS, "ThumbnailConfigurationStorage")
RenditionSelection = ModelEnum(IVS, "RenditionConfigurationRenditionSelection")

# Defaults
DEFAULT_RECONNECT_WINDOW = 0  # RecordingReconnectWindowSeconds doc: "Default: 0."
DEFAULT_RECORDING_MODE = RecordingMode.INTERVAL  # RecordingMode doc: "Default: INTERVAL"
DEFAULT_TARGET_INTERVAL = 60  # TargetIntervalSeconds doc: "Default: 60."
DEFAULT_STORAGE = (ThumbnailStorage.SEQUENTIAL,)  # storage doc: "Default: SEQUENTIAL"
DEFAULT_RENDITION_SELECTION = RenditionSelection.ALL  # renditionSelection doc: "Default: ALL"
DEFAULT_RENDITIONS: tuple[str, ...] = ()  # renditions: "irrelevant" unless CUSTOM (inferred: [])
LENIENT_REGION = "us-east-1"  # CreateRecordingConfiguration doc: the known issue's region

KIND = "recording-configuration"
CHANNEL_MEMBER = "recordingConfigurationArn"
"""The channel member that names a recording configuration."""

_REGION = re.compile(r"[a-z]{2}(-[a-z]+)+-\d+")
_BUCKET = re.compile(r"[a-z0-9.-]{3,63}")


# -- the simulation control ----------------------------------------------------------------


def set_bucket_region(controls: IvsControls, bucket_name: str, region: str) -> None:
    """Place an S3 bucket in a region (``KvsFake.set_bucket_region``); read at create time."""
    if not (isinstance(region, str) and _REGION.fullmatch(region)):
        raise ValueError(
            f"set_bucket_region: {region!r} is not an AWS region name (like 'eu-west-1')"
        )
    if not (isinstance(bucket_name, str) and _BUCKET.fullmatch(bucket_name)):
        raise ValueError(
            f"set_bucket_region: {bucket_name!r} is not an S3 bucket name "
            "(3 to 63 characters of a-z, 0-9, '.' and '-')"
        )
    controls.bucket_regions[bucket_name] = region


def bucket_region(state: IvsState, bucket: str, region: str) -> str:
    """Where a bucket lives: where the control put it, else in ``region`` (that of the
    configuration that names it)."""
    return state.controls.bucket_regions.get(bucket, region)


# -- reading configurations ----------------------------------------------------------------


def current(record: Record, now: float) -> Record:
    """The record with its ``state`` as the timeline has it at ``now``: every family reads a
    configuration through this (channels check it is ACTIVE, sessions copy it at go-live)."""
    if record.timeline is not None:
        record.body["state"] = record.timeline.status_at(now)
    return record


def _render(record: Record, now: float) -> Body:
    return view(current(record, now), "RecordingConfiguration")


def _summary(record: Record, now: float) -> Body:
    return view(current(record, now), "RecordingConfigurationSummary")


# -- checking a request --------------------------------------------------------------------


def _bucket(params: Params) -> str:
    s3 = params["destinationConfiguration"].get("s3")
    if s3 is None:
        missing = Violation("destinationConfiguration.s3", NULL, "Member must not be null")
        raise errors.validation(validation_message([missing]))
    bucket: str = s3["bucketName"]
    return bucket


def _thumbnails(given: Params | None) -> Body:
    given = given or {}
    thumbnails: Body = {
        "recordingMode": given.get("recordingMode", DEFAULT_RECORDING_MODE),
        "targetIntervalSeconds": given.get("targetIntervalSeconds", DEFAULT_TARGET_INTERVAL),
        "storage": list(given.get("storage") or DEFAULT_STORAGE),
    }
    if "resolution" in given:
        thumbnails["resolution"] = given["resolution"]
    return thumbnails


def _renditions(given: Params | None) -> Body:
    given = given or {}
    selection = given.get("renditionSelection", DEFAULT_RENDITION_SELECTION)
    renditions = list(given.get("renditions") or DEFAULT_RENDITIONS)
    if selection == RenditionSelection.CUSTOM and not renditions:
        raise errors.validation(
            "renditionConfiguration.renditions must name at least one rendition when "
            "renditionSelection is CUSTOM."
        )
    return {"renditionSelection": selection, "renditions": renditions}


def _final_state(call: Call[IvsState], bucket: str) -> str:
    """ACTIVE, or CREATE_FAILED for a foreign bucket in us-east-1; elsewhere a foreign bucket
    is refused at once."""
    where = bucket_region(call.state, bucket, call.region)
    if where == call.region:
        return State.ACTIVE
    if call.region == LENIENT_REGION:
        return State.CREATE_FAILED
    raise errors.validation(
        f"The S3 bucket {bucket} is in {where}: a recording configuration in {call.region} "
        "needs a bucket in the same region."
    )


# -- handlers ------------------------------------------------------------------------------


@operation("CreateRecordingConfiguration")
def create_recording_configuration(call: Call[IvsState], params: Params) -> Body:
    bucket = _bucket(params)
    body: dict[str, Any] = {
        "name": params.get("name", DEFAULT_NAME),
        "destinationConfiguration": {"s3": {"bucketName": bucket}},
        "recordingReconnectWindowSeconds": params.get(
            "recordingReconnectWindowSeconds", DEFAULT_RECONNECT_WINDOW
        ),
        "thumbnailConfiguration": _thumbnails(params.get("thumbnailConfiguration")),
        "renditionConfiguration": _renditions(params.get("renditionConfiguration")),
        "tags": new_tags(params),
    }
    final = _final_state(call, bucket)
    _, arn = new_arn(call, KIND)
    creating = call.env.delays.of(RECORDING_CONFIGURATION, State.CREATING)
    timeline = Timeline([(call.now, State.CREATING), (call.now + creating, final)])
    record = Record(arn, {"arn": arn, **body, "state": State.CREATING}, timeline)
    call.state.recording_configurations.add(record)
    return {"recordingConfiguration": _render(record, call.now)}


@operation("GetRecordingConfiguration")
def get_recording_configuration(call: Call[IvsState], params: Params) -> Body:
    record = find(call.state.recording_configurations, params["arn"])
    return {"recordingConfiguration": _render(record, call.now)}


@operation("ListRecordingConfigurations")
def list_recording_configurations(call: Call[IvsState], params: Params) -> Body:
    return list_page(
        call,
        call.state.recording_configurations,
        params,
        "ListRecordingConfigurations",
        "recordingConfigurations",
        LIST_LIMIT,
        lambda record: _summary(record, call.now),
    )


@operation("DeleteRecordingConfiguration")
def delete_recording_configuration(call: Call[IvsState], params: Params) -> Body:
    arn = params["arn"]
    find(call.state.recording_configurations, arn)
    refuse_if_used(call.state, CHANNEL_MEMBER, arn, "recording configuration")
    call.state.recording_configurations.remove(arn)
    return {}
