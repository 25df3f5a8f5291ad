"""Golden-structure tests: each report format, parsed back, says what the API says."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from markdown_it import MarkdownIt

from compare import Collection, Comparison
from compare.errors import OptionError
from compare.render import render
from compare.render.csv import COLUMNS
from compare.render.summary import similarity_histogram


def html_tree(text: str) -> Any:
    return lxml.html.fromstring(text)


def markdown_tables(text: str) -> list[list[list[str]]]:
    """Every table of a Markdown document as rendered by a CommonMark + GFM-tables parser: rows of cell texts."""
    tree = lxml.html.fromstring(f"<div>{MarkdownIt('gfm-like').render(text)}</div>")
    return [
        [[cell.text_content().strip() for cell in row.xpath("./th|./td")] for row in table.xpath(".//tr")]
        for table in tree.xpath("//table")
    ]


def with_findings(result: Comparison) -> Comparison:
    """The result with two findings of the shape the fact-drift stage produces (a dict and an object)."""

    class Finding:
        def to_dict(self) -> dict[str, Any]:
            return {"kind": "number_changed", "group": 4, "explanation": "85 became 80", "a_text": "85", "b_text": "80"}

    loose = {
        "kind": "quote_altered",
        "group": 1,
        "explanation": "quote reworded",
        "a_text": "it takes",
        "b_text": "necessary",
    }
    return replace(result, findings=(Finding(), loose))


# -- options ------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "csv", "html"])
def test_a_misspelt_render_option_is_an_error_not_ignored(seed_wire: Comparison, fmt: str) -> None:
    with pytest.raises(OptionError, match=r"unknown render option 'change_only'.*changes_only"):
        render(seed_wire, fmt, change_only=False)


def test_options_of_other_formats_are_left_out_and_its_own_are_used(seed_wire: Comparison) -> None:
    # What `storydiff compare` passes for every format: colour means nothing to CSV, table nothing to Markdown.
    options = {"colour": False, "changes_only": False, "facts_only": False, "table": "matrix", "title": "T"}
    assert render(seed_wire, "csv", **options) == render(seed_wire, "csv")
    full = render(seed_wire, "markdown", **options)
    assert "## Side by side" in full and "## Side by side" not in render(seed_wire, "markdown")


# -- JSON ---------------------------------------------------------------------
def test_json_of_two_versions_is_the_comparison_schema(seed_wire: Comparison) -> None:
    data = json.loads(render(seed_wire, "json"))
    assert data["schema"] == "storydiff/comparison/v2"
    assert data["scores"] == json.loads(json.dumps(dict(seed_wire.scores)))
    assert [g["kind"] for g in data["alignment"]] == [g.kind for g in seed_wire.groups]


def test_json_of_many_versions_is_the_collection_schema(banksy: Collection) -> None:
    data = json.loads(render(banksy, "json"))
    assert data["schema"] == "storydiff/collection/v1"
    matrix = banksy.overlap_matrix("shingles")
    assert data["shingle_containment"]["values"][2][0] == matrix.iloc[2, 0]


# -- CSV ----------------------------------------------------------------------
def test_csv_has_one_row_per_group_with_the_api_numbers(seed_wire: Comparison) -> None:
    rows = list(csv.DictReader(io.StringIO(render(seed_wire, "csv"))))
    assert list(rows[0]) == COLUMNS and COLUMNS[-2:] == ["findings", "method"]
    assert {row["method"] for row in rows} == {"lexical"}
    assert len(rows) == len(seed_wire.groups)
    for row, group in zip(rows, seed_wire.groups, strict=True):
        assert row["kind"] == group.kind and float(row["score"]) == pytest.approx(group.score)
        # The first sentence and the count name every sentence of the group: its parts stand together.
        assert _sentences(row["a_index"], row["a_count"]) == group.a
        assert _sentences(row["b_index"], row["b_count"]) == group.b
        assert row["a_text"] == seed_wire.group_text(group, "a")


def _sentences(first: str, count: str) -> tuple[int, ...]:
    """The sentence indices a CSV row's `x_index`/`x_count` cells stand for (empty first cell: none)."""
    return tuple(range(int(first), int(first) + int(count))) if first else ()


