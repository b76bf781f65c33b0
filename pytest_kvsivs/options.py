"""The settings of one fake, as one object: what ``KvsFake(...)`` takes and what the
``kvs_fake`` fixture builds from the ini options, the command line and the markers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from .names import DEFAULT_ACCOUNT_ID


@dataclass(frozen=True)
class FakeOptions:
    """How a :class:`~pytest_kvsivs.KvsFake` behaves (every field is a ``KvsFake`` keyword
    and a ``@pytest.mark.kvs_fake(...)`` option)."""

    account_id: str = DEFAULT_ACCOUNT_ID
    """The account calls act as (``as_account`` switches it for a block)."""
    instant: bool = False
    """Every asynchronous transition completes at once."""
    delays: Mapping[str, float] | None = None
    """Seconds per transitional status, by delay name (see docs/behaviour.md)."""
    seed: int | None = None
    """Seed of the fake's randomness (versions, ids): the same calls mint the same values."""
    check_responses: bool = False
    """Check every response against the output shape and botocore's parser (fake authors)."""
    signaling_channel_limit: int | None = None
    """Signaling channels an account may hold (ResourceLimitExceeded past it); None: no limit."""
    stream_limit: int | None = None
    """Streams an account may hold (AccountStreamLimitExceeded past it); None: no limit."""
    assert_all_injected_used: bool = True
    """An injected error that answered no call fails the test (``inject_error``)."""
    world: str | Mapping[str, Any] | None = None
    """Resources to start with: a world dict or the path of a world JSON file
    (``KvsFake.load``); ``reset()`` goes back to it."""

    def __post_init__(self) -> None:
        check_account_id(self.account_id)

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    def updated(self, changes: Mapping[str, Any], *, source: str = "KvsFake") -> FakeOptions:
        """These options with ``changes`` applied; an unknown name is a TypeError naming the
        known ones."""
        unknown = sorted(set(changes) - set(self.names()))
        if unknown:
            raise TypeError(
                f"{source} got unknown option(s) {', '.join(unknown)}; "
                f"known options: {', '.join(self.names())}"
            )
        return replace(self, **changes)


def check_account_id(account_id: object) -> None:
    if not (isinstance(account_id, str) and len(account_id) == 12 and account_id.isdigit()):
        raise ValueError(f"an AWS account id is 12 digits, got {account_id!r}")
