"""The benchmark suite: per-call cost against the botocore floor and moto, fake lifecycle,
paging with a large store, and the start-up cost every pytest run pays for the plugin.

Run: python benchmarks/bench_calls.py [--section S] [--calls N] [--batches B] [--pairs P]
     [--quick]

Method. Things compared are measured in ALTERNATING batches in one process (floor batch,
fake batch, moto batch, floor batch, ...) after one unmeasured warm-up batch of each, and
the BEST batch of each is reported (the minimum per-call time: the cost with the least
interference from the machine). The fake is active only during its own batches; the floor
and moto batches run with it stopped, and the floor batches are checked to leave its call
log unchanged.

The floor is a bare botocore client whose ``before-call`` hook (registered first) returns
a canned parsed reply: everything botocore does for a call (validation, endpoint
resolution, serialization, events) with no service behind it; the fake cannot cost less.

Start-up is measured as a user pays it: fresh ``python -m pytest`` processes on two tiny
projects in a temp dir (with their own empty pytest.ini), with and without
``-p no:kvsivs``, in alternating pairs; medians and their difference.

Goals: fake <= 1.5x floor per call (the ivs GetChannel and ListChannels rows too); >= 5x faster
than moto per call (for ivs, moto has channels: like for like); KvsFake() enter+exit <= 1 ms;
list cost per page independent of the store size.
"""

from __future__ import annotations

import argparse
import gc
import importlib.metadata
import itertools
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import partial
from pathlib import Path
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
IVS_CHANNEL_ARN = "arn:aws:ivs:us-west-2:123456789012:channel/abcdEFGH1234"
IVS_CHANNEL = {
    "arn": IVS_CHANNEL_ARN,
    "name": "cam-1",
    "latencyMode": "LOW",
    "type": "STANDARD",
    "recordingConfigurationArn": "",
    "ingestEndpoint": "0123456789ab.global-contribute.live-video.net",
    "playbackUrl": "https://0123456789ab.us-west-2.playback.live-video.net/api/video/v1/"
    "us-west-2.123456789012.channel.abcdEFGH1234.m3u8",
    "authorized": False,
    "tags": {},
    "insecureIngest": False,
    "preset": "",
    "playbackRestrictionPolicyArn": "",
}
IVS_CANNED: dict[str, dict[str, Any]] = {
    "GetChannel": {"channel": IVS_CHANNEL},
    "ListChannels": {"channels": [{k: IVS_CHANNEL[k] for k in ("arn", "name", "latencyMode")}]},
}
"""The ivs rows (issue 9): what the floor answers, of the same size as the fake's answers."""
SECTIONS = ("calls", "startup", "lifecycle", "paging", "dataplane")


@dataclass(frozen=True)
class Settings:
    calls: int
    """Calls per batch (per-call figures)."""
    batches: int
    """Measured batches of each contender, after one warm-up batch."""
    pairs: int
    """Fresh-process pairs (with and without the plugin) per start-up project."""


# -- clients ---------------------------------------------------------------------------------


def _client(service: str = "kinesisvideo") -> Any:
    return botocore.session.Session().create_client(
        service,
        region_name="us-west-2",
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="secret",
    )


def _canned_reply(model: Any, **kwargs: Any) -> tuple[AWSResponse, dict[str, Any]]:
    service = model.service_model.service_name
    answers = {"kinesisvideo": CANNED, "ivs": IVS_CANNED}.get(service, DATAPLANE_CANNED)
    canned = {**answers[model.name], "ResponseMetadata": {}}
    return AWSResponse("", 200, {}, None), canned  # type: ignore[arg-type]


def _floor_client(service: str = "kinesisvideo") -> Any:
    """A client answered by the canned hook, registered first: no fake can serve it."""
    client = _client(service)
    event = "kinesis-video" if service == "kinesisvideo" else service
    client.meta.events.register_first(f"before-call.{event}", _canned_reply)
    return client


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


