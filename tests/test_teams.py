"""Pairing a results matrix's team names with a table's (pipeline.teams): on evidence only."""

from __future__ import annotations

from pipeline.teams import Team, pair_teams

# Names as the 2008–09 Egyptian Premier League article prints them: the table, then the matrix.
TABLE = [
    Team("Al-Ahly", "El Ahly"), Team("Ismaily", "Ismaily"), Team("Masry", "El Masry"),
    Team("El Geish", "El-Jaish"), Team("ENPPI", "ENPPI Club"), Team("Olympi", "El-Olympi"),
    Team("Tersana", "Tersana"), Team("Petrojet", "Petrojet"),
]  # fmt: skip
MATRIX = [
    Team("Al Ahly", "Al-Ahly S.C."), Team("Ismaily", "Ismaily SC"), Team("Al Masry", "Al-Masry"),
    Team("Tala'ea El Gaish", "Tala'ea El-Gaish SC"), Team("ENPPI", "ENPPI Club"),
    Team("Olympi", "El-Olympi"), Team("Tersana", "Tersana"), Team("Petrojet", "Petrojet FC"),
]  # fmt: skip


def test_names_pair_by_name_link_spelling_words_and_the_last_left() -> None:
    pairing = pair_teams(TABLE, MATRIX)
    assert pairing is not None
    assert pairing.renamed == [
        ("Al Ahly", "Al-Ahly", "spelling"),
        ("Al Masry", "Masry", "words"),
        ("Tala'ea El Gaish", "El Geish", "last left"),
    ]
    assert pairing.how["ENPPI"] == "name"


def test_links_pair_names_that_differ() -> None:
    table = [Team("St.Georges", "St. George's F.C."), Team("Mellieha (R))", "Mellieha S.C."),
             Team("Marsa", "Marsa F.C.")]  # fmt: skip
    matrix = [Team("St. George's", "St. George's F.C."), Team("Mellieha", "Mellieha S.C."),
              Team("Marsa", "Marsa F.C.")]  # fmt: skip
    pairing = pair_teams(table, matrix)
    assert pairing is not None
    assert pairing.names == {"St. George's": "St.Georges", "Mellieha": "Mellieha (R))",
                             "Marsa": "Marsa"}  # fmt: skip


def test_tables_of_other_teams_never_pair() -> None:
    other = [Team(f"Club {n}") for n in "ABCDEFGH"]
    assert pair_teams(TABLE, other) is None
    # Fewer than three quarters paired on evidence: elimination is not tried.
    half = [*MATRIX[:5], Team("Zed"), Team("Yon"), Team("Xis")]
    assert pair_teams(TABLE, half) is None
    assert pair_teams(TABLE, MATRIX[:-1]) is None  # not the same number of teams


def test_two_candidates_for_one_name_are_not_guessed() -> None:
    same = [Team(n) for n in ("Sporting", "Porto", "Braga", "Benfica", "Boavista", "Maritimo")]
    table = [Team("Nacional"), Team("Nacional B"), *same]
    matrix = [Team("Club Nacional"), Team("Nacional Reserves"), *same]
    # Six of eight pair by name; `Nacional` is inside both others: no pair is guessed.
    assert pair_teams(table, matrix) is None
    assert pair_teams(table, [Team("Club Nacional"), Team("Nacional B"), *same]) is not None
