"""Offer the pipeline to Python: pages in, validated DataFrames and findings out, nothing written.

`extract` runs what `python -m pipeline extract` runs (the same parse, schema validation and
cross-checks, the same frames the Parquet files are written from) and returns the frames
instead of writing them. `recompute_standings` recomputes standings from results as the
`standings-vs-results` check does. Importing this module is cheap: pandas and the parser are
imported when first called (the CLI's start-up pays for neither).
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePath
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal, SupportsIndex, TypeGuard

from pipeline.findings import SEVERITIES, Finding, Severity
from pipeline.rules import STAT_FIELDS

if TYPE_CHECKING:
    import pandas as pd

    from pipeline.checks.results import Tally
    from pipeline.model import Match
    from pipeline.run import RawPage

# A source: a raw file or a folder of them, or a page held in memory as (file name, bytes).
PathSource = str | os.PathLike[str]
Source = PathSource | tuple[str, bytes]

# How walkovers, unplayed and awarded-without-score meetings count: the keys of
# `pipeline.checks.results.POLICIES`, spelled again here so that type checkers see them
# (a test keeps the two equal).
WalkoverPolicy = Literal["ignored", "played", "home-win", "away-win"]

MATCH_COLUMNS = ("home_team", "away_team", "home_goals", "away_goals", "status")
_SEVERITY: dict[str, Severity] = {s: s for s in SEVERITIES}


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Extraction:
    """What `extract` returns: one validated DataFrame per output table, by name.

    The frames are those `extract` writes as `<name>.parquet` (same columns, dtypes, rows and
    order; docs/contract.md describes them): `pages`, `tables`, `standings`, `matches`, `ties`
    and `findings` are attributes, and `frames` maps every output's name to its frame (an
    output a plug-in registers too). Rows a schema rejects are not in their frame; an
    `error` finding names each. Two extractions are never equal by value (`eq=False`:
    DataFrames have no single truth value); compare their frames.
    """

    frames: Mapping[str, pd.DataFrame]

    @property
    def pages(self) -> pd.DataFrame:
        """One row per page read (pages.parquet)."""
        return self.frames["pages"]

    @property
    def tables(self) -> pd.DataFrame:
        """One row per table found, football or not (tables.parquet)."""
        return self.frames["tables"]

    @property
    def standings(self) -> pd.DataFrame:
        """One row per team of each league table, as the page states it (standings.parquet)."""
        return self.frames["standings"]

    @property
    def matches(self) -> pd.DataFrame:
        """Matrix cells, legs, tiebreakers and single matches (matches.parquet)."""
        return self.frames["matches"]

    @property
    def ties(self) -> pd.DataFrame:
        """Two-legged ties and how the rules decide them (ties.parquet)."""
        return self.frames["ties"]

    @property
    def findings(self) -> pd.DataFrame:
        """Every finding: contradictions, unread cells, schema violations (findings.parquet)."""
        return self.frames["findings"]

    def list_findings(self, *severities: Severity) -> list[Finding]:
        """List the findings as `Finding` values, in the frame's order (page, then line).

        Given severities (`"error"`, `"warning"`, `"info"`), only those. `Finding.format()`
        renders one as `file:line: severity[code] message`, as `python -m pipeline check`
        prints it. `Finding.cells` is 0: findings.parquet does not hold it.
        """
        wanted = set(severities or SEVERITIES)
        unknown = wanted - set(SEVERITIES)
        if unknown:
            raise ValueError(f"no severity {sorted(unknown)}: choose from {list(SEVERITIES)}")
        paths = dict(zip(self.pages["page"], self.pages["path"], strict=True))
        out: list[Finding] = []
        for row in self.findings.to_dict("records"):
            severity = _SEVERITY[str(row["severity"])]
            if severity not in wanted:
                continue
            page = str(row["page"])
            out.append(
                Finding(
                    code=str(row["code"]),
                    severity=severity,
                    message=str(row["message"]),
                    page=page,
                    line=int(row["source_line"]),
                    path=str(paths.get(page, "")),
                    table_id=_text(row["table_id"]),
                    team=_text(row["team"]),
                    field=_text(row["field"]),
                    stated=_text(row["stated"]),
                    computed=_text(row["computed"]),
                    candidate_lines=tuple(int(n) for n in row["candidate_lines"]),
                )
            )
        return out

    def __repr__(self) -> str:
        counts = ", ".join(f"{name}={len(frame)}" for name, frame in self.frames.items())
        return f"Extraction({counts})"


def extract(sources: Source | Iterable[Source]) -> Extraction:
    """Parse, validate and cross-check pages; return the output frames, writing nothing.

    `sources` is one source or several, mixed: a path (str or `os.PathLike`) to a raw file
    or to a folder (read recursively, in sorted order, by the suffixes front ends read, as
    `extract` reads it), or a `(name, bytes)` pair for a page held in memory. A pair's name is
    the file name or path it is shown as (`pages.path`, findings); its stem names the page
    (`2004_copa_peru.txt` is page `2004_copa_peru`) and its suffix breaks a tie between
    renderings. Pages are named as `python -m pipeline extract` names them: where two sources
    share a stem (`x.txt`, `x.html`), each is named by its file name.

    Bad bytes give findings, never an exception. An input that cannot be read raises
    `pipeline.InputError` (`pipeline.storage.InputError`) with a message saying which and why:
    a path that does not exist, a folder holding no page, a FIFO or device, a symlink loop,
    a file name with a line break or not UTF-8, two sources that would be the same page.
    No sources gives empty frames with every column.
    """
    pages = _read_sources(_as_list(sources))
    from pipeline.outputs import outputs
    from pipeline.run import assemble, parse_each

    # Streamed as the CLI streams: each page's parse result is dropped once its rows are taken.
    frames = assemble(parse_each(pages)).frames
    ordered = {o.name: frames[o.name] for o in outputs()}  # the order the files are written in
    return Extraction(MappingProxyType(ordered))


def recompute_standings(
    matches: pd.DataFrame | Iterable[Match],
    *,
    points_for_win: int = 3,
    walkovers: WalkoverPolicy = "ignored",
    kinds: Collection[str] = ("league",),
) -> pd.DataFrame:
    """Recompute each team's standings row from its results, as the cross-check does.

    `matches` is the matches output (`Extraction.matches`, or matches.parquet read back: the
    columns `home_team`, `away_team`, `home_goals`, `away_goals` and `status` are needed,
    `table_id` and `kind` used where present) or `Match` values. Only matches of `kinds` count:
    by default results-matrix cells (`league`), which the `standings-vs-results` check
    recomputes from; pass `{"league", "single"}` to count single matches too.

    Each table is recomputed on its own (a team in two tables gets two rows), as the check
    recomputes each standings table from its matrix; `Match` values carry no table, so they
    count as one (`table_id` null). Teams are those the matches name, in order of appearance;
    a matrix printed apart from its standings names them as the matrix does.

    A `played` match counts with both its goals stated; a `pending` one, or one without its
    goals, never. Walkovers, `not_played` meetings and awards count as `walkovers` says:
    `ignored` (the default, and the check's first choice): walkovers and unplayed meetings
    not at all, an award with its score as written where it has one; `played`: each in Pld
    only; `home-win` or `away-win`: each as a 3–0 win. The check tries the four per table,
    keeps the one that reconciles the table best and names it in a `walkover-policy` info.

    Returns one row per team: `table_id`, `team`, `played`, `won`, `drawn`, `lost`,
    `goals_for`, `goals_against`, `goal_difference` and `points` (`points_for_win` a win,
    one a draw; the check takes 2 where the table's own rows show two points a win).
    """
    import pandas as pd

    from pipeline.checks.results import POLICIES
    from pipeline.checks.results import recompute_standings as tally

    if walkovers not in POLICIES:
        raise ValueError(f"walkovers={walkovers!r}: choose one of {', '.join(POLICIES)}")
    groups: dict[str | None, list[Match]] = {}
    for table_id, match in _matches_of(matches, frozenset(kinds)):
        groups.setdefault(table_id, []).append(match)
    table_ids: list[str | None] = []
    team_names: list[str] = []
    counts: dict[str, list[int]] = {n: [] for n in STAT_FIELDS}
    for table_id, group in groups.items():
        teams = _teams_of(group)
        tallies: dict[str, Tally] = tally(teams, group, walkovers)
        for team in teams:
            stats = tallies[team].as_stats(points_for_win)
            table_ids.append(table_id)
            team_names.append(team)
            for name, values in counts.items():
                values.append(stats[name])
    return pd.DataFrame(
        {
            "table_id": pd.array(table_ids, dtype="str"),
            "team": pd.array(team_names, dtype="str"),
            **{n: pd.array(values, dtype="Int64") for n, values in counts.items()},
        }
    )


def _text(value: object) -> str | None:
    """A findings cell as text, None where it is null."""
    return value if isinstance(value, str) else None


def _is_pair(value: object) -> TypeGuard[tuple[str, bytes]]:
    """Tell whether a source is a `(name, bytes)` pair (bytearray and memoryview too)."""
    return (
        isinstance(value, tuple)
        and len(value) == 2
        and isinstance(value[0], str)
        and isinstance(value[1], bytes | bytearray | memoryview)
    )


def _as_list(sources: Source | Iterable[Source]) -> list[Source]:
    """One source or several, as a list."""
    if isinstance(sources, str | os.PathLike) or _is_pair(sources):
        return [sources]
    if isinstance(sources, bytes | bytearray | memoryview):
        raise TypeError("bytes need a name: pass a (name, bytes) pair, e.g. ('page.html', data)")
    listed: list[Source] = []
    for source in sources:
        if not (isinstance(source, str | os.PathLike) or _is_pair(source)):
            raise TypeError(
                "a source is a path (str or os.PathLike) or a (name, bytes) pair, "
                f"not {type(source).__name__}"
            )
        listed.append(source)
    return listed


def _read_sources(sources: list[Source]) -> list[RawPage]:
    """Read every source once and name its page as `python -m pipeline extract` does."""
    from pipeline import ids
    from pipeline.frontends import suffixes
    from pipeline.run import RawPage
    from pipeline.storage import InputError, display_path, find_inputs, read_page

    # (file name, what it is shown as, a file to read or the bytes held), in source order.
    entries: list[tuple[str, str, Path | bytes]] = []
    files: set[Path] = set()  # a file named twice is read once
    for source in sources:
        if isinstance(source, tuple):  # a (name, bytes) pair: `_as_list` let no other through
            name, data = source
            _check_pair_name(name)
            entries.append((PurePath(name).name, name, bytes(data)))
            continue
        path = Path(source)
        if not path.exists():
            raise InputError(f"no such file or folder: {path}")
        found = find_inputs([path]).files
        if not found:
            readable = ", ".join(f"*{s}" for s in suffixes())
            raise InputError(f"no pages ({readable}) under {path}")
        for file, given in found:
            if file.resolve() not in files:
                files.add(file.resolve())
                entries.append((file.name, display_path(file, given), file))
    # The same article as `x.txt` and `x.html` is two pages: where stems meet, the file name
    # (with its suffix) names each, whatever the order the sources come in (as the CLI does).
    stems: dict[str, set[str]] = {}
    for file_name, _, _ in entries:
        stems.setdefault(ids.page_id(file_name), set()).add(file_name)
    pages: list[RawPage] = []
    by_name: dict[str, str] = {}
    for file_name, shown, held in entries:
        page = ids.page_id(file_name)
        if len(stems[page]) > 1:
            page = file_name
        if page in by_name:
            raise InputError(
                f"{by_name[page]} and {shown} would both be page '{page}'; rename one "
                "(page names key every output table)"
            )
        by_name[page] = shown
        if isinstance(held, bytes):
            pages.append(RawPage(page=page, path=shown, data=held))
            continue
        try:
            pages.append(read_page(held, shown, page))
        except OSError as err:
            raise InputError(f"cannot read {held}: {err.strerror or err}") from err
    return pages


def _check_pair_name(name: str) -> None:
    """A pair's name must name a file: findings and reports show it as `name:line`."""
    from pipeline.storage import InputError

    if not PurePath(name).name or name.endswith(("/", os.sep)):
        raise InputError(f"a (name, bytes) source needs a file name, not {name!r}")
    if "\n" in name or "\r" in name:
        raise InputError(f"a source's name holds a line break: {name!r}")


def _matches_of(
    matches: pd.DataFrame | Iterable[Match], kinds: frozenset[str]
) -> Iterator[tuple[str | None, Match]]:
    """Each counted match with its table's ID (None for `Match` values: they name none)."""
    import pandas as pd

    from pipeline.model import Match

    if not isinstance(matches, pd.DataFrame):
        for match in matches:
            if not isinstance(match, Match):
                raise TypeError(
                    "matches are a pandas DataFrame (the matches output) or Match values, "
                    f"not {type(match).__name__}"
                )
            if match.kind in kinds:
                yield None, match
        return
    missing = [c for c in MATCH_COLUMNS if c not in matches.columns]
    if missing:
        raise ValueError(
            f"the matches frame lacks {', '.join(missing)}: pass the matches output "
            "(Extraction.matches or matches.parquet)"
        )
    n = len(matches)
    table_ids = matches["table_id"] if "table_id" in matches.columns else pd.Series([None] * n)
    match_kinds = matches["kind"] if "kind" in matches.columns else pd.Series(["league"] * n)
    lines = matches["source_line"] if "source_line" in matches.columns else pd.Series([0] * n)
    rows = zip(table_ids, match_kinds, lines, *(matches[c] for c in MATCH_COLUMNS), strict=True)
    for table_id, kind, line, home, away, home_goals, away_goals, status in rows:
        if kind not in kinds:
            continue
        match = Match(
            line=_count(line) or 0,
            kind=str(kind),
            home_team=_text(home),
            away_team=_text(away),
            home_goals=_count(home_goals),
            away_goals=_count(away_goals),
            home_penalties=None,
            away_penalties=None,
            extra_time=False,
            status=str(status),
            neutral=False,
            score_text="",
        )
        yield _text(table_id), match


def _count(value: object) -> int | None:
    """A nullable integer cell as an int, None where it is null (pd.NA, NaN, None).

    Goals read back from a CSV are floats (2.0): those count as the integers they hold.
    """
    if isinstance(value, SupportsIndex):  # int and the numpy integers
        return value.__index__()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _teams_of(matches: list[Match]) -> list[str]:
    """The teams the matches name, in order of appearance."""
    seen: dict[str, None] = {}
    for m in matches:
        for team in (m.home_team, m.away_team):
            if team is not None:
                seen.setdefault(team)
    return list(seen)