def ivs_calls(client: Any, arn: str) -> dict[str, Callable[[], object]]:
    """The measured ivs calls on the channel ``arn``."""
    return {
        "GetChannel": lambda: client.get_channel(arn=arn),
        "ListChannels": lambda: client.list_channels(maxResults=1),
    }


# -- alternating batches ---------------------------------------------------------------------


@dataclass
class Contender:
    """One side of a comparison: a call, how many per batch, and what wraps each batch."""

    name: str
    call: Callable[[], object]
    calls: int
    around: Callable[[], AbstractContextManager[object]] = nullcontext
    samples: list[float] = field(default_factory=list)
    """Per-call microseconds of each measured batch."""

    @property
    def best(self) -> float:
        return min(self.samples)

    def batch(self) -> float:
        gc.collect()
        with self.around():
            start = time.perf_counter()
            for _ in range(self.calls):
                self.call()
            elapsed = time.perf_counter() - start
        return elapsed / self.calls * 1e6


def race(contenders: Sequence[Contender], batches: int) -> None:
    """Run the contenders' batches round-robin; each keeps its per-call sample per batch."""
    for contender in contenders:
        contender.batch()  # warm-up, unmeasured
    for _ in range(batches):
        for contender in contenders:
            contender.samples.append(contender.batch())


def serving(kvs: KvsFake) -> Callable[[], AbstractContextManager[object]]:
    """The fake is active for the batch only; the batch must have been served by it."""

    @contextmanager
    def around() -> Iterator[None]:
        kvs.calls.clear()
        kvs.start()
        try:
            yield
        finally:
            kvs.stop()
        assert len(kvs.calls) > 0, "the fake batch was not served by the fake"
        kvs.calls.clear()  # keep the log (and the heap) small, as in one test

    return around


def not_serving(kvs: KvsFake) -> Callable[[], AbstractContextManager[object]]:
    """The floor's batch: the fake is stopped and its call log must not move."""

    @contextmanager
    def around() -> Iterator[None]:
        assert not kvs.active
        before = len(kvs.calls)
        yield
        assert len(kvs.calls) == before, "the floor batch reached the fake"

    return around


def moto_active(mock: Any) -> Callable[[], AbstractContextManager[object]]:
    """moto patches botocore only during its own batches; its data persists between them."""

    @contextmanager
    def around() -> Iterator[None]:
        mock.start(reset=False)
        try:
            yield
        finally:
            mock.stop(remove_data=False)

    return around


@contextmanager
def table(title: str) -> Iterator[Callable[..., None]]:
    print(f"\n{title}", flush=True)

    def row(label: str, *cells: str) -> None:
        print(f"  {label:<38}" + "".join(f"{c:>12}" for c in cells), flush=True)

    yield row


def _spread(contender: Contender) -> float:
    """Median batch over best batch: how much the machine moved the figures."""
    return statistics.median(contender.samples) / contender.best


# -- per call --------------------------------------------------------------------------------

MOTO_EQUIVALENT = {
    # moto serves no signaling-channel operation; its stream operations stand in (marked *).
    "DescribeSignalingChannel": "describe_stream",
    "CreateSignalingChannel": "create_stream",
    "ListSignalingChannels": "list_streams",
    "DescribeStream": "describe_stream",
    "CreateStream": "create_stream",
    "ListStreams": "list_streams",
}


def _moto_mock() -> Any | None:
    try:
        from moto import mock_aws
    except ImportError:
        return None
    return mock_aws()


