"""The AWS CLI (v1) in-process: it installs its own timestamp parser in the session's
response parser factory, and prints what the service's wire values make it print."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from freezegun import freeze_time

clidriver = pytest.importorskip("awscli.clidriver")

CREATED = datetime(2026, 11, 25, 3, 9, 29, 104_000, tzinfo=timezone.utc)


@pytest.fixture
def aws(monkeypatch, tmp_path, capsys):
    """``aws(*args)`` -> what the CLI printed; config in a file of this test's own."""
    config = tmp_path / "config"
    config.write_text("[default]\nregion = us-west-2\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "secret")

    def run(*args: str, timestamp_format: str | None = None) -> str:
        if timestamp_format is not None:
            config.write_text(
                f"[default]\nregion = us-west-2\ncli_timestamp_format = {timestamp_format}\n"
            )
        capsys.readouterr()
        assert clidriver.create_clidriver().main(list(args)) == 0
        return capsys.readouterr().out

    return run


@pytest.mark.kvs_fake(instant=True)
@pytest.mark.parametrize(
    ("timestamp_format", "printed"),
    [
        (None, "1795576169.104\n"),  # the CLI's default: the wire value, as from AWS
        ("iso8601", '"2026-11-25T03:09:29.104000+00:00"\n'),
    ],
)
def test_describe_stream_prints_timestamps_as_the_cli_is_configured(aws, timestamp_format, printed):
    with freeze_time(CREATED):
        aws("kinesisvideo", "create-stream", "--stream-name", "cam")
    out = aws(
        "kinesisvideo", "describe-stream", "--stream-name", "cam", "--query",
        "StreamInfo.CreationTime", timestamp_format=timestamp_format,
    )  # fmt: skip
    assert out == printed


@pytest.mark.kvs_fake(instant=True)
def test_cli_errors_are_the_modeled_ones(aws, capsys):
    capsys.readouterr()
    assert (
        clidriver.create_clidriver().main(
            ["kinesisvideo", "describe-stream", "--stream-name", "missing"]
        )
        == 255
    )  # the CLI v1's code for a service error
    assert capsys.readouterr().err == (
        "\nAn error occurred (ResourceNotFoundException) when calling the DescribeStream "
        "operation: The requested stream is not found or not active.\n"
    )
