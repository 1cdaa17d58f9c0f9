"""Rules are discovered from manifests without importing them; a rule module is imported when it runs."""
from __future__ import annotations

import importlib
import json
import subprocess
import sys
import textwrap
from importlib import metadata

import pytest

from newslint import Config, RuleLoadError, lint, registry
from newslint import rules as builtin
from newslint.manifest import RuleSpec, read, render
from newslint.manifest import main as manifest_main
from tests.helpers import ROOT


def test_builtin_manifest_is_current():
    current = (ROOT / "rules" / "data" / "manifest.json").read_text(encoding="utf-8")
    assert render(builtin.discover()) == current, "rules/data/manifest.json is stale: run python -m newslint.manifest"


def test_manifest_metadata_matches_each_class():
    for cls in builtin.discover():
        spec = registry.all_rules()[cls.code].spec
        assert spec.load() is cls
        assert (spec.summary(), spec.documentation()) == (cls.summary(), cls.documentation())
        assert [o.name for o in spec.options] == [o.name for o in cls.options]
        # The result cache decides from the manifest, without importing the rule, whether it can answer.
        assert spec.learns_across_documents is cls.learns_across_documents


def test_a_manifest_older_than_the_learning_field_leaves_it_unknown():
    cls = next(c for c in builtin.discover() if c.learns_across_documents)
    row = RuleSpec.of(cls).as_json()
    del row["learns_across_documents"]
    assert RuleSpec.from_json(row).learns_across_documents is None
    row["learns_across_documents"] = False
    with pytest.raises(RuleLoadError, match="learns across documents"):
        RuleSpec.from_json(row).load()


