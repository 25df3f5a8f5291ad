"""`compare(a, b, method="semantic")` with the real bundled embeddings (skipped without the extra)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from compare import compare
from compare.cli import main

_MISSING = "the semantic extra is not installed: pip install 'storydiff[semantic]'"
for _module in ("wordllama", "tokenizers", "safetensors"):
    if importlib.util.find_spec(_module) is None:
        pytest.skip(f"{_MISSING} (no {_module})", allow_module_level=True)

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

# Same meaning, no content word in common (only 'the'/'a').
DOCTOR_A = ["The physician examined the youngster.", "Stocks fell sharply on Monday."]
DOCTOR_B = ["A doctor checked the child.", "The weather will be sunny tomorrow."]


def pairs(result: object) -> set[tuple[int, int]]:
    return {(i, j) for g in result.groups for i in g.a for j in g.b}  # type: ignore[attr-defined]


def test_a_paraphrase_without_shared_words_aligns_semantically_but_not_lexically() -> None:
    assert pairs(compare(DOCTOR_A, DOCTOR_B, facts=False)) == set()
    semantic = compare(DOCTOR_A, DOCTOR_B, facts=False, method="semantic")
    assert pairs(semantic) == {(0, 0)}  # the unrelated second sentences stay apart
    assert [g.kind for g in semantic.groups if g.a == (0,)] == ["modified"]
    assert semantic.options["method"] == "semantic"


def test_a_single_sentence_each_side_is_enough() -> None:
    # No neighbours to measure the cosine against: missing ones count as unrelated.
    result = compare(["The physician examined the youngster."], ["A doctor checked the child."], method="semantic")
    assert pairs(result) == {(0, 0)}


def test_unrelated_sentences_stay_unaligned() -> None:
    a = ["The orchestra rehearsed a new symphony.", "Volcanic ash grounded flights across Europe."]
    b = ["Tax returns are due at the end of April.", "The striker scored twice in the second half."]
    assert pairs(compare(a, b, method="semantic", facts=False)) == set()


def test_a_text_against_itself_is_all_identical() -> None:
    result = compare(SAMPLES / "seed-bbc.txt", SAMPLES / "seed-bbc.txt", method="semantic")
    assert {g.kind for g in result.groups} == {"identical"}
    assert result.scores["overlap_a_in_b"] == 1.0


def test_swapping_the_sides_mirrors_the_alignment() -> None:
    seed, rewrite = SAMPLES / "seed-bbc.txt", SAMPLES / "opinion-rewrite.txt"
    forward = pairs(compare(seed, rewrite, method="semantic", facts=False))
    backward = pairs(compare(rewrite, seed, method="semantic", facts=False))
    assert forward == {(j, i) for i, j in backward}
    assert forward


def test_the_semantic_method_keeps_what_the_lexical_one_finds_on_a_close_rewrite() -> None:
    seed, wire = SAMPLES / "seed-bbc.txt", SAMPLES / "wire.txt"
    assert pairs(compare(seed, wire, facts=False)) <= pairs(compare(seed, wire, method="semantic", facts=False))


def test_cli_method_semantic_writes_it_into_the_json(tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    code = main(["compare", *(str(SAMPLES / n) for n in ("seed-bbc.txt", "wire.txt")), "--method", "semantic",
                 "-f", "json", "-o", str(out)])  # fmt: skip
    assert code == 0
    assert json.loads(out.read_text())["options"]["method"] == "semantic"


def test_the_semantic_method_runs_without_torch_or_transformers() -> None:
    # The extra must not need a neural-network runtime: block them and compare a paraphrase.
    code = (
        "import sys\n"
        "for name in ('torch', 'transformers', 'onnxruntime', 'sentence_transformers'):\n"
        "    sys.modules[name] = None\n"
        "from compare import compare\n"
        "result = compare(['The physician examined the youngster.'], ['A doctor checked the child.'], "
        "method='semantic')\n"
        "print([(g.a, g.b) for g in result.groups])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[((0,), (0,))]"


def test_sentence_vectors_ignore_spacing_and_survive_the_word_cache_starting_afresh(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from compare import semantic

    encoder = semantic._encoder()
    first = encoder.token_sums(["The physician examined the youngster.", ""])
    assert first[1].tolist() == [0.0] * first.shape[1]  # no tokens: a zero row, not an error
    spaced = encoder.token_sums(["The  physician\nexamined   the youngster.\n"])
    assert spaced[0].tolist() == first[0].tolist()
    monkeypatch.setattr(semantic, "_WORD_CACHE", 50)
    encoder.token_sums([f"word{k}" for k in range(49)])  # fills the cache to its bound
    again = encoder.token_sums(["The physician examined the youngster."])
    assert len(encoder._rows) <= 50  # memory stays bounded
    assert again[0].tolist() == first[0].tolist()


def test_a_sentence_vector_is_the_sum_of_its_words_tokenized_alone() -> None:
    # New words are tokenized together in one pass; each must get exactly the tokens it gets alone,
    # whatever words it was batched with (else A-vs-B and B-vs-A could differ).
    from compare import semantic

    encoder = semantic._encoder()
    text = "“.shop” naïve café — 東京 (2024) emoji 😀 don't U.S.-led e-mail…"
    row = encoder.token_sums([text, "unrelated words first", text[::-1]])[0]
    ids = [i for word in text.split() for i in encoder.tokenizer.encode(word, add_special_tokens=False).ids]
    assert row[-1] == len(ids)
    assert row[:-1].tolist() == pytest.approx(encoder.table[ids].sum(axis=0).tolist(), abs=1e-5)


def test_comparisons_in_several_threads_give_what_they_give_one_at_a_time() -> None:
    from concurrent.futures import ThreadPoolExecutor

    from compare import semantic

    texts = [(SAMPLES / n).read_text(encoding="utf-8") for n in ("seed-bbc.txt", "opinion-rewrite.txt", "wire.txt")]
    jobs = [(a, b) for a in texts for b in texts if a is not b] * 2
    semantic._encoder()._rows.clear()  # every thread meets new words at once
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda ab: pairs(compare(*ab, method="semantic", facts=False)), jobs))
    alone = [pairs(compare(a, b, method="semantic", facts=False)) for a, b in jobs]
    assert together == alone
