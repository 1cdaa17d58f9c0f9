"""Machine formats: SARIF valid against the 2.1.0 schema, JUnit XML, github annotations."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema

from tests.helpers import SEED, run_cli

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def test_sarif_is_valid_and_complete():
    log = json.loads(run_cli("check", "--format", "sarif", str(SEED)).stdout)
    jsonschema.validate(log, SCHEMA)
    run = log["runs"][0]
    ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert run["results"], "the seed article has findings"
    for result in run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    assert any("fixes" in r for r in run["results"])


def test_sarif_with_no_findings_is_valid(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text("Nothing to see.\n", encoding="utf-8")
    log = json.loads(run_cli("check", "--format", "sarif", str(path)).stdout)
    jsonschema.validate(log, SCHEMA)
    assert log["runs"][0]["results"] == []


def test_junit_has_one_failure_per_violation(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Text & more.\n\nSource link\n\nLeave a Reply\n", encoding="utf-8")
    clean = tmp_path / "b.txt"
    clean.write_text("Clean.\n", encoding="utf-8")
    tree = ET.fromstring(run_cli("check", "--select", "NL301", "--format", "junit", str(path), str(clean)).stdout)
    suites = {s.get("name"): s for s in tree.iter("testsuite")}
    assert suites[str(path)].get("failures") == "2"
    assert suites[str(clean)].get("failures") == "0"
    assert len(list(tree.iter("failure"))) == 2


def test_github_escapes_special_characters(tmp_path):
    path = tmp_path / "a,b:c.txt"
    path.write_text("Text.\n\nSource link\n", encoding="utf-8")
    line = run_cli("check", "--select", "NL301", "--format", "github", str(path)).stdout.splitlines()[0]
    assert "a%2Cb%3Ac.txt" in line


def _unreadable(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"caf\xe9 au lait\n")
    return path


def test_sarif_invocation_reports_files_that_could_not_be_checked(tmp_path):
    clean = run_cli("check", "--format", "sarif", str(SEED))
    assert json.loads(clean.stdout)["runs"][0]["invocations"] == [
        {"executionSuccessful": True, "toolExecutionNotifications": []}]
    bad = _unreadable(tmp_path)
    result = run_cli("check", "--format", "sarif", str(SEED), str(bad))
    assert result.exit_code == 2
    log = json.loads(result.stdout)
    jsonschema.validate(log, SCHEMA)
    run = log["runs"][0]
    assert run["results"]
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and note["message"]["text"].startswith("invalid UTF-8 at byte 3")
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == str(bad)


def test_junit_has_an_error_case_per_file_not_checked(tmp_path):
    bad = _unreadable(tmp_path)
    missing = tmp_path / "missing.txt"
    tree = ET.fromstring(run_cli("check", "--format", "junit", str(bad), str(missing)).stdout)
    assert tree.get("errors") == "2" and tree.get("tests") == "2"
    suites = {s.get("name"): s for s in tree.iter("testsuite")}
    assert suites[str(bad)].get("errors") == "1"
    assert suites[str(missing)].find("testcase/error").get("message") == "no such file or directory"


def test_github_annotates_files_not_checked(tmp_path):
    bad = _unreadable(tmp_path)
    lines = run_cli("check", "--format", "github", str(bad)).stdout.splitlines()
    assert lines == [f"::error file={bad},title=newslint error::invalid UTF-8 at byte 3: invalid continuation byte"]


def test_gitlab_reports_files_not_checked_as_blockers(tmp_path):
    bad = _unreadable(tmp_path)
    result = run_cli("check", "--format", "gitlab", str(SEED), str(bad))
    assert result.exit_code == 2
    issues = json.loads(result.stdout)
    (error,) = [i for i in issues if i["severity"] == "blocker"]
    assert error["description"].startswith("could not be checked: invalid UTF-8 at byte 3")
    assert error["location"] == {"path": str(bad), "lines": {"begin": 1, "end": 1}}
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_a_jsonl_line_is_the_json_of_the_finding_written_directly():
    from newslint.engine import build_ruleset, linted
    from newslint.findings import Finding, findings_for
    from newslint.model import Applicability, Edit, Fix, Position, Violation
    from newslint.report import as_json, jsonl_line

    text = ('Le "maire" a dit\tque le plan wasApproved.\n\nPhoto: Reuters\n\n\u00a0Café — naïve \\ quote " end\n'
            "Read more: https://example.com\n")
    violations, doc = linted(text, build_ruleset())
    findings = findings_for('dir/a "b".txt', violations, doc, unsafe=True)
    fix = Fix((Edit(0, 2, "x\n\"y\"\u2028"), Edit(5, 5, "")), Applicability.UNSAFE)
    placed = ((fix.edits[0], Position(1, 1), Position(1, 3)), (fix.edits[1], Position(1, 6), Position(1, 6)))
    findings += [findings[0].for_record("r\u00e9c\"1", 7), findings[-1].for_record("r2", None),
                 Finding("p", Violation("NL1", "n", "m\u0000\u001f", 0, 5, fix), Position(1, 1), Position(1, 6),
                         placed)]
    assert len(findings) > 5
    for f in findings:
        assert jsonl_line(f) == json.dumps(as_json(f), ensure_ascii=False)
