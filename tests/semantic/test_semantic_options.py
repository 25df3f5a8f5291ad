"""`method=`: checked without the semantic extra, so these run everywhere."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from compare import compare
from compare.cli import main
from compare.errors import OptionError

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

# The package that ships the embedding table made unimportable, as it is where the extra was never installed.
_WITHOUT_EXTRA = "import sys; sys.modules['wordllama'] = None\n"


def test_an_unknown_method_is_refused_with_the_choices() -> None:
    with pytest.raises(OptionError, match=r"unknown method 'nonsense': use one of lexical, semantic"):
        compare("The cat sat.", "The cat sat.", method="nonsense")


def test_the_default_method_is_lexical_and_recorded() -> None:
    result = compare("The cat sat.", "The cat sat down.")
    assert result.options["method"] == "lexical"
    assert result.to_dict()["options"]["method"] == "lexical"


def test_cli_refuses_an_unknown_method(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["compare", str(SAMPLES / "seed-bbc.txt"), str(SAMPLES / "wire.txt"), "--method", "nonsense"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'nonsense'" in capsys.readouterr().err


def test_without_the_extra_the_api_says_how_to_install_it() -> None:
    code = _WITHOUT_EXTRA + (
        "from compare import compare\n"
        "from compare.errors import OptionError\n"
        "try:\n"
        "    compare('The cat sat.', 'A feline rested.', method='semantic')\n"
        "except OptionError as error:\n"
        "    print(error)\n"
        "print(compare('The cat sat.', 'The cat sat.').groups[0].kind)\n"  # the lexical method still works
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    message, kind = done.stdout.strip().splitlines()
    assert "pip install 'storydiff[semantic]'" in message
    assert message.endswith("missing: wordllama")  # what is really missing, and nothing about torch
    assert "torch" not in message.lower()
    assert kind == "identical"


def test_without_the_extra_the_cli_prints_one_line_and_exits_2() -> None:
    code = _WITHOUT_EXTRA + "from compare.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    argv = ["compare", str(SAMPLES / "seed-bbc.txt"), str(SAMPLES / "wire.txt"), "--method", "semantic"]
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("storydiff: method='semantic' needs")
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["report", str(SAMPLES / "seed-bbc.txt"), str(SAMPLES / "wire.txt"), "-o", "-", "-f", "json"],
        ["tui", str(SAMPLES / "seed-bbc.txt")],  # the picker would fail only once both files were chosen
    ],
)
def test_without_the_extra_report_and_tui_say_so_before_any_work(argv: list[str]) -> None:
    code = _WITHOUT_EXTRA + "from compare.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    done = subprocess.run(
        [sys.executable, "-c", code, *argv, "--method", "semantic"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("storydiff: method='semantic' needs")
