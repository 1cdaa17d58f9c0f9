"""Markdown files: code, front matter, comments and link targets are not prose."""
from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newslint.markdown import non_prose_spans
from tests.helpers import run_cli
from tests.strategies import profile

MARKDOWN = """---
title: Source link
---

The story ends here.

```
Source link
```

    Source link

Inline `Source link` code and a [link](https://example.com/source-link).

<!--
Source link
-->

Source link
"""


def test_only_prose_is_flagged_and_fixed(tmp_path):
    path = tmp_path / "story.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    found = json.loads(run_cli("check", "--select", "NL301", "--format", "json", str(path)).stdout)
    assert [item["line"] for item in found] == [19]
    run_cli("check", "--select", "NL301", "--fix", str(path))
    assert path.read_text(encoding="utf-8") == MARKDOWN[: MARKDOWN.rindex("\n\nSource link")] + "\n"


def test_same_text_as_plain_text_is_flagged_everywhere(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(MARKDOWN, encoding="utf-8")
    found = json.loads(run_cli("check", "--select", "NL301", "--format", "json", str(path)).stdout)
    assert len(found) == 4


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r"])
def test_code_is_found_whatever_ends_the_lines(line_end):
    """markdown-it breaks lines at CR LF, a lone CR and LF alike; the spans must follow it."""
    text = MARKDOWN.replace("\n", line_end)
    code = text.index("```") + 3
    spans = non_prose_spans(text)
    assert any(s.start <= code < s.end for s in spans)
    assert all(0 <= s.start <= s.end <= len(text) for s in spans)


_MARKDOWN_LINES = st.sampled_from(["```", "~~~", "    code", "text", "", "- item", "> quote", "<!-- note -->",
                                   "---", "# Title", "<div>", "`x`", "[a](b)"])


@profile(60)
@given(st.lists(st.tuples(_MARKDOWN_LINES, st.sampled_from(["\n", "\r\n", "\r"])), max_size=30))
def test_spans_stay_inside_any_text(lines):
    text = "".join(line + end for line, end in lines)
    assert all(0 <= s.start <= s.end <= len(text) for s in non_prose_spans(text))
