"""`storydiff corpus INPUT... -o OUT`: every story told by several outlets in a collection of articles.

`OUT` is a directory: it holds the checkpoints of each stage (so an
interrupted run resumes and a re-run does no repeated work) and the outputs:
``corpus.json`` (schema ``storydiff/corpus/v1``), ``report.html`` and, when
asked, ``pairs.csv`` or ``pairs.parquet``.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any
from urllib.parse import urlsplit

from ..render.summary import plural
from ._common import add_input_options, fraction, max_bytes, terminal_safe, write_stdout
from ._parsing import add_command, add_flags

__all__ = ["add_parser", "run"]


def _positive_fraction(value: str) -> float:
    return fraction(value, low_open=True)


def _count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _scheduler(value: str) -> str:
    """A Dask scheduler's address, ``tcp://HOST:PORT`` (or ``HOST:PORT``, ``tls://…``), checked before any work:
    Dask itself would fail on a malformed one after its 20-second connection timeout, with a traceback."""
    parts = urlsplit(value if "://" in value else f"tcp://{value}")
    try:
        port = parts.port
    except ValueError:
        port = None
    if parts.scheme == "inproc" or (parts.hostname and port is not None):
        return value
    raise argparse.ArgumentTypeError(
        f"not a scheduler address: {value!r}; give tcp://HOST:PORT (the default is $DASK_SCHEDULER_ADDRESS)"
    )


def add_parser(sub: Any) -> None:
    """Register the `corpus` subcommand."""
    from ..corpus_engine import CorpusOptions

    parser = add_command(
        sub,
        "corpus",
        "find every story told by several articles of a corpus",
        "Find which articles of a corpus tell the same story (MinHash LSH candidates, verified by shingle "
        "containment, grouped around a core version that every member matches, so that stories of one "
        "event sharing background paragraphs stay apart), group the stories into events, and align each "
        "article with its story's core sentence by sentence. "
        "Runs on all local cores, or on a Dask cluster with --scheduler.",
    )
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="directories of .txt/.md/.html/.json/.jsonl articles, files, or quoted glob patterns",
    )
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="output directory: checkpoints, corpus.json, report.html (re-running resumes there)",
    )
    parser.add_argument(
        "--pairs",
        choices=("csv", "parquet"),
        help="also write the aligned pairs as OUT/pairs.csv or OUT/pairs.parquet",
    )
    add_flags(
        parser,
        {
            "--no-report": "do not write OUT/report.html",
            "--force": "replace a storydiff run over a different set of inputs found in OUT "
            "(only its own files are removed)",
        },
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        type=_scheduler,
        default=os.environ.get("DASK_SCHEDULER_ADDRESS") or None,
        help="run on the Dask cluster at tcp://HOST:PORT (default: $DASK_SCHEDULER_ADDRESS, else locally)",
    )
    parser.add_argument("--workers", type=_count, metavar="N", help="local processes (default: all cores)")
    parser.add_argument(
        "--min-containment",
        type=_positive_fraction,
        default=CorpusOptions.min_containment,
        metavar="X",
        help=(
            "link two articles when this share of the smaller one's 5-word shingles is in the other "
            f"(default {CorpusOptions.min_containment})"
        ),
    )
    parser.add_argument(
        "--lsh-threshold",
        type=_positive_fraction,
        default=CorpusOptions.lsh_threshold,
        metavar="X",
        help=f"Jaccard level the MinHash LSH search is tuned to find (default {CorpusOptions.lsh_threshold})",
    )
    parser.add_argument(
        "--all-pairs",
        action="store_true",
        help=(
            "align every pair of articles of a story of up to "
            f"{CorpusOptions.max_all_pairs} articles, not just each one with the story's core "
            "(cost: the square of the story's size)"
        ),
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    add_input_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run the stages, write the outputs, print a summary; warn about skipped inputs."""
    from ..corpus_engine import corpus
    from ..corpus_engine.pipeline import describe_problems
    from ..render.corpus import write_outputs

    result = corpus(
        args.inputs,
        output=args.output,
        engine="dask" if args.scheduler else "local",
        scheduler=args.scheduler,
        workers=args.workers,
        force=args.force,
        progress=False if args.quiet else None,  # None: bars when standard error is a terminal
        min_containment=args.min_containment,
        lsh_threshold=args.lsh_threshold,
        all_pairs=args.all_pairs,
        max_bytes=max_bytes(args),
    )
    written = write_outputs(result, args.output, pairs=args.pairs, report=not args.no_report)
    if result.problems:
        print(terminal_safe(f"storydiff: warning: {describe_problems(result.problems)}"), file=sys.stderr)
    summary = result.summary
    lines = [
        f"{plural(summary['articles'], 'article')}, {plural(summary['clusters'], 'story', 'stories')} told more "
        f"than once ({plural(summary['articles_in_clusters'], 'article')}"
        f"{', ' + plural(summary['events'], 'event') + ' of several' if summary.get('events') else ''}), "
        f"{plural(summary['pairs'], 'aligned pair')} in {summary['stages']['total']['seconds']:.1f} s "
        f"({summary['engine']})",
        *(f"wrote {path}" for path in written),
    ]
    if sys.stdout is not None:  # closed standard output: the files are written, and that is what counts
        write_stdout("\n".join(lines) + "\n")
    return 0