def _moto_contender(mock: Any, operation: str, calls: int) -> Contender | None:
    method = MOTO_EQUIVALENT.get(operation)
    if mock is None or method is None:
        return None
    client = _client()
    mock.start(reset=True)  # a fresh moto store for each row, as the fake has
    try:
        client.create_stream(StreamName="cam-1")
    finally:
        mock.stop(remove_data=False)
    names = (f"m-{i}" for i in itertools.count())
    fns: dict[str, Callable[[], object]] = {
        "describe_stream": lambda: client.describe_stream(StreamName="cam-1"),
        "create_stream": lambda: client.create_stream(StreamName=next(names)),
        "list_streams": lambda: client.list_streams(MaxResults=1),
    }
    return Contender("moto", fns[method], max(calls // 10, 30), moto_active(mock))


def _moto_ivs_contender(mock: Any, operation: str, calls: int) -> Contender | None:
    """moto has ivs channels: GetChannel and ListChannels compare like for like."""
    if mock is None:
        return None
    client = _client("ivs")
    mock.start(reset=True)
    try:
        arn = client.create_channel(name="cam-1")["channel"]["arn"]
    finally:
        mock.stop(remove_data=False)
    call = ivs_calls(client, arn)[operation]
    return Contender("moto", call, max(calls // 10, 30), moto_active(mock))


def _race_row(
    row: Callable[..., None],
    label: str,
    floor: Contender,
    fake: Contender,
    moto: Contender | None,
    batches: int,
    spreads: dict[str, list[float]],
) -> None:
    """Race the floor, the fake and moto (where it has the operation); print their row."""
    race([floor, fake] if moto is None else [floor, fake, moto], batches)
    f, k = floor.best, fake.best
    m = moto.best if moto else None
    row(
        label,
        f"{f:.1f}",
        f"{k:.1f}",
        f"{k / f:.2f}x",
        f"{k - f:.1f}",
        f"{m:.0f}" if m else "n/a",
        f"{m / k:.1f}x" if m else "n/a",
    )
    for contender in (floor, fake, moto):
        if contender is not None:
            spreads.setdefault(contender.name, []).append(_spread(contender))


def section_calls(settings: Settings) -> None:
    # Imported before any client is made, so every client carries moto's (inert) handler.
    mock = _moto_mock()
    spreads: dict[str, list[float]] = {}
    with table(f"per call (us), best of {settings.batches} alternating batches") as row:
        row("operation", "floor", "fake", "fake/floor", "fake own", "moto", "moto/fake")
        for operation in CANNED:
            kvs = KvsFake(instant=True)
            fake_client = _client()
            with kvs:
                fake_client.create_signaling_channel(ChannelName="cam-1")
                fake_client.create_stream(StreamName="cam-1")
            floor = Contender(
                "floor",
                channel_calls(_floor_client())[operation],
                settings.calls,
                not_serving(kvs),
            )
            fake = Contender(
                "fake", channel_calls(fake_client)[operation], settings.calls, serving(kvs)
            )
            moto = _moto_contender(mock, operation, settings.calls)
            _race_row(row, operation, floor, fake, moto, settings.batches, spreads)
        for operation in IVS_CANNED:
            kvs = KvsFake(instant=True)
            fake_client = _client("ivs")
            with kvs:
                arn = fake_client.create_channel(name="cam-1")["channel"]["arn"]
            floor = Contender(
                "floor",
                ivs_calls(_floor_client("ivs"), IVS_CHANNEL_ARN)[operation],
                settings.calls,
                not_serving(kvs),
            )
            fake = Contender(
                "fake", ivs_calls(fake_client, arn)[operation], settings.calls, serving(kvs)
            )
            moto = _moto_ivs_contender(mock, operation, settings.calls)
            _race_row(row, f"ivs {operation}", floor, fake, moto, settings.batches, spreads)
    print("  fake own = fake best - floor best: what the fake itself adds to a call.")
    print("  Update* is measured with the describe that reads its Version; moto has no update.")
    print("  moto* for channel operations: moto has no signaling channels; its stream")
    print("  operations of the same kind stand in. Stream rows compare like for like.")
    if mock is None:
        print("  moto is not installed: pip install -e '.[bench]'")
    worst = ", ".join(f"{name} {max(values):.2f}" for name, values in spreads.items())
    print(f"  median batch / best batch, worst row: {worst}")


# -- fake lifecycle --------------------------------------------------------------------------


def section_lifecycle(settings: Settings) -> None:
    def enter_exit() -> None:
        with KvsFake():
            pass

    def floor_cycle() -> None:
        _floor_client().list_signaling_channels()

    def fake_cycle() -> None:
        with KvsFake():
            _client().list_signaling_channels()

    lifecycle = Contender("enter+exit", enter_exit, settings.calls)
    race([lifecycle], settings.batches)
    cycles = max(settings.calls // 600, 2)
    floor = Contender("floor", floor_cycle, cycles)
    fake = Contender("fake", fake_cycle, cycles)
    race([floor, fake], settings.batches)
    with table(f"fake lifecycle, best of {settings.batches} (alternating) batches") as row:
        row("KvsFake() enter+exit", f"{lifecycle.best:.1f} us")
        row("test cycle: new client + call", f"{floor.best / 1000:.1f} ms", "(floor)")
        row("test cycle: fake + new client + call", f"{fake.best / 1000:.1f} ms")
        row("  the fake's share", f"{(fake.best - floor.best) / 1000:+.2f} ms")


# -- paging ----------------------------------------------------------------------------------


def section_paging(settings: Settings) -> None:
    calls = max(settings.calls // 30, 10)
    with table(
        f"ListSignalingChannels, 100 per page (us), best of {settings.batches} alternating batches"
    ) as row:
        row("channels stored", "first page", "last page", "last/first")
        for store in (100, 1000, 10000):
            client = _client()
            kvs = KvsFake(instant=True)
            with kvs:
                for i in range(store):
                    client.create_signaling_channel(ChannelName=f"c{i:05d}")
                token = None
                for page in client.get_paginator("list_signaling_channels").paginate(
                    PaginationConfig={"PageSize": 100}
                ):
                    token = page.get("NextToken") or token
            last_page = {"NextToken": token} if token else {}
            list_page = client.list_signaling_channels
            first = Contender("first", partial(list_page, MaxResults=100), calls, serving(kvs))
            last = Contender(
                "last", partial(list_page, MaxResults=100, **last_page), calls, serving(kvs)
            )
            race([first, last], settings.batches)
            row(
                str(store),
                f"{first.best:.0f}",
                f"{last.best:.0f}",
                f"{last.best / first.best:.2f}x",
            )


# -- start-up --------------------------------------------------------------------------------

PROJECTS = {
    "test module without boto3": "def test_x():\n    assert 1\n",
    "test module importing boto3": "import boto3\n\n\ndef test_x():\n    assert 1\n",
}


def _env() -> dict[str, str]:
    """The caller's environment without anything that steers pytest."""
    return {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}


def _run(args: Sequence[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *args], cwd=cwd, env=_env(), capture_output=True, text=True, check=False
    )
    elapsed = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        raise RuntimeError(f"{args} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return elapsed, done


def _pytest(project: Path, *extra: str) -> list[str]:
    return ["-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:xdist", *extra, str(project)]


def startup_ms(project: Path, pairs: int) -> tuple[list[float], list[float]]:
    """Wall time of fresh pytest runs without and with the plugin, in alternating pairs."""
    without_args, with_args = _pytest(project, "-p", "no:kvsivs"), _pytest(project)
    # Warm-up (bytecode, file cache) that also checks the plugin is on in one and off in the other.
    _, fixtures = _run([*with_args, "--fixtures"], project)
    _, no_fixtures = _run([*without_args, "--fixtures"], project)
    assert "kvs_fake" in fixtures.stdout
    assert "kvs_fake" not in no_fixtures.stdout
    without: list[float] = []
    with_plugin: list[float] = []
    for i in range(pairs):
        order = [(without_args, without), (with_args, with_plugin)]
        for args, samples in order if i % 2 == 0 else order[::-1]:
            samples.append(_run(args, project)[0])
    return without, with_plugin


def importtime_ms(cwd: Path, runs: int) -> list[tuple[int, str, float]]:
    """Best cumulative import time of the top-level ``pytest_kvsivs`` entries of
    ``python -X importtime -c "import pytest_kvsivs.plugin"``, and their direct children."""
    best: dict[tuple[int, str], float] = {}
    order: list[tuple[int, str]] = []
    _run(["-c", "import pytest_kvsivs.plugin"], cwd)  # warm-up
    for _ in range(runs):
        _, done = _run(["-X", "importtime", "-c", "import pytest_kvsivs.plugin"], cwd)
        entries: list[tuple[int, str, float]] = []
        for line in done.stderr.splitlines():
            parts = line.split("|")
            if len(parts) != 3 or not parts[1].strip().isdigit():
                continue
            label = parts[2][1:]
            depth = (len(label) - len(label.lstrip(" "))) // 2
            entries.append((depth, label.strip(), int(parts[1]) / 1000))
        # importtime prints a module after its children: collect each group's children.
        children: list[tuple[int, str, float]] = []
        for depth, name, cumulative in entries:
            if depth == 1:
                children.append((depth, name, cumulative))
            if depth != 0:
                continue
            if name.split(".")[0] == "pytest_kvsivs":
                for key_depth, key_name, value in [(depth, name, cumulative), *children]:
                    key = (key_depth, key_name)
                    if key not in best:
                        order.append(key)
                    best[key] = min(best.get(key, math.inf), value)
            children = []
    return [(depth, name, best[(depth, name)]) for depth, name in order]


def section_startup(settings: Settings) -> None:
    with tempfile.TemporaryDirectory(prefix="kvsivs-bench-") as tmp:
        root = Path(tmp)
        with table(
            f"pytest start-up, fresh processes, {settings.pairs} alternating pairs (ms)"
        ) as row:
            row("project", "no:kvsivs", "plugin", "difference", "paired")
            for label, source in PROJECTS.items():
                project = root / label.replace(" ", "_")
                project.mkdir()
                (project / "pytest.ini").write_text("")
                (project / "test_x.py").write_text(source)
                without, with_plugin = startup_ms(project, settings.pairs)
                a, b = statistics.median(without), statistics.median(with_plugin)
                paired = statistics.median(w - o for w, o in zip(with_plugin, without, strict=True))
                row(label, f"{a:.0f}", f"{b:.0f}", f"{b - a:+.0f}", f"{paired:+.0f}")
            print("  medians; difference = plugin - no:kvsivs; paired = median of the")
            print("  per-pair differences. Command: python -m pytest -q -p no:randomly")
            print("  -p no:xdist <project> [-p no:kvsivs]; each project has an empty pytest.ini.")
        runs = 3 if settings.pairs < 10 else 5
        with table(
            f'python -X importtime -c "import pytest_kvsivs.plugin", best of {runs} (ms)'
        ) as row:
            for depth, name, cumulative in importtime_ms(root, runs):
                row("  " * depth + name, f"{cumulative:.1f}")
        probe = "import sys, pytest_kvsivs.plugin; print('botocore' in sys.modules)"
        loaded = _run(["-c", probe], root)[1].stdout.strip()
        print(f"  botocore in sys.modules after import pytest_kvsivs.plugin: {loaded}")


# -- data plane (issue 11) -------------------------------------------------------------------

DATAPLANE_CANNED: dict[str, dict[str, Any]] = {}
"""What the floor answers for the data-plane rows: filled, before the race, with answers of
the same size as the fake's (a page of 100 fragments, 25 JPEG images)."""
STORED = (1_000, 100_000)
"""Fragments stored in the stream for each pair of rows: the cost must follow the page."""


def _archived(kvs: KvsFake, api: str) -> Any:
    with kvs:
        url = _client().get_data_endpoint(StreamName="cam-1", APIName=api)["DataEndpoint"]
    return botocore.session.Session().create_client(
        "kinesis-video-archived-media",
        region_name="us-west-2",
        endpoint_url=url,
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="secret",
    )


def dataplane_calls(client: Any, now: datetime) -> dict[str, Callable[[], object]]:
    """ListFragments: the 100 fragments of the last 200 s; GetImages: 25 images, 200 ms apart."""
    listed = {"StartTimestamp": now - timedelta(seconds=200), "EndTimestamp": now}
    images = {"StartTimestamp": now - timedelta(seconds=5), "EndTimestamp": now}
    return {
        "ListFragments": lambda: client.list_fragments(
            StreamName="cam-1",
            MaxResults=100,
            FragmentSelector={"FragmentSelectorType": "SERVER_TIMESTAMP", "TimestampRange": listed},
        ),
        "GetImages": lambda: client.get_images(
            StreamName="cam-1",
            ImageSelectorType="SERVER_TIMESTAMP",
            SamplingInterval=200,
            Format="JPEG",
            **images,
        ),
    }


def _stored_fake(fragments: int) -> tuple[KvsFake, datetime]:
    kvs = KvsFake(instant=True)
    with kvs:
        _client().create_stream(StreamName="cam-1", DataRetentionInHours=24 * 30)
        kvs.put_media("cam-1", duration=2.0 * fragments)
        return kvs, kvs.now()


def section_dataplane(settings: Settings) -> None:
    calls = max(settings.calls // 30, 20)
    with table(f"data plane per call (us), best of {settings.batches} alternating batches") as row:
        row("operation (fragments stored)", "floor", "fake", "fake/floor", "fake own")
        for stored in STORED:
            kvs, now = _stored_fake(stored)
            for operation in ("ListFragments", "GetImages"):
                api = "LIST_FRAGMENTS" if operation == "ListFragments" else "GET_IMAGES"
                fake_call = dataplane_calls(_archived(kvs, api), now)[operation]
                with kvs:
                    answer: dict[str, Any] = fake_call()  # type: ignore[assignment]
                DATAPLANE_CANNED[operation] = {
                    k: v for k, v in answer.items() if k != "ResponseMetadata"
                }
                floor_client = _floor_client("kinesis-video-archived-media")
                floor = Contender(
                    "floor", dataplane_calls(floor_client, now)[operation], calls, not_serving(kvs)
                )
                fake = Contender("fake", fake_call, calls, serving(kvs))
                race([floor, fake], settings.batches)
                f, k = floor.best, fake.best
                label = f"{operation} ({stored:,})"
                row(label, f"{f:.1f}", f"{k:.1f}", f"{k / f:.2f}x", f"{k - f:.1f}")
    print("  ListFragments: a page of 100 (MaxResults 100); GetImages: 25 JPEG images of the")
    print("  1280x720 default frame. The floor answers the fake's own answer, canned.")


# -- main ------------------------------------------------------------------------------------


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown cpu"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--section", choices=(*SECTIONS, "all"), default="all")
    parser.add_argument("--calls", type=int, default=3000, help="calls per batch")
    parser.add_argument("--batches", type=int, default=15, help="measured batches of each")
    parser.add_argument("--pairs", type=int, default=10, help="start-up process pairs")
    parser.add_argument("--quick", action="store_true", help="fewer calls, for a smoke run")
    args = parser.parse_args()
    settings = (
        Settings(calls=300, batches=7, pairs=4)
        if args.quick
        else Settings(calls=args.calls, batches=args.batches, pairs=args.pairs)
    )
    print(
        f"python {platform.python_version()}, botocore {botocore.__version__}, "
        f"boto3 {_version('boto3')}, moto {_version('moto')}, "
        f"pytest-kvsivs {_version('pytest-kvsivs')}"
    )
    print(
        f"{platform.system()} {platform.release()} {platform.machine()}, {_cpu()}, "
        f"{os.cpu_count()} cpus; {settings.calls} calls per batch, "
        f"{settings.batches} batches, {settings.pairs} start-up pairs"
    )
    run = {
        "calls": section_calls,
        "startup": section_startup,
        "lifecycle": section_lifecycle,
        "paging": section_paging,
        "dataplane": section_dataplane,
    }
    for name in SECTIONS if args.section == "all" else (args.section,):
        run[name](settings)


if __name__ == "__main__":
    main()
