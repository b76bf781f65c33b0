"""The benchmark suite: per-call cost against the botocore floor and moto, fake start-up,
a whole test cycle, paging with a large store, and plugin import cost.

Run: python benchmarks/bench_calls.py [--calls N] [--repeats R] [--quick]

The floor is a bare botocore client whose ``before-call`` hook returns a canned reply:
everything botocore does for a call (validation, endpoint resolution, serialization,
events) with no service behind it; the fake cannot cost less. Figures are medians over
R repeats of N calls. Goals: fake <= 1.5x floor per call; >= 5x faster than moto per call;
KvsFake() enter+exit <= 1 ms; list cost per page independent of the store size.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any

import botocore
import botocore.session
from botocore.awsrequest import AWSResponse

from pytest_kvsivs import KvsFake

ARN = "arn:aws:kinesisvideo:us-west-2:123456789012:channel/cam-1/1700000000000"
INFO = {
    "ChannelName": "cam-1",
    "ChannelARN": ARN,
    "ChannelType": "SINGLE_MASTER",
    "ChannelStatus": "ACTIVE",
    "CreationTime": datetime(2023, 11, 14, tzinfo=timezone.utc),
    "SingleMasterConfiguration": {"MessageTtlSeconds": 60},
    "Version": "abcdefghij0123456789",
}
STREAM_ARN = "arn:aws:kinesisvideo:us-west-2:123456789012:stream/cam-1/1700000000000"
STREAM_INFO = {
    "StreamName": "cam-1",
    "StreamARN": STREAM_ARN,
    "KmsKeyId": "arn:aws:kms:us-west-2:123456789012:alias/aws/kinesisvideo",
    "Version": "abcdefghij0123456789",
    "Status": "ACTIVE",
    "CreationTime": datetime(2023, 11, 14, tzinfo=timezone.utc),
    "DataRetentionInHours": 0,
}
CANNED: dict[str, dict[str, Any]] = {
    "DescribeSignalingChannel": {"ChannelInfo": INFO},
    "CreateSignalingChannel": {"ChannelARN": ARN},
    "ListSignalingChannels": {"ChannelInfoList": [INFO]},
    "UpdateSignalingChannel": {},
    "DescribeStream": {"StreamInfo": STREAM_INFO},
    "CreateStream": {"StreamARN": STREAM_ARN},
    "ListStreams": {"StreamInfoList": [STREAM_INFO]},
    "UpdateStream": {},
}


def _client(service: str = "kinesisvideo") -> Any:
    return botocore.session.Session().create_client(
        service,
        region_name="us-west-2",
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="secret",
    )


def per_call_us(fn: Callable[[], object], calls: int, repeats: int) -> float:
    for _ in range(min(calls, 200)):
        fn()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        samples.append((time.perf_counter() - start) / calls * 1e6)
    return statistics.median(samples)


def channel_calls(client: Any) -> dict[str, Callable[[], object]]:
    """The measured calls; each stays valid when repeated."""
    names = (f"n-{i}" for i in itertools.count())

    def describe_then_update() -> object:
        info = client.describe_signaling_channel(ChannelName="cam-1")["ChannelInfo"]
        return client.update_signaling_channel(
            ChannelARN=info["ChannelARN"], CurrentVersion=info["Version"]
        )

    def describe_then_update_stream() -> object:
        info = client.describe_stream(StreamName="cam-1")["StreamInfo"]
        return client.update_stream(StreamName="cam-1", CurrentVersion=info["Version"])

    return {
        "DescribeSignalingChannel": lambda: client.describe_signaling_channel(ChannelName="cam-1"),
        "CreateSignalingChannel": lambda: client.create_signaling_channel(ChannelName=next(names)),
        "ListSignalingChannels": lambda: client.list_signaling_channels(MaxResults=1),
        "UpdateSignalingChannel": describe_then_update,
        "DescribeStream": lambda: client.describe_stream(StreamName="cam-1"),
        "CreateStream": lambda: client.create_stream(StreamName=next(names)),
        "ListStreams": lambda: client.list_streams(MaxResults=1),
        "UpdateStream": describe_then_update_stream,
    }


def floor(operation: str, calls: int, repeats: int) -> float:
    client = _client()

    def reply(model: Any, **kwargs: Any) -> tuple[AWSResponse, dict[str, Any]]:
        canned = {**CANNED[model.name], "ResponseMetadata": {}}
        return AWSResponse("", 200, {}, None), canned  # type: ignore[arg-type]

    client.meta.events.register("before-call.kinesis-video", reply)
    return per_call_us(channel_calls(client)[operation], calls, repeats)


def fake(operation: str, calls: int, repeats: int) -> float:
    client = _client()
    with KvsFake(instant=True) as kvs:
        client.create_signaling_channel(ChannelName="cam-1")
        client.create_stream(StreamName="cam-1")
        result = per_call_us(channel_calls(client)[operation], calls, repeats)
        kvs.calls.clear()
    return result


MOTO_EQUIVALENT = {
    # moto serves no signaling-channel operation; its stream operations stand in (marked *).
    "DescribeSignalingChannel": "describe_stream",
    "CreateSignalingChannel": "create_stream",
    "ListSignalingChannels": "list_streams",
    "DescribeStream": "describe_stream",
    "CreateStream": "create_stream",
    "ListStreams": "list_streams",
}


def moto(operation: str, calls: int, repeats: int) -> float | None:
    method = MOTO_EQUIVALENT.get(operation)
    if method is None:
        return None
    try:
        from moto import mock_aws
    except ImportError:
        return None
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        client = _client()
        client.create_stream(StreamName="cam-1")
        names = (f"n-{i}" for i in itertools.count())
        fns = {
            "describe_stream": lambda: client.describe_stream(StreamName="cam-1"),
            "create_stream": lambda: client.create_stream(StreamName=next(names)),
            "list_streams": lambda: client.list_streams(MaxResults=1),
        }
        return per_call_us(fns[method], max(calls // 10, 50), repeats)


def enter_exit_us(calls: int, repeats: int) -> float:
    def cycle() -> None:
        with KvsFake():
            pass

    return per_call_us(cycle, calls, repeats)


def test_cycle_ms(repeats: int) -> float:
    """What one test pays: a fake, a new client, one call."""

    def cycle() -> None:
        with KvsFake():
            _client().list_signaling_channels()

    return per_call_us(cycle, 20, repeats) / 1000


def page_us(store: int, calls: int, repeats: int) -> tuple[float, float]:
    """First-page and last-page cost of a 100-item page with ``store`` channels stored."""
    client = _client()
    with KvsFake(instant=True) as kvs:
        for i in range(store):
            client.create_signaling_channel(ChannelName=f"c{i:05d}")
        kvs.calls.clear()
        token = None
        for page in client.get_paginator("list_signaling_channels").paginate(
            PaginationConfig={"PageSize": 100}
        ):
            token = page.get("NextToken") or token
        last = {"NextToken": token} if token else {}
        first_us = per_call_us(
            lambda: client.list_signaling_channels(MaxResults=100), calls, repeats
        )
        last_us = per_call_us(
            lambda: client.list_signaling_channels(MaxResults=100, **last), calls, repeats
        )
        kvs.calls.clear()
    return first_us, last_us


def import_cost_ms(repeats: int) -> tuple[float, float]:
    """pytest start-up (collecting nothing) without and with the plugin."""

    def run(*extra: str) -> float:
        samples = []
        for _ in range(repeats):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "pytest", "--co", "-q", "-p", "no:randomly", *extra,
                 "benchmarks/bench_calls.py"],
                capture_output=True,
                check=False,
            )  # fmt: skip
            samples.append((time.perf_counter() - start) * 1000)
        return statistics.median(samples)

    return run("-p", "no:kvsivs"), run()


@contextmanager
def table(title: str) -> Iterator[Callable[..., None]]:
    print(f"\n{title}")

    def row(label: str, *cells: str) -> None:
        print(f"  {label:<34}" + "".join(f"{c:>14}" for c in cells))

    yield row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=3000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="fewer calls, for a smoke run")
    args = parser.parse_args()
    calls, repeats = (300, 3) if args.quick else (args.calls, args.repeats)
    print(
        f"python {platform.python_version()}, botocore {botocore.__version__}, "
        f"{platform.machine()}, {os.cpu_count()} cpus; median of {repeats} x {calls} calls"
    )
    with table("per call (us)") as row:
        row("operation", "floor", "fake", "fake/floor", "moto", "moto/fake")
        for operation in CANNED:
            f, k, m = (
                floor(operation, calls, repeats),
                fake(operation, calls, repeats),
                moto(operation, calls, repeats),
            )
            mcell = f"{m:.0f}" if m else "n/a"
            rcell = f"{m / k:.1f}x" if m else "n/a"
            row(operation, f"{f:.1f}", f"{k:.1f}", f"{k / f:.2f}x", mcell, rcell)
        print("  Update* is measured with the describe that reads its Version; moto has no update.")
        print("  moto* for channel operations: moto has no signaling channels; its stream")
        print("  operations of the same kind stand in. Stream rows compare like for like.")
    with table("fake lifecycle") as row:
        row("KvsFake() enter+exit", f"{enter_exit_us(calls, repeats):.1f} us")
        row("test cycle: fake + client + call", f"{test_cycle_ms(repeats):.1f} ms")
    with table("ListSignalingChannels, 100 per page (us)") as row:
        row("channels stored", "first page", "last page")
        for store in (100, 1000, 10000):
            first, last = page_us(store, max(calls // 10, 50), repeats)
            row(str(store), f"{first:.0f}", f"{last:.0f}")
    with table("pytest start-up, collecting one file (ms)") as row:
        without, with_plugin = import_cost_ms(repeats)
        row("-p no:kvsivs", f"{without:.0f}")
        row("with the plugin", f"{with_plugin:.0f}", f"+{with_plugin - without:.0f}")


if __name__ == "__main__":
    main()
