"""How a rule's measured precision reads in `newslint rule CODE` and in the rule table.

A rule package may attach measurements to its rules (`Rule.measured_precision`); the
built-in rules read theirs from `rules/data/precision.json`, written by
`bench/publish_precision.py`. The shape, per rule:

    {"labelled": {"commit": "abc1234", "corpora": {"dev": {"residue": 120, "clean": 1,
                  "precision": 0.992, "low": 0.954, "high": 0.999,
                  "worst_extractor": "readability", "worst_precision": 0.98}}},
     "audit": {"commit": "abc1234", "judged": 25, "right": 24, "wrong-fix": 0, "wrong": 1,
               "precision": 0.96, "low": 0.805, "high": 0.993}}
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

HOW_LABELLED = "`bench/rule_precision.py CORPUS...` (labelled corpora: share of deleted lines that are residue)"
HOW_AUDITED = "`bench/audit.py sample` then `score` (findings sampled on unlabelled text and judged by hand)"


def table_cell(measured: Mapping[str, Any] | None) -> str:
    """`dev 0.998 · dragnet 0.97 · audit 24/25`, or `-` when nothing was measured."""
    if not measured:
        return "-"
    parts = [f"{name} {row['precision']:.3f}"
             for name, row in measured.get("labelled", {}).get("corpora", {}).items()]
    audit = measured.get("audit")
    if audit:
        parts.append(f"audit {audit['right']}/{audit['judged']}" if audit["judged"] else "audit: no finding")
    return " · ".join(parts) or "-"


def documentation(measured: Mapping[str, Any] | None) -> str:
    """The `## Measured precision` section of a rule's documentation ('' when unmeasured)."""
    if not measured:
        return ""
    out = ["## Measured precision", ""]
    labelled = measured.get("labelled")
    if labelled:
        out.append(f"Deletions on labelled corpora, at {labelled['commit']}:")
        for name, row in labelled["corpora"].items():
            out.append(f"- {name}: {row['precision']:.3f} of {row['residue'] + row['clean']} deleted lines were "
                       f"residue (95% interval {row['low']:.3f}-{row['high']:.3f}); lowest extractor "
                       f"{row['worst_extractor']} {row['worst_precision']:.3f}")
    audit = measured.get("audit")
    if audit and not audit["judged"]:
        out.append(f"Hand audit, at {audit['commit']}: the rule made no finding on the audited corpora.")
    elif audit:
        out.append(f"Hand audit, at {audit['commit']}: {audit['right']} of {audit['judged']} sampled findings right "
                   f"(precision {audit['precision']:.3f}, 95% interval {audit['low']:.3f}-{audit['high']:.3f}; "
                   f"{audit['wrong-fix']} wrong fixes, {audit['wrong']} wrong findings)")
    out += ["", "Measured with " + HOW_LABELLED + " and " + HOW_AUDITED + "."]
    return "\n".join(out)
