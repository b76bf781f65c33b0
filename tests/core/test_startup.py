"""What every pytest run pays for the plugin: nothing heavy at import, botocore hooked the
moment it is imported, and never an error that is not the fake's user's."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from pytest_kvsivs.model import SERVICES, service_model
from pytest_kvsivs.names import EVENT_NAMES


def _mutmut() -> dict[str, str]:
    """Under mutmut (docs/testing.md), the fresh process runs the mutant too."""
    if os.environ.get("MUTANT_UNDER_TEST") in (None, "", "stats"):
        return {}
    return {name: os.environ[name] for name in ("MUTANT_UNDER_TEST", "PYTHONPATH")}


def _run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=False,
        env={"AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "b", "PATH": "", **_mutmut()},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize("service", SERVICES)
def test_event_names_are_the_installed_models_service_ids(service):
    assert EVENT_NAMES[service] == service_model(service).service_id.hyphenize()


def test_importing_the_plugin_imports_neither_botocore_nor_the_fake():
    out = _run(
        """
        import sys
        import pytest_kvsivs.plugin
        heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("botocore", "boto3",
                       "jsonschema") or m in ("pytest_kvsivs.fake", "pytest_kvsivs.model"))
        print(heavy)
        """
    )
    assert out == "[]"


def test_botocore_imported_after_the_plugin_is_hooked_the_moment_it_is_imported():
    out = _run(
        """
        import sys
        import pytest_kvsivs.plugin
        from pytest_kvsivs import hook
        watching = any(isinstance(f, hook._BotocoreWatcher) for f in sys.meta_path)
        import boto3  # imports botocore.handlers
        import botocore.handlers
        registered = [spec[0] for spec in botocore.handlers.BUILTIN_HANDLERS
                      if getattr(spec[1], "__module__", "") == "pytest_kvsivs.hook"]
        still = any(isinstance(f, hook._BotocoreWatcher) for f in sys.meta_path)
        loader = type(botocore.handlers.__loader__).__name__
        client = boto3.client("kinesisvideo", region_name="us-west-2")
        from pytest_kvsivs import KvsFake
        with KvsFake(instant=True) as fake:
            client.create_signaling_channel(ChannelName="cam")
        print(watching, len(registered), registered[:3], still, loader, len(fake.calls))
        """
    )
    assert out == (
        "True 18 ['creating-client-class.kinesis-video', 'before-parameter-build.kinesis-video',"
        " 'before-call.kinesis-video'] False SourceFileLoader 1"
    )


def test_botocore_imported_before_the_plugin_is_hooked_at_once():
    out = _run(
        """
        import sys
        import boto3
        boto3.setup_default_session()
        import pytest_kvsivs
        from pytest_kvsivs import KvsFake, NotServedError, hook
        client = boto3.client("ivs", region_name="us-west-2")  # the pre-existing session's
        watching = any(isinstance(f, hook._BotocoreWatcher) for f in sys.meta_path)
        with KvsFake() as fake:
            try:
                client.list_channels()
            except NotServedError:
                pass
        print(watching, [(c.service, c.operation) for c in fake.calls])
        """
    )
    assert out == "False [('ivs', 'ListChannels')]"
