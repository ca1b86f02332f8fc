"""The JSON writer lays results out itself (the json module's indenting encoder is slow Python);
its text must be what json.dumps writes, byte for byte, whatever the values."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorer.write.json import INDENT, _dumps

_SCALARS = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text()
)  # any code point: quotes, backslashes, control characters, U+2028, CJK
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=25,
)


def reference(value, depth: int) -> str:
    return json.dumps(value, ensure_ascii=False, indent=INDENT).replace("\n", "\n" + " " * (INDENT * depth))


@settings(max_examples=300, deadline=None)
@given(_VALUES, st.integers(min_value=0, max_value=3))
def test_layout_is_json_dumps_byte_for_byte(value, depth):
    assert _dumps(value, depth) == reference(value, depth)


def test_what_the_layout_leaves_to_the_json_module_comes_out_the_same():
    # keys that are not strings, tuples, and floats json spells its own way
    for value in ({1: "一", 2.5: None, False: [], None: {}}, ("a", (1, 2)), [math.nan, -math.inf, 1e16, -0.0]):
        assert _dumps(value, 1) == reference(value, 1)


def test_a_value_json_cannot_write_is_refused_as_json_refuses_it():
    with pytest.raises(TypeError, match="not JSON serializable"):
        _dumps({"when": object()})
