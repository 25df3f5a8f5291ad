"""Normalisation folds typography, never words; tokens keep offsets into the original."""

from __future__ import annotations

from compare import normalise, tokenize


def test_quotes_dashes_space_and_case_are_folded() -> None:
    assert normalise("\u201cIt\u2019s  DONE\u201d \u2014 she said") == normalise('"it\'s done" - She said')


def test_nfkc_folds_ligatures_and_nonbreaking_spaces() -> None:
    assert normalise("\ufb01nal\u00a0offer") == "final offer"


def test_different_words_stay_different() -> None:
    assert normalise("85% of output") != normalise("80% of output")


def test_tokens_keep_numbers_and_abbreviations_whole() -> None:
    text = "Growth of 2.5% on 1,100 pounds in the U.S, two-thirds said don\u2019t."
    keys = [t.key for t in tokenize(text)]
    assert keys == ["growth", "of", "2.5", "on", "1,100", "pounds", "in", "the", "u.s", "two-thirds", "said", "don't"]


def test_token_offsets_slice_the_original_word() -> None:
    text = "\ufeffThe \ufb01nal \u201cword\u201d."
    for token in tokenize(text):
        assert normalise(text[token.start : token.end]) == token.key


def test_a_number_keeps_its_sign_but_a_range_is_one_word() -> None:
    keys = [t.key for t in tokenize("Lows of -5 and \u22127, in 2010-2015, pre-war.")]
    assert keys == ["lows", "of", "-5", "and", "-7", "in", "2010-2015", "pre-war"]