def test_csv_groups_load_in_pandas_as_integers_matching_to_frame(seed_wire: Comparison, tmp_path: Path) -> None:
    """#11: the index columns were space-joined strings ("4 5"); now each cell is one whole number."""
    pd = pytest.importorskip("pandas")
    path = tmp_path / "groups.csv"
    path.write_text(render(seed_wire, "csv"), encoding="utf-8")
    assert any(not g.a for g in seed_wire.groups) and any(len(g.b) > 1 for g in seed_wire.groups)  # gaps, splits
    plain = pd.read_csv(path, index_col="group")
    assert str(plain["a_count"].dtype) == "int64" and str(plain["b_count"].dtype) == "int64"
    loaded = pd.read_csv(path, index_col="group", dtype={"a_index": "Int64", "b_index": "Int64"})
    frame = seed_wire.to_frame()
    columns = ["kind", "moved", "a_index", "a_count", "b_index", "b_count", "words_changed"]
    pd.testing.assert_frame_equal(loaded[columns], frame[columns])
    assert loaded["score"].round(4).tolist() == frame["score"].round(4).tolist()


def test_csv_findings_column_holds_each_groups_findings(seed_altered: Comparison) -> None:
    plain = list(csv.DictReader(io.StringIO(render(replace(seed_altered, findings=()), "csv"))))
    assert all(row["findings"] == "" for row in plain)  # works while the fact stage finds nothing
    rows = list(csv.DictReader(io.StringIO(render(with_findings(seed_altered), "csv"))))
    assert rows[4]["findings"] == "number_changed: 85 became 80"
    assert rows[1]["findings"] == "quote_altered: quote reworded"
    assert sum(1 for row in rows if row["findings"]) == 2


def test_csv_never_hands_a_spreadsheet_a_formula() -> None:
    from compare import compare

    result = compare('=HYPERLINK("http://x","y")\nSafe line.', "@SUM(1+1)\nSafe line.")
    rows = list(csv.DictReader(io.StringIO(render(result, "csv"))))
    cells = [row[c] for row in rows for c in ("a_text", "b_text") if row[c]]
    assert cells and not any(cell.startswith(("=", "@", "+", "-")) for cell in cells)
    assert '\'=HYPERLINK("http://x","y")' in cells