def imported_modules(*args: str) -> set[str]:
    """Every module a `newslint` command imports, run in a fresh interpreter."""
    script = textwrap.dedent(f"""
        import json, sys
        from newslint.cli import main
        try:
            main({list(args)!r}, prog_name="newslint")
        except SystemExit:
            pass
        print(json.dumps(sorted(sys.modules)), file=sys.stderr)
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    return set(json.loads(proc.stderr.strip().splitlines()[-1]))


def _imported_rule_modules(*args: str) -> set[str]:
    """The built-in rule modules (not their helpers) a `newslint` command imports."""
    return {m for m in imported_modules(*args)
            if m.startswith("newslint.rules.") and not m.split(".")[2].startswith("_")}


@pytest.mark.parametrize("args", [("rules",), ("rules", "--format", "markdown"), ("rule", "NL301"), ("--version",)])
def test_listing_and_documenting_rules_import_no_rule(args):
    assert _imported_rule_modules(*args) == set()


@pytest.mark.parametrize("args", [("--version",), ("--help",), ("rules",), ("rule", "NL101")])
def test_commands_that_only_print_import_no_engine(args):
    """What keeps them quick (bench/startup.py): no engine, document model, regex, parser or word list."""
    heavy = {"newslint.engine", "newslint.run", "newslint.document", "newslint.rule", "regex", "markdown_it",
             "wordfreq", "ftfy", "sqlite3"}
    assert imported_modules(*args) & heavy == set()


def test_a_run_imports_only_the_rules_it_selects(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("The talks ended without a deal.\n\nSource link\n", encoding="utf-8")
    imported = _imported_rule_modules("check", "--isolated", "--select", "NL301,NL502", str(article))
    assert imported == {"newslint.rules.boilerplate_line", "newslint.rules.html_entity"}


# ---- plugins: lazy (specs) or eager (classes), through the same entry-point group ----

PLUGIN_RULE = '''
import regex
from newslint import Fix, Rule

class Shout(Rule):
    """LZY001 shouting-word: a word in capitals.

    ## What it does
    Finds WORDS in capitals.
    """

    code = "LZY001"
    name = "shouting-word"
    fixable = True

    def check(self, doc):
        for m in regex.finditer(r"\\b[A-Z]{4,}\\b", doc.text):
            yield self.violation(m.start(), m.end(), "shouting", Fix.replace(m.start(), m.end(), m.group().lower()))
'''


@pytest.fixture
def plugin(tmp_path, monkeypatch):
    """A package `lazyplug` whose rule lives in `lazyplug.rule`, and a way to register entry points to it."""
    package = tmp_path / "lazyplug"
    package.mkdir()
    (package / "rule.py").write_text(PLUGIN_RULE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    installed = list(registry._entry_points())

    def register(**entry_points: str) -> None:
        extra = [metadata.EntryPoint(name, value, registry.ENTRY_POINT_GROUP) for name, value in entry_points.items()]
        monkeypatch.setattr(registry, "_entry_points", lambda: [*installed, *extra])
        registry.all_rules.cache_clear()

    yield package, register
    registry.all_rules.cache_clear()
    _forget_plugin()


def _forget_plugin() -> None:
    for name in [m for m in sys.modules if m.split(".")[0] == "lazyplug"]:
        del sys.modules[name]
    importlib.invalidate_caches()


def _write_manifest(package, **changes):
    """Make `lazyplug` a lazy plugin: its manifest (with `changes`), read by its light `__init__`."""
    cls = importlib.import_module("lazyplug.rule").Shout
    _forget_plugin()
    row = {**RuleSpec.of(cls, lazy=True).as_json(), **changes}
    (package / "manifest.json").write_text(json.dumps({"format": 1, "rules": [row]}), encoding="utf-8")
    (package / "__init__.py").write_text(
        "from newslint.manifest import read\nRULES = read(__file__.replace('__init__.py', 'manifest.json'))\n",
        encoding="utf-8")
    importlib.invalidate_caches()


def test_lazy_plugin_is_listed_without_import_and_runs_when_selected(plugin):
    package, register = plugin
    _write_manifest(package)
    register(lazy="lazyplug:RULES")
    info = registry.all_rules()["LZY001"]
    assert (info.name, info.fixable) == ("shouting-word", True)
    assert info.summary() == "LZY001 shouting-word: a word in capitals."
    assert "lazyplug.rule" not in sys.modules
    found = lint("The VOTE passed.\n", Config(select=("LZY001",)))
    assert [v.code for v in found] == ["LZY001"]
    assert "lazyplug.rule" in sys.modules


def test_plugin_giving_a_class_still_works(plugin):
    _, register = plugin
    register(eager="lazyplug.rule:Shout")
    assert registry.all_rules()["LZY001"].package == "unknown"
    assert [v.code for v in lint("The VOTE passed.\n", Config(select=("LZY001",)))] == ["LZY001"]


def test_a_stale_plugin_manifest_is_an_error_naming_the_rule(plugin):
    package, register = plugin
    _write_manifest(package, name="shouting-words")
    register(lazy="lazyplug:RULES")
    with pytest.raises(RuleLoadError, match="LZY001.*manifest is out of date"):
        lint("The VOTE passed.\n", Config(select=("LZY001",)))


def test_duplicate_codes_and_names_are_errors(plugin):
    package, register = plugin
    _write_manifest(package, code="NL301")
    register(lazy="lazyplug:RULES")
    with pytest.raises(RuleLoadError, match="rule code NL301 is defined by both newslint and unknown"):
        registry.all_rules()
    _write_manifest(package, name="boilerplate-line")
    register(lazy="lazyplug:RULES")
    with pytest.raises(RuleLoadError, match="rule name 'boilerplate-line' is used by both NL301 and LZY001"):
        registry.all_rules()


def test_one_class_through_two_entry_points_is_one_rule(plugin):
    _, register = plugin
    register(a="lazyplug.rule:Shout", b="lazyplug.rule:Shout")
    assert registry.all_rules()["LZY001"].name == "shouting-word"


def test_a_broken_manifest_is_an_error_naming_it(tmp_path):
    path = tmp_path / "manifest.json"
    path.write_text('{"format": 1, "rules": [{"code": "X"}]}', encoding="utf-8")
    with pytest.raises(RuleLoadError, match="manifest.json: KeyError"):
        read(path)


def test_a_plugin_writes_its_manifest_with_the_same_command(plugin, capsys):
    package, _ = plugin
    out = package / "manifest.json"
    assert manifest_main(["lazyplug.rule:Shout", "--output", str(out)]) == 0
    assert manifest_main(["lazyplug.rule:Shout", "--output", str(out), "--check"]) == 0
    (spec,) = read(out)
    assert (spec.code, spec.module, spec.class_name, spec.loaded) == ("LZY001", "lazyplug.rule", "Shout", None)
    out.write_text(out.read_text(encoding="utf-8").replace("shouting-word", "shout"), encoding="utf-8")
    assert manifest_main(["lazyplug.rule:Shout", "--output", str(out), "--check"]) == 1
    assert "out of date" in capsys.readouterr().out
