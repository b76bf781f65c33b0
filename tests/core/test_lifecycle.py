"""Timelines: status read from timestamps; history does not accumulate."""

from __future__ import annotations

from pytest_kvsivs.lifecycle import GONE, Timeline


def test_status_walks_the_steps_and_settle_pulls_them_to_now():
    timeline = Timeline.starting(0.0, "CREATING")
    timeline.then(0.0, [("CREATING", 2.0), ("ACTIVE", 0.0)])
    assert [timeline.status_at(t) for t in (0.0, 1.999, 2.0, 99.0)] == [
        "CREATING",
        "CREATING",
        "ACTIVE",
        "ACTIVE",
    ]
    timeline.then(10.0, [("DELETING", 3.0), (GONE, 0.0)])
    assert timeline.pending(10.0)
    timeline.settle(10.5)
    assert timeline.status_at(10.5) == GONE
    assert not timeline.pending(10.5)


def test_many_transitions_keep_the_timeline_short():
    timeline = Timeline.starting(0.0, "ACTIVE")
    for i in range(1000):
        timeline.then(float(i), [("UPDATING", 0.5), ("ACTIVE", 0.0)])
    assert timeline.steps == [(998.5, "ACTIVE"), (999.0, "UPDATING"), (999.5, "ACTIVE")]


def test_a_time_before_the_first_step_reads_the_first_status():
    # The clock can be moved back (freezegun's move_to): nothing before creation is invented.
    timeline = Timeline([(10.0, "CREATING"), (15.0, "ACTIVE")])
    assert [timeline.status_at(t) for t in (5.0, 10.0, 14.9, 15.0)] == [
        "CREATING",
        "CREATING",
        "CREATING",
        "ACTIVE",
    ]
    assert Timeline.starting(10.0, "ACTIVE").status_at(0.0) == "ACTIVE"