def test_facts_only_csv_never_hands_a_spreadsheet_a_formula(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    from compare.cli import main

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text('The mayor said: "=HYPERLINK(1) is the real plan for the city." Officials agreed.', encoding="utf-8")
    b.write_text('The mayor said: "=HYPERLINK(1) is the real scheme for the city." Officials agreed.', encoding="utf-8")
    assert main(["compare", str(a), str(b), "--facts-only", "-f", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [row["kind"] for row in rows] == ["quote_altered"]
    assert rows[0]["a_text"] == "'=HYPERLINK(1) is the real plan for the city"
    assert rows[0]["b_text"].startswith("'=HYPERLINK(1)")
    assert not any(cell.startswith(("=", "@", "+", "-")) for cell in rows[0].values())


def test_facts_only_markdown_escapes_article_text() -> None:
    from compare import compare

    quote = "<img src=x onerror=alert(1)> [click](http://evil.example) *{}* | all"
    result = compare(f'He said: "{quote} of it." Then he left.', f'He said: "{quote} of them." Then he left.')
    text = render(result, "markdown", facts_only=True)
    assert text.startswith("## Changed facts (1)")
    tree = html_tree(f"<div>{MarkdownIt('gfm-like').render(text)}</div>")
    assert not tree.xpath("//img|//em|//strong") and "alert(1)" in tree.text_content()
    # No markup link: a bare address may be linked by the viewer, but only ever showing itself.
    assert all(a.text_content() == a.get("href") for a in tree.xpath("//a"))
    (header, row) = markdown_tables(text)[0]
    assert len(row) == len(header) == 6  # the pipe in the quote did not split its cell
    assert row[1] == "quote altered" and row[2] == "A1 → B1"
    assert row[3].startswith("<img src=x onerror=alert(1)> [click](http://evil.example) *{}* | all")


def test_csv_of_many_versions_is_the_provenance_table(banksy: Collection) -> None:
    rows = list(csv.DictReader(io.StringIO(render(banksy, "csv"))))
    frame = banksy.provenance()
    assert len(rows) == len(frame)
    for row in rows:
        expected = frame.loc[(row["article"], int(row["sentence"]))]
        assert row["text"] == expected["text"] and int(row["carried_by"]) == expected["carried_by"]
        for label in banksy.labels:
            assert row[label] == ("self" if label == row["article"] else expected[label])


def test_csv_matrix_and_pairs_tables_agree_with_the_matrix(banksy: Collection) -> None:
    matrix = banksy.overlap_matrix()
    for row in csv.DictReader(io.StringIO(render(banksy, "csv", table="matrix"))):
        for label in banksy.labels:
            value = row[label]
            assert (
                value == ""
                if label == row["x_in_y"]
                else float(value) == pytest.approx(matrix.loc[row["x_in_y"], label])
            )
    pairs = list(csv.DictReader(io.StringIO(render(banksy, "csv", table="pairs"))))
    assert len(pairs) == 3
    for row in pairs:
        assert float(row["overlap_a_in_b"]) == pytest.approx(matrix.loc[row["a"], row["b"]])
        assert float(row["overlap_b_in_a"]) == pytest.approx(matrix.loc[row["b"], row["a"]])


# -- Markdown -----------------------------------------------------------------
def test_markdown_renders_summary_histogram_changes_and_full_table(seed_wire: Comparison) -> None:
    text = render(seed_wire, "markdown", changes_only=False)
    summary, kinds, histogram, changed, full = markdown_tables(text)
    measures = dict(summary[1:])
    s = seed_wire.scores
    assert measures["overlap A→B (A's words unchanged in B)"] == f"{s['overlap_a_in_b']:.1%}"
    assert measures["overlap B→A (B's words unchanged from A)"] == f"{s['overlap_b_in_a']:.1%}"
    assert measures["Jaccard (shared distinct words)"] == f"{s['jaccard']:.3f}"
    assert measures["5-word shingles of A in B"] == f"{s['shingle_containment_a_in_b']:.1%}"
    counts = {row[0].split()[-1]: int(row[1]) for row in kinds[1:]}
    assert counts == seed_wire.counts()
    bins = {row[0]: int(row[1]) for row in histogram[1:]}
    assert bins == {b["label"]: b["count"] for b in similarity_histogram(seed_wire)}
    assert sum(bins.values()) == sum(1 for g in seed_wire.groups if g.a and g.b)
    assert [int(row[0]) - 1 for row in changed[1:]] == [n for n, g in enumerate(seed_wire.groups) if g.changed]
    assert len(full) - 1 == len(seed_wire.groups)
    assert text.index("## Changed groups") < text.index("## Side by side")


def test_markdown_word_changes_render_as_strike_and_bold(seed_altered: Comparison) -> None:
    html = MarkdownIt("gfm-like").render(render(seed_altered, "markdown"))
    assert "<s>85</s>" in html and "<strong>80</strong>" in html


def test_markdown_lists_findings_first(seed_altered: Comparison) -> None:
    text = render(with_findings(seed_altered), "markdown")
    assert text.index("## Facts that changed (2)") < text.index("## Summary")
    assert "**Number changed**: 85 became 80 (group 5)" in text


def test_text_and_markdown_name_each_group_the_same_way(seed_altered: Comparison) -> None:
    changed = [g for g in seed_altered.groups if g.changed]
    assert any(not g.a for g in changed)  # an inserted group: its A side has no sentence
    expected = [
        f"A{','.join(str(i + 1) for i in g.a) or '–'} → B{','.join(str(j + 1) for j in g.b) or '–'}" for g in changed
    ]
    changed_table = markdown_tables(render(seed_altered, "markdown"))[3]
    assert [row[2] for row in changed_table[1:]] == expected
    text = render(seed_altered, "text")
    assert all(f"  {ref}" in text for ref in expected)


def test_markdown_of_many_versions_has_matrix_source_and_provenance(banksy: Collection) -> None:
    text = render(banksy, "markdown")
    tables = markdown_tables(text)
    matrix_table = next(t for t in tables if t[0][0] == "X ↓ in Y →")
    matrix = banksy.overlap_matrix()
    for i, row in enumerate(matrix_table[1:]):
        for j, cell in enumerate(row[1:]):
            assert cell == ("—" if i == j else f"{matrix.iat[i, j]:.0%}")
    assert banksy.likely_source().statement in text
    provenance_rows = [r for t in tables if t[0][:2] == ["#", "sentence"] for r in t[1:]]
    assert len(provenance_rows) == sum(len(s) for s in banksy.sentences)


# -- HTML ---------------------------------------------------------------------
def test_html_report_has_every_group_and_the_api_scores(seed_wire: Comparison) -> None:
    tree = html_tree(render(seed_wire, "html"))
    rows = tree.xpath("//table[contains(@class,'sd-full')]/tbody/tr")
    assert [r.get("id") for r in rows] == [f"g{n + 1}" for n in range(len(seed_wire.groups))]
    assert [re.search(r"sd-k-(\w+)", r.get("class")).group(1) for r in rows] == [g.kind for g in seed_wire.groups]
    changed = tree.xpath("//section[@id='sd-changes']//tbody/tr")
    assert len(changed) == sum(1 for g in seed_wire.groups if g.changed)
    # Each changed row links to its place in the full table.
    assert all(row.xpath(".//a/@href")[0] in {f"#{r.get('id')}" for r in rows} for row in changed)
    metrics = " ".join(tree.xpath("//div[@class='sd-metric']//text()"))
    assert (
        f"{seed_wire.scores['overlap_a_in_b']:.1%}" in metrics
        and f"{seed_wire.scores['overlap_b_in_a']:.1%}" in metrics
    )
    assert f"{seed_wire.scores['jaccard']:.3f}" in metrics


def test_html_highlights_changed_words(seed_altered: Comparison) -> None:
    tree = html_tree(render(seed_altered, "html"))
    row = next(r for r in tree.xpath("//table[contains(@class,'sd-full')]/tbody/tr") if "85" in r.text_content())
    assert row.xpath(".//td[contains(@class,'sd-a')]//del/text()") == ["85"]
    assert row.xpath(".//td[contains(@class,'sd-b')]//ins/text()") == ["80"]


def test_html_lists_findings_at_the_top_with_links(seed_altered: Comparison) -> None:
    tree = html_tree(render(with_findings(seed_altered), "html"))
    items = tree.xpath("//section[@id='sd-findings']//li")
    assert len(items) == 2 and "85 became 80" in items[0].text_content()
    assert items[0].xpath(".//a/@href") == ["#g5"] and tree.xpath("//*[@id='g5']")
    sections = [s.get("id") for s in tree.xpath("//section[@id]")]
    assert sections.index("sd-findings") < sections.index("sd-summary")


def test_html_is_self_contained(seed_wire: Comparison, banksy: Collection) -> None:
    for page in (render(seed_wire, "html"), render(banksy, "html")):
        tree = html_tree(page)
        assert not tree.xpath("//*[@src]") and not tree.xpath("//link") and not tree.xpath("//iframe|//object|//embed")
        assert all(href.startswith("#") for href in tree.xpath("//@href"))
        assert "url(" not in page and "@import" not in page
        csp = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
        assert "default-src 'none'" in csp


def test_html_collection_shows_heat_matrix_source_and_provenance(banksy: Collection) -> None:
    tree = html_tree(render(banksy, "html"))
    matrix = banksy.overlap_matrix()
    table = tree.xpath("//section[@id='sd-matrix']//table")[0]
    cells = [[td for td in tr.xpath("./td")] for tr in table.xpath("./tbody/tr")]
    for i, row in enumerate(cells):
        for j, td in enumerate(row):
            if i == j:
                assert td.text_content() == "—"
            else:
                assert td.text_content() == f"{matrix.iat[i, j]:.0%}"
                assert float(re.search(r"--v:([\d.]+)", td.get("style")).group(1)) == pytest.approx(
                    matrix.iat[i, j], abs=1e-3
                )
    assert banksy.likely_source().statement in tree.xpath("//section[@id='sd-source']")[0].text_content()
    prov_rows = tree.xpath("//section[@id='sd-provenance']//tbody/tr")
    assert len(prov_rows) == sum(len(s) for s in banksy.sentences)


def test_repr_html_is_the_report_body_without_script(seed_wire: Comparison) -> None:
    fragment = seed_wire._repr_html_()
    tree = html_tree(fragment)
    assert "<script" not in fragment and tree.get("class") == "sd-report sd-fragment"
    assert len(tree.xpath("//table[contains(@class,'sd-full')]/tbody/tr")) == len(seed_wire.groups)
