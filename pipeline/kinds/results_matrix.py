"""Read a results matrix that stands alone: a corner, N team abbreviations, N rows of scores."""

from __future__ import annotations

from pipeline.document import Grid
from pipeline.kinds import Account, Columns, Records, TableContext
from pipeline.kinds.league import check_matrix_size, read_matrix, team_columns


class ResultsMatrix:
    """Home team down the side, away team across the top; its matches are `league` matches."""

    name = "results_matrix"
    outputs: tuple[str, ...] = ("matches",)
    reads = frozenset({"team"})

    def recognise(self, grid: Grid) -> Columns | None:
        labels = grid.labels
        n = len(labels) - 1
        if n < 2 or len(grid.rows) < 2:
            return None
        for row in grid.rows:
            first = row.cells[0] if row.cells else None
            if first is None or not first.value.is_name or len(row.cells) != n + 1:
                return None
            if any(c is not None and not c.value.is_match for c in row.cells[1:]):
                return None
        return Columns(("team", *("matrix",) * n), tuple(t.strip() for t in labels[1:]))

    def read(self, ctx: TableContext, account: Account) -> Records:
        # Team names are the rows' data (home teams); there is no standings row to write.
        teams, links = team_columns(ctx)
        matches = tuple(read_matrix(ctx, account, teams, links))
        check_matrix_size(ctx, account, len(ctx.grid.rows))
        return Records(
            {"matches": matches}, rows=len(matches), abbreviations=ctx.columns.abbreviations
        )


RESULTS_MATRIX = ResultsMatrix()
