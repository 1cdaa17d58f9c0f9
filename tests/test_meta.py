"""Rules, fixtures, docs and README stay in step."""
from __future__ import annotations

import gc
import importlib
import pkgutil
import re
import subprocess
import sys

import pytest
import yaml

import newslint.rules
from newslint.registry import all_rules
from newslint.rules._lazy import LazyPattern
from tests.helpers import ROOT, run_cli

BUILTIN = {code: info.cls for code, info in all_rules().items() if info.package == "newslint"}
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", sorted(BUILTIN))
def test_rule_documentation_has_the_sections(code):
    cls = BUILTIN[code]
    doc = cls.documentation()
    assert doc.splitlines()[0].startswith(f"{code} {cls.name}: ")
    for heading in ("## What it does", "## Why is this bad?", "## Example"):
        assert heading in doc, f"{code} lacks '{heading}'"
    if cls.fixable:
        assert "## Fix safety" in doc, f"{code} fixes text but does not say how safe that is"


@pytest.mark.parametrize("code", sorted(BUILTIN))
def test_rule_has_ok_and_bad_fixtures(code):
    directory = ROOT / "fixtures" / code
    names = [p.name for p in directory.iterdir()] if directory.is_dir() else []
    assert any(n.startswith("ok_") for n in names), f"fixtures/{code} has no ok_ case"
    if BUILTIN[code].learns_across_documents:
        return  # one text alone never shows what recurs across a corpus: see tests/test_corpus.py
    assert any(n.startswith("bad_") for n in names), f"fixtures/{code} has no bad_ case"


@pytest.mark.parametrize("code", sorted(BUILTIN))
def test_module_is_named_after_the_rule(code):
    cls = BUILTIN[code]
    assert cls.__module__ == "newslint.rules." + cls.name.replace("-", "_")


def test_readme_rule_table_is_current():
    table = run_cli("rules", "--format", "markdown").stdout.strip()
    start, end = "<!-- rules-table:start -->", "<!-- rules-table:end -->"
    assert start in README and end in README
    current = README.split(start, 1)[1].split(end, 1)[0].strip()
    assert current == table, "README rule table is stale: paste `newslint rules --format markdown`"


def test_every_hook_is_in_the_readme():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    for hook in hooks:
        assert f"id: {hook['id']}" in README


def test_ci_runs_the_readme_test_command():
    command = re.search(r"^(python3 -m venv \.venv .*pytest.*)$", README, re.M)
    assert command, "README has no test command"
    assert command.group(1) in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_rules_import_the_package_not_the_folder():
    for path in (ROOT / "rules").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import) rules\b", source, re.M), f"{path.name} imports 'rules' directly"


def test_every_pattern_compiled_on_first_use_compiles():
    """Rule modules compile their patterns when first used: a broken one must fail here, not
    on the first line that reaches it."""
    for module in pkgutil.walk_packages(newslint.rules.__path__, "newslint.rules."):
        importlib.import_module(module.name)
    patterns = [o for o in gc.get_objects() if isinstance(o, LazyPattern)]
    assert len(patterns) > 100
    for pattern in patterns:
        assert pattern.compiled.pattern == pattern._source[0]


def test_code_passes_the_linter():
    """ruff, with the project's settings in pyproject.toml: pyflakes errors, style, import order."""
    found = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "newslint", "rules", "tests",
                            "bench", "fixtures/plugin-example"], cwd=ROOT, capture_output=True, text=True)
    assert found.returncode == 0, found.stdout + found.stderr


# NL0xx rules judge newslint's own directives (suppression comments), not article text.
MEASURED = sorted(c for c, cls in BUILTIN.items() if cls.default_enabled and not c.startswith("NL0"))


@pytest.mark.parametrize("code", MEASURED)
def test_rules_on_by_default_have_published_precision(code):
    """Every rule that runs by default has measured precision in rules/data/precision.json, shown by `rule`."""
    measured = BUILTIN[code].measured_precision
    assert measured, f"{code} has no measured precision: run bench/publish_precision.py"
    shown = run_cli("rule", code).stdout
    assert "## Measured precision" in shown
    for row in measured.get("labelled", {}).get("corpora", {}).values():
        assert f"{row['precision']:.3f}" in shown
