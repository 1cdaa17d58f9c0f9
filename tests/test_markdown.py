"""Markdown files: code, front matter, comments and link targets are not prose."""
from __future__ import annotations

import json

from tests.helpers import run_cli

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
