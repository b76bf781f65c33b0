"""Shared by the KVS media tests: clients made as real code makes them (endpoint from
GetDataEndpoint), and a real Matroska parser (ebmlite, what the KVS consumer library for
Python parses GetMedia with) over the payloads."""

from __future__ import annotations

from typing import Any

import boto3
import ebmlite

REGION = "us-west-2"
ACCOUNT = "123456789012"
T0 = 1_714_521_600.0
"""2024-05-01T00:00:00Z: the frozen time of these tests."""
SCHEMA = ebmlite.loadSchema("matroska.xml")


def make_stream(name: str = "cam", retention: int = 24) -> str:
    kvs = boto3.client("kinesisvideo", region_name=REGION)
    return str(kvs.create_stream(StreamName=name, DataRetentionInHours=retention)["StreamARN"])


def data_client(service: str, stream: str, api: str) -> Any:
    kvs = boto3.client("kinesisvideo", region_name=REGION)
    url = kvs.get_data_endpoint(StreamName=stream, APIName=api)["DataEndpoint"]
    return boto3.client(service, region_name=REGION, endpoint_url=url)


def archived(stream: str = "cam", api: str = "LIST_FRAGMENTS") -> Any:
    return data_client("kinesis-video-archived-media", stream, api)


def media(stream: str = "cam", api: str = "GET_MEDIA") -> Any:
    return data_client("kinesis-video-media", stream, api)


def _children(element: Any) -> list[Any]:
    return list(element) if isinstance(element, ebmlite.core.MasterElement) else []


def chunks(payload: bytes) -> list[dict[str, Any]]:
    """Each Segment of a payload as a real parser reads it: its tags, video track (number,
    size, codec) and cluster timestamp; fails unless every top-level element is an EBML header
    or a Segment."""
    document = SCHEMA.loads(payload)
    segments = []
    for top in document:
        assert top.name in ("EBML", "Segment"), top.name
        if top.name == "Segment":
            segments.append(_segment(top))
    return segments


def _segment(segment: Any) -> dict[str, Any]:
    parsed: dict[str, Any] = {"tags": {}}
    for child in segment:
        if child.name == "Tags":
            for tag in _children(child):
                for simple in _children(tag):
                    if simple.name == "SimpleTag":
                        values = {e.name: e.value for e in simple}
                        parsed["tags"][values["TagName"]] = values["TagString"]
        elif child.name == "Tracks":
            (entry,) = list(child)
            video = next(e for e in entry if e.name == "Video")
            sizes = {e.name: e.value for e in video}
            parsed["size"] = (sizes["PixelWidth"], sizes["PixelHeight"])
            parsed["codec"] = next(e.value for e in entry if e.name == "CodecID")
            parsed["track"] = next((e.value for e in entry if e.name == "TrackNumber"), None)
            parsed["private"] = next((e.value for e in entry if e.name == "CodecPrivate"), None)
        elif child.name == "Cluster":
            parsed["timecode"] = next(e.value for e in child if e.name == "Timecode")
            parsed["blocks"] = sum(1 for e in child if e.name == "SimpleBlock")
    return parsed
