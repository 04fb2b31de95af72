"""CI outputs: GitHub annotations and step summary, GitLab Code Quality, JUnit, report.json
totals, baselines, and the per-page coverage lines."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest

from pipeline import ci, cli, run
from pipeline.findings import Finding
from pipeline.frames import finding_columns, to_frame
from pipeline.report import (
    COVERAGE_REPORT,
    PageCoverage,
    page_coverage,
    render_coverage,
    render_json,
    render_junit,
    render_markdown,
)
from pipeline.run import assemble, parse_each
from pipeline.storage import read_page
from tests.conftest import SEED

Frames = dict[str, pd.DataFrame]
SEED_WARNINGS = 4  # the seed's four standings-vs-results contradictions
SEED_TABLES = 12


def _frames(path: Path, shown: str = "raw/2004_copa_peru.txt") -> Frames:
    return assemble(parse_each([read_page(path, shown)])).frames


def _shifted(tmp: Path, extra: str = "A sentence added above every table.\n") -> Path:
    """The seed with a prose line inserted after its third line: every table moves down one."""
    lines = SEED.read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp / SEED.name
    path.write_text("".join([*lines[:3], extra, *lines[3:]]), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def seed_frames() -> Frames:
    return _frames(SEED)


@pytest.fixture(scope="module")
def shifted_frames(tmp_path_factory: pytest.TempPathFactory) -> Frames:
    return _frames(_shifted(tmp_path_factory.mktemp("shifted")))


def _findings(*found: Finding) -> pd.DataFrame:
    return to_frame("findings", finding_columns(found))


def _finding(severity: str, line: int, message: str = "m", **kw: str | None) -> Finding:
    code = str(kw.pop("code", None) or f"some-{severity}")
    return Finding(code, severity, message, kw.pop("page", None) or "p", line, **kw)  # type: ignore[arg-type]


NO_TABLES = pd.DataFrame(
    {"page": [], "table_id": [], "table_label": [], "kind": [], "source_line": []}
)


# --- GitHub annotations ---------------------------------------------------------------------


def test_an_annotation_names_file_line_and_code_and_escapes_message_and_properties() -> None:
    findings = _findings(_finding("error", 7, "100% off\r\nnext: a, b", code="row-short"))
    lines = ci.render_github(findings, {"p": "raw/a:b,c.txt"})
    assert lines[0] == (
        "::error file=raw/a%3Ab%2Cc.txt,line=7,title=row-short::100%25 off%0D%0Anext: a, b"
    )
    assert lines[-1] == "::notice title=findings::1 error, 0 warning, 0 info"


def test_annotations_are_capped_at_ten_a_severity_errors_first() -> None:
    found = [_finding("warning", n) for n in range(1, 13)]
    found += [_finding("info", 50)] + [_finding("error", 100 + n) for n in range(12)]
    lines = ci.render_github(_findings(*found), {"p": "p.txt"}, report="clean/report.md")
    kinds = [line.split(" ", 1)[0] for line in lines]
    assert kinds == ["::error"] * 10 + ["::warning"] * 10 + ["::notice"]
    assert "line=100," in lines[0] and "line=1," in lines[10]  # each in report order
    assert lines[-1] == (
        "::notice title=findings::12 error, 12 warning, 1 info; 2 more error(s) and 2 more "
        "warning(s) not annotated; full report: clean/report.md"
    )


def test_baselined_findings_are_not_annotated_and_the_notice_counts_them() -> None:
    findings = _findings(_finding("warning", 1, team="A"), _finding("warning", 2, team="B"))
    first = ci.finding_keys(findings, NO_TABLES)[0]
    accepted = ci.match_baseline(ci.Baseline({first: 1}), findings, NO_TABLES)
    lines = ci.render_github(findings, {"p": "p.txt"}, accepted)
    assert [line.split("::")[1] for line in lines] == [
        "warning file=p.txt,line=2,title=some-warning",
        "notice title=findings",
    ]
    assert "1 in the baseline, 1 new" in lines[-1]


def test_extract_format_github_annotates_paths_relative_to_the_workspace_and_appends_a_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "raw").mkdir()
    shutil.copy(SEED, tmp_path / "raw")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    raw, out = tmp_path / "raw", tmp_path / "clean"
    assert cli.main(["extract", str(raw), "--out", str(out), "--quiet", "--format", "github"]) == 0
    printed = capsys.readouterr().out.splitlines()
    annotations = [line for line in printed if line.startswith("::")]
    assert annotations[0] == (
        "::warning file=raw/2004_copa_peru.txt,line=1307,title=standings-vs-results::Defensor "
        "Villa del Mar: goals_for stated 22 but its results matrix gives 23; cells that could "
        "explain it: lines 1347, 1474."
    )
    assert len(annotations) == SEED_WARNINGS + 1 and annotations[-1].startswith("::notice")
    assert not any(re.match(r"\s+\S+:\d+: warning", line) for line in printed)  # no text list
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n### Validation: 1 page(s), 12 table(s)\n")
    assert "| warning | `raw/2004_copa_peru.txt:1307` | `standings-vs-results` |" in text
    assert "Regional Stage › Region VII" in text  # the coverage line


def test_the_step_summary_is_cut_under_one_mebibyte_saying_how_much_was_left_out() -> None:
    n = 12_000  # 100 bytes a row: more than 1 MiB in all
    findings = pd.DataFrame(
        {
            "severity": ["error"] * n,
            "code": ["row-short"] * n,
            "page": ["p"] * n,
            "source_line": range(1, n + 1),
            "message": ["x" * 40 + " | <b>"] * n,
        }
    )
    pages = pd.DataFrame({"page": ["p"], "path": ["p.txt"]})
    text = ci.render_step_summary(pages, NO_TABLES, findings, paths={"p": "p.txt"})
    size = len(text.encode("utf-8"))
    assert ci.STEP_SUMMARY_BYTES - 200 < size <= ci.STEP_SUMMARY_BYTES
    assert re.search(r"_… \d+ more line\(s\) left out to keep this summary under 1 MiB", text)
    assert "\\| &lt;b&gt; |" in text  # a pipe or a tag in a message never breaks the table
    assert ci.fit_lines(["a" * 10], budget=11) == "a" * 10 + "\n"  # all fit: no note
    assert ci.fit_lines(["a" * 10], budget=10) == ""  # not even the note fits: nothing


def test_the_step_summary_budget_is_what_earlier_steps_left(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    assert ci.step_summary_budget(summary) == ci.STEP_SUMMARY_BYTES
    summary.write_bytes(b"x" * 1000)
    assert ci.step_summary_budget(summary) == ci.STEP_SUMMARY_BYTES - 1000


# --- GitLab Code Quality --------------------------------------------------------------------


def test_code_quality_issues_carry_gitlabs_required_fields(seed_frames: Frames) -> None:
    f = seed_frames
    issues = json.loads(ci.render_code_quality(f["pages"], f["tables"], f["findings"]))
    assert isinstance(issues, list) and len(issues) == len(f["findings"])
    for issue in issues:
        assert set(issue) == {"check_name", "description", "fingerprint", "severity", "location"}
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
        assert issue["location"]["path"] == "raw/2004_copa_peru.txt"
        assert isinstance(issue["location"]["lines"]["begin"], int)
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    minor = [i for i in issues if i["severity"] == "minor"]
    assert [(i["check_name"], i["location"]["lines"]["begin"]) for i in minor] == [
        ("standings-vs-results", 1307), ("standings-vs-results", 1307),
        ("standings-vs-results", 1439), ("standings-vs-results", 1439),
    ]  # fmt: skip
    assert {i["severity"] for i in issues} == {"minor", "info"}
    assert ci.CODE_QUALITY_SEVERITY["error"] == "major"


@pytest.mark.skipif(
    "gl-code-quality.json" not in run.REPORT_NAMES, reason="not yet among run.py's reports"
)
def test_extract_writes_the_code_quality_report(tmp_path: Path, seed_frames: Frames) -> None:
    assert cli.main(["extract", str(SEED), "--out", str(tmp_path / "c"), "--quiet"]) == 0
    issues = json.loads((tmp_path / "c" / "gl-code-quality.json").read_text(encoding="utf-8"))
    assert len(issues) == len(seed_frames["findings"])


def test_fingerprints_and_baseline_survive_a_line_shift(
    seed_frames: Frames, shifted_frames: Frames
) -> None:
    def issues(f: Frames) -> list[dict[str, object]]:
        parsed = json.loads(ci.render_code_quality(f["pages"], f["tables"], f["findings"]))
        assert isinstance(parsed, list)
        return parsed

    before, after = issues(seed_frames), issues(shifted_frames)
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after]
    lines = [(i["location"]["lines"]["begin"], j["location"]["lines"]["begin"])  # type: ignore[index]
             for i, j in zip(before, after, strict=True)]  # fmt: skip
    assert (1307, 1308) in lines and all(b - a in (0, 1) for a, b in lines)
    baseline = ci.render_baseline(seed_frames["findings"], seed_frames["tables"])
    assert baseline == ci.render_baseline(shifted_frames["findings"], shifted_frames["tables"])


def test_a_changed_stated_value_is_another_finding() -> None:
    a = _findings(_finding("warning", 5, team="T", field="points", stated="12"))
    b = _findings(_finding("warning", 5, team="T", field="points", stated="13"))
    assert ci.finding_keys(a, NO_TABLES) != ci.finding_keys(b, NO_TABLES)
    same = _findings(_finding("warning", 9, code="team-repeated", team="T", stated="9"))
    moved = _findings(_finding("warning", 10, code="team-repeated", team="T", stated="10"))
    assert ci.finding_keys(same, NO_TABLES) == ci.finding_keys(moved, NO_TABLES)


# --- JUnit ----------------------------------------------------------------------------------


def _cases(xml: str) -> list[ET.Element]:
    return list(ET.fromstring(xml).iter("testcase"))


def test_junit_skips_warnings_and_passes_each_table_without_one(seed_frames: Frames) -> None:
    f = seed_frames
    root = ET.fromstring(render_junit(f["tables"], f["findings"], pages=f["pages"]))
    cases = list(root.iter("testcase"))
    passing = [c for c in cases if len(c) == 0]
    skipped = [c for c in cases if c.find("skipped") is not None]
    assert len(passing) == SEED_TABLES - 1  # Region VI holds the four warnings
    assert len(skipped) == SEED_WARNINGS and len(cases) == len(passing) + len(skipped)
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("15", "0", "4")
    first = skipped[0]
    assert first.get("name") == (
        "Regional Stage › Region VI: standings-vs-results Defensor Villa del Mar goals_for"
    )
    assert (first.get("file"), first.get("line")) == ("raw/2004_copa_peru.txt", "1307")
    assert "(fails under --strict)" in first.find("skipped").get("message", "")  # type: ignore[union-attr]
    assert [s.get("name") for s in root.iter("testsuite")] == ["2004_copa_peru"]


def test_junit_under_strict_fails_warnings_as_type_warning(seed_frames: Frames) -> None:
    f = seed_frames
    xml = render_junit(f["tables"], f["findings"], pages=f["pages"], strict=True)
    failures = [c.find("failure") for c in _cases(xml) if c.find("failure") is not None]
    assert len(failures) == SEED_WARNINGS
    assert {e.get("type") for e in failures if e is not None} == {"warning"}
    body = failures[0].text if failures[0] is not None else ""
    assert body == (
        "raw/2004_copa_peru.txt:1307: warning[standings-vs-results] Defensor Villa del Mar: "
        "goals_for stated 22 but its results matrix gives 23; cells that could explain it: "
        "lines 1347, 1474.\n"
        "cells to check: raw/2004_copa_peru.txt:1347, raw/2004_copa_peru.txt:1474"
    )
    assert ET.fromstring(xml).get("failures") == "4"


def test_junit_fails_errors_skips_baselined_ones_and_escapes_page_text() -> None:
    findings = _findings(
        _finding("error", 3, "<script>alert(1)</script>\x01", team="<b>&"),
        _finding("error", 4, "again", team="<b>&"),
        _finding("info", 5),
    )
    xml = render_junit(NO_TABLES, findings)
    cases = _cases(xml)
    assert [c.get("name") for c in cases] == ["page: some-error <b>&", "page: some-error <b>& (2)"]
    failure = cases[0].find("failure")
    assert failure is not None and failure.get("type") == "error"
    assert failure.get("message") == "error[some-error] <script>alert(1)</script>\ufffd"
    accepted = render_junit(NO_TABLES, findings, baselined=[True, False, False])
    first, second = _cases(accepted)
    assert "accepted in the baseline" in first.find("skipped").get("message", "")  # type: ignore[union-attr]
    assert second.find("failure") is not None


# --- report.json ----------------------------------------------------------------------------


def test_report_json_states_every_total_even_zero() -> None:
    pages = pd.DataFrame({"page": ["p"]})
    doc = json.loads(render_json(pages, _findings(_finding("info", 1))))
    assert doc["totals"] == {"error": 0, "info": 1, "warning": 0}
    assert json.loads(render_json(pages, _findings()))["totals"]["error"] == 0


# --- Baseline -------------------------------------------------------------------------------


def test_a_baseline_round_trips_sorted_and_accepts_what_it_lists(seed_frames: Frames) -> None:
    f = seed_frames
    text = ci.render_baseline(f["findings"], f["tables"])
    doc = json.loads(text)
    entries = doc["accepted"]
    assert doc["version"] == 1 and len(entries) == SEED_WARNINGS
    assert entries[0] == {
        "code": "standings-vs-results", "count": 1, "field": "goal_difference",
        "page": "2004_copa_peru", "stated": "-13", "table": "Regional Stage › Region VI",
        "team": "Defensor Villa del Mar",
    }  # fmt: skip
    assert entries == sorted(entries, key=lambda e: [e[k] or "" for k in ci.KEY_FIELDS])
    accepted = ci.match_baseline(ci.parse_baseline(text), f["findings"], f["tables"])
    assert accepted.count == SEED_WARNINGS and accepted.gone == 0


def test_a_baseline_accepts_as_many_of_a_key_as_it_counts() -> None:
    found = _findings(_finding("warning", 1, team="A"), _finding("warning", 8, team="A"))
    key = ci.finding_keys(found, NO_TABLES)[0]
    once = ci.match_baseline(ci.Baseline({key: 1}), found, NO_TABLES)
    assert once.mask == [True, False] and once.gone == 0  # the later one is new
    thrice = ci.match_baseline(ci.Baseline({key: 3}), found, NO_TABLES)
    assert thrice.mask == [True, True] and thrice.gone == 1


@pytest.mark.parametrize(
    "text",
    ["not json", '{"version": 2, "accepted": []}', '{"version": 1, "accepted": [{"count": 1}]}',
     '{"version": 1, "accepted": [{"code": "x", "count": 0}]}'],
)  # fmt: skip
def test_a_malformed_baseline_is_refused(text: str) -> None:
    with pytest.raises(ci.BaselineError):
        ci.parse_baseline(text)


def test_extract_with_a_baseline_passes_strict_and_skips_the_accepted_in_junit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, baseline = tmp_path / "clean", tmp_path / "baseline.json"
    run = ["extract", str(SEED), "--out", str(out), "--quiet", "--strict"]
    assert cli.main([*run, "--write-baseline", str(baseline)]) == 0  # accepts all it finds
    assert cli.main([*run, "--baseline", str(baseline)]) == 0
    said = capsys.readouterr().out
    assert f"baseline: 4 accepted ({baseline}); 0 new error, 0 new warning" in said
    assert ": warning[" not in said  # accepted findings are not listed
    junit = ET.parse(out / "junit.xml").getroot()
    assert (junit.get("failures"), junit.get("skipped")) == ("0", "4")
    skipped = next(junit.iter("skipped")).get("message", "")
    assert skipped.startswith("accepted in the baseline: warning[standings-vs-results]")


def test_with_a_baseline_a_run_fails_only_on_a_new_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page, baseline = _shifted(tmp_path), tmp_path / "b.json"
    assert cli.main(["check", str(SEED), "--write-baseline", str(baseline)]) == 0
    assert "4 error(s) and warning(s) accepted" in capsys.readouterr().err
    written = baseline.read_bytes()
    strict = ["check", str(page), "--strict", "--baseline", str(baseline)]
    assert cli.main(strict) == 0  # every line moved: every finding still accepted
    printed = capsys.readouterr()
    assert "warning[" not in printed.out and "info[" in printed.out
    assert "baseline: 4 accepted" in printed.err
    lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
    pts = lines.index("Somos Aduanas\n") + 16  # its cells: Pld W D L GF GA GD Pts
    assert lines[pts] == "17\n"
    lines[pts] = "18\n"
    page.write_text("".join(lines), encoding="utf-8")
    assert cli.main(strict) == 1
    printed = capsys.readouterr()
    assert "baseline: 4 accepted" in printed.err and "0 new error, " in printed.err
    new = [line for line in printed.out.splitlines() if ": warning[" in line]
    assert new and all("Somos Aduanas" in line for line in new)
    assert baseline.read_bytes() == written  # --baseline only reads


def test_an_unreadable_baseline_or_one_written_into_out_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["check", str(SEED), "--baseline", str(tmp_path / "none.json")]) == 2
    assert "cannot read baseline" in capsys.readouterr().err
    out = tmp_path / "clean"
    argv = ["extract", str(SEED), "--out", str(out), "--write-baseline", str(out / "b.json")]
    assert cli.main(argv) == 2
    assert "replaces whole" in capsys.readouterr().err and not out.exists()


# --- Coverage -------------------------------------------------------------------------------


def test_a_coverage_line_names_tables_by_kind_findings_and_sections_without_table(
    seed_frames: Frames,
) -> None:
    f = seed_frames
    (line,) = render_coverage(
        page_coverage(f["pages"], f["tables"], f["findings"]),
        limit=20,
        markdown=False,
        pointer="clean/report.html",
    )
    assert line.startswith(
        "raw/2004_copa_peru.txt: 12 table(s) (5 league, 4 two_legged, 2 single_match, "
        "1 unknown); 0 error, 4 warning, 32 info; no table for 9 section(s): Departmental Stage,"
    )
    assert line.endswith(
        "Regional Stage › Region VII, Regional Stage › Region VIII, National Stage"
    )


def test_without_the_pages_column_coverage_reads_the_heading_findings(
    seed_frames: Frames,
) -> None:
    f = seed_frames
    pages = f["pages"].drop(columns=["sections_without_table"], errors="ignore")
    (seen,) = page_coverage(pages, f["tables"], f["findings"])
    assert "Region VII" in seen.missing and "National Stage" in seen.missing
    assert "Notes" not in seen.missing  # an appendix heading holds no table by nature


def _coverage(n: int) -> list[PageCoverage]:
    return [
        PageCoverage(f"p{i}", f"raw/p{i}.txt", (("league", 1),), 0, i % 2, 0, ("S",) * (i % 3 == 0),
                     truncated=False)
        for i in range(n)
    ]  # fmt: skip


def test_coverage_stops_at_its_limit_then_counts_the_rest_and_points_at_report_html() -> None:
    lines = render_coverage(_coverage(25), limit=20, markdown=False, pointer="clean/report.html")
    assert len(lines) == 21 and lines[19].startswith("raw/p19.txt: 1 table(s) (1 league)")
    assert lines[20] == (
        "… and 5 more page(s): 2 with errors or warnings, 2 with sections that have no table; "
        "every page is in clean/report.html"
    )


def test_report_md_lists_two_hundred_pages_then_points_at_report_html() -> None:
    n = COVERAGE_REPORT + 5
    pages = pd.DataFrame(
        {
            "page": [f"p{i}" for i in range(n)],
            "path": [f"raw/p{i}.txt" for i in range(n)],
            "tables": [0] * n,
            "truncated": [False] * n,
            "sections_without_table": [["Region <VII>"]] * n,
        }
    )
    md = render_markdown(pages, NO_TABLES, _findings())
    listed = [line for line in md.splitlines() if line.startswith("- `raw/")]
    assert len(listed) == COVERAGE_REPORT
    assert listed[0] == (
        "- `raw/p0.txt`: 0 table(s); 0 error, 0 warning, 0 info; no table for 1 section(s): "
        "Region &lt;VII&gt;"
    )
    assert md.count("raw/p204.txt") == 0
    assert (
        "- … and 5 more page(s): 0 with errors or warnings, 5 with sections that have no "
        "table; every page is in `report.html`"
    ) in md
