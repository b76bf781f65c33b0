"""IVS resources of one account and region, and the fake's IVS controls."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...options import FakeOptions
from ..store import IdStore
from .resources import Record, StreamSession


@dataclass(slots=True)
class IvsControls:
    """The IVS simulation controls of one fake (every account and region)."""

    bucket_regions: dict[str, str] = field(default_factory=dict)
    """Where S3 buckets live (``KvsFake.set_bucket_region``); a bucket not named here is in
    the region of the configuration that names it."""

    @classmethod
    def of(cls, options: FakeOptions) -> IvsControls:
        return cls()


class IvsState:
    def __init__(self, controls: IvsControls) -> None:
        self.controls = controls
        self.channels: IdStore[Record] = IdStore()
        self.stream_keys: IdStore[Record] = IdStore()
        """Add and remove keys with :meth:`add_stream_key` / :meth:`remove_stream_key`."""
        self._key_of_channel: dict[str, str] = {}
        """The ARN of each channel's stream key, by channel ARN (keys' ``channelArn``)."""
        self.recording_configurations: IdStore[Record] = IdStore()
        self.playback_key_pairs: IdStore[Record] = IdStore()
        self.playback_restriction_policies: IdStore[Record] = IdStore()
        self.ad_configurations: IdStore[Record] = IdStore()
        self.failover_slates: IdStore[Record] = IdStore()
        self.live: dict[str, StreamSession] = {}
        """The live broadcast of each channel that has one, by channel ARN."""
        self.sessions: dict[str, list[StreamSession]] = {}
        """Every stream session of each channel, oldest first, by channel ARN."""
        self.metadata_times: dict[str, list[float]] = {}
        """When PutMetadata was accepted, per channel ARN (its 5-per-second limit)."""

    def stores(self) -> tuple[IdStore[Record], ...]:
        """Every store of taggable resources."""
        return (
            self.channels,
            self.stream_keys,
            self.recording_configurations,
            self.playback_key_pairs,
            self.playback_restriction_policies,
            self.ad_configurations,
            self.failover_slates,
        )

    def tagged(self, arn: str) -> Record | None:
        """The resource an ARN names in this account and region, whatever its kind."""
        for store in self.stores():
            found = store.get(arn)
            if found is not None:
                return found
        return None

    def add_stream_key(self, key: Record) -> None:
        """Store a channel's new stream key (the channel has none)."""
        self.stream_keys.add(key)
        self._key_of_channel[key.body["channelArn"]] = key.arn

    def remove_stream_key(self, key: Record) -> None:
        """Delete a stream key (DeleteStreamKey, DeleteChannel)."""
        self.stream_keys.remove(key.arn)
        if self._key_of_channel.get(key.body["channelArn"]) == key.arn:
            del self._key_of_channel[key.body["channelArn"]]

    def stream_key_of(self, channel_arn: str) -> Record | None:
        """The channel's stream key (a channel has at most one)."""
        key_arn = self._key_of_channel.get(channel_arn)
        return None if key_arn is None else self.stream_keys.get(key_arn)

    def settle(self, now: float) -> None:
        for store in self.stores():
            for record in store.values():
                if record.timeline is not None:
                    record.timeline.settle(now)
