"""Per-call cost of the fake against the botocore floor, and KvsFake() enter+exit.

Run: python benchmarks/bench_calls.py [--calls N] [--repeats R]

The floor is a bare botocore client whose ``before-call`` hook returns a canned
reply: everything botocore does for a call (validation, endpoint resolution,
serialization, events) with no service behind it. The fake cannot cost less.
Each figure is the median over R repeats of N calls. Goals (issue 2): fake <=
1.5x floor per call; enter+exit <= 1 ms.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

import botocore
import botocore.session
from botocore.awsrequest import AWSResponse

from pytest_kvsivs import KvsFake


def _client() -> Any:
    return botocore.session.Session().create_client("kinesisvideo", region_name="us-west-2")


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


def floor_describe(calls: int, repeats: int) -> float:
    client = _client()
    canned = {
        "ChannelInfo": {
            "ChannelName": "cam-1",
            "ChannelARN": "arn:aws:kinesisvideo:us-west-2:123456789012:channel/cam-1/1700000000000",
            "ChannelType": "SINGLE_MASTER",
            "ChannelStatus": "ACTIVE",
            "CreationTime": datetime(2023, 11, 14, tzinfo=timezone.utc),
            "SingleMasterConfiguration": {"MessageTtlSeconds": 60},
            "Version": "abcdefghij0123456789",
        },
        "ResponseMetadata": {"HTTPStatusCode": 200},
    }
    reply = (AWSResponse("", 200, {}, None), canned)  # type: ignore[arg-type]
    client.meta.events.register("before-call.kinesis-video", lambda **kw: reply)
    return per_call_us(
        lambda: client.describe_signaling_channel(ChannelName="cam-1"), calls, repeats
    )


def fake_describe(calls: int, repeats: int) -> float:
    client = _client()
    with KvsFake(instant=True) as fake:
        client.create_signaling_channel(ChannelName="cam-1")
        result = per_call_us(
            lambda: client.describe_signaling_channel(ChannelName="cam-1"), calls, repeats
        )
        fake.calls.clear()
    return result


def enter_exit_us(calls: int, repeats: int) -> float:
    def cycle() -> None:
        with KvsFake():
            pass

    return per_call_us(cycle, calls, repeats)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    floor = floor_describe(args.calls, args.repeats)
    fake = fake_describe(args.calls, args.repeats)
    enter_exit = enter_exit_us(args.calls, args.repeats)
    print(
        f"python {platform.python_version()}, botocore {botocore.__version__}, {platform.machine()}"
    )
    print(f"{'measure':<44}{'figure':>12}{'goal':>14}")
    print(f"{'describe_signaling_channel, botocore floor':<44}{floor:>9.1f} us{'':>14}")
    print(f"{'describe_signaling_channel, kvs fake':<44}{fake:>9.1f} us{'':>14}")
    ratio_ok = "met" if fake / floor <= 1.5 else "MISSED"
    print(f"{'fake / floor':<44}{fake / floor:>11.2f}x{'<= 1.5x ' + ratio_ok:>14}")
    ee_ok = "met" if enter_exit <= 1000 else "MISSED"
    print(f"{'KvsFake() enter+exit':<44}{enter_exit:>9.1f} us{'<= 1 ms ' + ee_ok:>14}")


if __name__ == "__main__":
    main()
