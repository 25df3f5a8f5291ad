"""Option values that used to reach the system or Dask unchecked, and ended in tracebacks."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_runner import DATA, A, B, assert_one_line, run_cli


@pytest.mark.parametrize("value", ["inf", "1e300", "3601"])
def test_a_timeout_past_an_hour_is_a_usage_error(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    """An infinite --timeout used to reach poll() and httpx and end in a traceback."""
    code, _, err = run_cli(["compare", "--timeout", value, str(A), str(B)], capsys)
    assert_one_line(code, err, "must be at most 3600 seconds")


@pytest.mark.parametrize("address", ["junk", "tcp://host-without-port", "tcp://h:99999", "h:1x"])
def test_a_malformed_scheduler_address_is_a_usage_error(
    address: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Dask would fail on it only after a 20-second wait, with two tracebacks."""
    code, _, err = run_cli(["corpus", str(DATA), "-o", str(tmp_path / "out"), "--scheduler", address], capsys)
    assert_one_line(code, err, "not a scheduler address")
    assert not (tmp_path / "out").exists()
