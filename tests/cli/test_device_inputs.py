"""Devices as inputs: /dev/null ends at once, /dev/zero never does; neither may hang or mislead."""

from __future__ import annotations

import os

import pytest
from cli_runner import B, assert_one_line, run_cli, run_storydiff


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_dev_null_as_an_input_is_empty_not_a_hang() -> None:
    """/dev/null is a device that ends at once: it used to be polled for ever, spinning a core."""
    done = run_storydiff(["compare", "--timeout", "2", "/dev/null", str(B)])
    assert_one_line(done.returncode, done.stderr, "it is empty")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_an_endless_device_is_not_told_to_raise_the_limit(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["compare", "/dev/zero", str(B)], capsys)
    assert_one_line(code, err, "it is a device and gave more than the 2 MB limit without ending")
    assert "--max-size" not in err
