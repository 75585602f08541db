"""``Accept-Language`` is read as RFC 9110 says: the highest weight among the languages
Touchstone speaks wins, the earlier on a tie; ``q=0`` refuses one; a header naming none of
them (or a malformed one) leaves the default."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.i18n import LANGUAGES, negotiate


@pytest.mark.parametrize(
    ("header", "chosen"),
    [
        ("en", "en"),
        ("en-US,en;q=0.9", "en"),
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh_CN"),
        ("fr, en;q=0.5, zh;q=0.4", "en"),
        ("zh;q=0.3, EN-gb;q=0.7", "en"),
        ("en;q=0, zh-TW", "zh_CN"),
        ("en, zh", "en"),
        ("zh-Hant;q=0.8, en;q=0.8", "zh_CN"),
        ("fr-CH, de;q=0.9", None),
        ("*", None),
        ("", None),
        (None, None),
        ("en;q=nonsense, zh;q=0.1", "zh_CN"),
    ],
)
def test_the_most_preferred_supported_language_is_chosen(header: str | None, chosen: str | None) -> None:
    assert negotiate(header) == chosen


@given(st.text())
def test_any_header_gives_a_supported_language_or_none_and_never_raises(header: str) -> None:
    assert negotiate(header) in (*LANGUAGES, None)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["en", "en-GB", "zh-CN", "zh", "fr", "*"]), st.sampled_from(["1", "0.9", "0.5", "0.1", "0"])
        ),
        min_size=1,
        max_size=6,
    )
)
def test_the_chosen_language_carries_the_highest_weight_offered(offers: list[tuple[str, str]]) -> None:
    best: dict[str, float] = {}
    for tag, q in offers:
        if (lang := negotiate(tag)) is not None:
            best[lang] = max(best.get(lang, 0.0), float(q))
    chosen = negotiate(", ".join(f"{tag};q={q}" for tag, q in offers))
    if not any(best.values()):
        assert chosen is None
    else:
        assert chosen is not None and best[chosen] == max(best.values())
