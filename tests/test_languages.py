"""Case file: other Wikipedias' table vocabulary: header lines read in one language, score marks."""

from __future__ import annotations

import pytest

from pipeline.languages import (
    ENGLISH_HEADERS,
    EXTRA_TIME_MARKS,
    LANGUAGE_HEADERS,
    NOT_PLAYED_WORDS,
    PENALTY_MARKS,
    STANDINGS_LABELS,
    STANDINGS_NAMES,
    TIE_LABELS,
    TIE_NAMES,
    WALKOVER_WORDS,
    header_language,
    header_names,
)

WDL = ["played", "won", "drawn", "lost"]
GOALS = ["goals_for", "goals_against", "goal_difference"]


def printed(line: str) -> list[str]:
    """A header line's labels, one a space (no label below has a space in it)."""
    return line.split()


# One header line a language, as that Wikipedia's league tables print it, with its names.
HEADERS = [
    ("es", "Pos Equipo PJ PG PE PP GF GC DG Pts",
     ["position", "team", *WDL, *GOALS, "points"]),
    ("es", "Pos. Equipo Pts. PJ G E P GF GC Dif.",
     ["position", "team", "points", *WDL, *GOALS]),
    ("pt", "Pos Equipe Pts J V E D GP GC SG",
     ["position", "team", "points", *WDL, *GOALS]),
    ("fr", "Rang Équipe Pts J G N P BP BC Diff",
     ["position", "team", "points", *WDL, *GOALS]),
    ("it", "Pos. Squadra Pt G V N P GF GS DR",
     ["position", "team", "points", *WDL, *GOALS]),
    ("de", "Pl. Verein Sp. S U N Tore Diff. Pkt.",
     ["position", "team", *WDL, "goals_for", "goal_difference", "points"]),
    ("nl", "Pos. Club Wed W G V Pnt DV DT DS",
     ["position", "team", *WDL, "points", *GOALS]),
    ("pl", "Poz. Drużyna M Pkt. Z R P Bramki +/-",
     ["position", "team", "played", "points", "won", "drawn", "lost", "goals_for",
      "goal_difference"]),
    ("tr", "Sıra Takım O G B M A Y Av P",
     ["position", "team", *WDL, *GOALS, "points"]),
    ("tr", "Sıra Takım O G B M AG YG AV P",
     ["position", "team", *WDL, *GOALS, "points"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("language", "line", "names"), HEADERS, ids=[f"{lang}:{line}" for lang, line, _ in HEADERS]
)
def test_a_header_line_is_read_in_its_own_language(
    language: str, line: str, names: list[str]
) -> None:
    labels = printed(line)
    assert header_language(labels) == language
    assert header_names(labels, language) == names
    assert [LANGUAGE_HEADERS[language][label.lower()] for label in labels] == names


@pytest.mark.parametrize(
    "line", ["Pos Team Pld W D L GF GA GD Pts", "Pos Team P W D L F A GD Pts", "Pos Club GP W D L"]
)
def test_an_english_header_stays_english(line: str) -> None:
    labels = printed(line)
    assert header_language(labels) == "en"
    assert header_names(labels, "en")[2:6] == WDL


def test_a_tie_between_english_and_another_language_is_english() -> None:
    # `Pos`, `Club` and `Pts` are read alike in English, Spanish and Dutch.
    assert header_language(["Pos", "Club", "Pts"]) == "en"


@pytest.mark.parametrize("labels", [["Pos", "Pts"], ["Goles", "Ronda", "Fecha"], []])
def test_a_header_with_fewer_than_three_known_labels_has_no_language(labels: list[str]) -> None:
    assert header_language(labels) is None


def test_a_header_is_read_in_any_case_and_spacing() -> None:
    assert header_language(["PL.", "VEREIN", "SP.", "  S ", "U", "N"]) == "de"
    assert header_language(["pos", "equipo", "partidos  jugados", "puntos"]) == "es"


# The same printed label, one language at a time: (label, language, name).
AMBIGUOUS = [
    ("g", "es", "won"), ("g", "fr", "won"), ("g", "tr", "won"), ("g", "it", "played"),
    ("g", "nl", "drawn"),
    ("n", "fr", "drawn"), ("n", "it", "drawn"), ("n", "de", "lost"),
    ("d", "en", "drawn"), ("d", "pt", "lost"),
    ("p", "en", "played"), ("p", "es", "lost"), ("p", "fr", "lost"), ("p", "it", "lost"),
    ("p", "pl", "lost"), ("p", "tr", "points"),
    ("v", "it", "won"), ("v", "pt", "won"), ("v", "nl", "lost"),
    ("gp", "en", "played"), ("gp", "pt", "goals_for"),
    ("gs", "it", "goals_against"), ("gs", "nl", "played"),
    ("a", "en", "goals_against"), ("a", "tr", "goals_for"),
    ("m", "pl", "played"), ("m", "tr", "lost"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("label", "language", "name"), AMBIGUOUS, ids=[f"{lab}-{lang}" for lab, lang, _ in AMBIGUOUS]
)
def test_an_ambiguous_label_means_what_its_language_says(
    label: str, language: str, name: str
) -> None:
    known = ENGLISH_HEADERS if language == "en" else LANGUAGE_HEADERS[language]
    assert known[label] == name
    assert label not in STANDINGS_LABELS


def test_the_same_letters_resolve_differently_in_two_headers() -> None:
    french = printed("Rang Équipe Pts J G N P BP BC Diff")
    german = printed("Pl. Verein Sp. S U N Tore Diff. Pkt.")
    assert header_names(french, "fr")[french.index("N")] == "drawn"
    assert header_names(german, "de")[german.index("N")] == "lost"
    portuguese = printed("Pos Equipe Pts J V E D GP GC SG")
    english = printed("Pos Team Pld W D L GF GA GD Pts")
    assert header_names(portuguese, "pt")[portuguese.index("D")] == "lost"
    assert header_names(english, "en")[english.index("D")] == "drawn"


def test_dutch_g_printed_twice_is_played_then_drawn() -> None:
    labels = printed("# Club G W G V DV DT DS Ptn")
    assert header_language(labels) == "nl"
    assert header_names(labels, "nl")[2:6] == WDL


def test_dutch_g_printed_once_after_w_is_drawn() -> None:
    labels = printed("Pos. Club Wed W G V Pnt")
    assert header_names(labels, "nl")[3:6] == ["won", "drawn", "lost"]


def test_every_standings_label_means_one_thing_in_every_language() -> None:
    for label, name in STANDINGS_LABELS.items():
        meanings = {m[label] for m in (ENGLISH_HEADERS, *LANGUAGE_HEADERS.values()) if label in m}
        assert meanings == {name}, label


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("pj", "played"), ("pj.", "played"), ("equipo", "team"), ("squadra", "team"),
        ("pkt", "points"), ("pkt.", "points"), ("sıra", "position"), ("bp", "goals_for"),
        ("gc", "goals_against"), ("dg", "goal_difference"), ("sp.", "played"), ("w", "won"),
        ("e", "drawn"), ("av", "goal_difference"), ("dv", "goals_for"), ("pts", "points"),
    ],
)  # fmt: skip
def test_unambiguous_labels_are_shared(label: str, name: str) -> None:
    assert STANDINGS_LABELS[label] == name


def test_an_english_word_with_another_meaning_is_not_shared() -> None:
    assert LANGUAGE_HEADERS["pt"]["time"] == "team"
    assert "time" not in STANDINGS_LABELS  # an English kick-off time column


def test_every_map_names_canonical_columns_in_lower_case() -> None:
    for labels in (ENGLISH_HEADERS, *LANGUAGE_HEADERS.values()):
        assert set(labels.values()) <= STANDINGS_NAMES
        assert all(label == label.lower() for label in labels)
    for ties in TIE_LABELS.values():
        assert set(ties.values()) <= TIE_NAMES
        assert all(label == label.lower() for label in ties)
    assert set(LANGUAGE_HEADERS) == set(TIE_LABELS) == {
        "es", "pt", "fr", "it", "de", "nl", "pl", "tr",
    }  # fmt: skip


TIES = [
    ("es", "Equipo 1 | Global | Equipo 2 | Ida | Vuelta"),
    ("pt", "Equipe 1 | Agregado | Equipe 2 | Ida | Volta"),
    ("fr", "Équipe 1 | Score cumulé | Équipe 2 | Aller | Retour"),
    ("it", "Squadra 1 | Tot. | Squadra 2 | Andata | Ritorno"),
    ("de", "Heim | Gesamt | Gast | Hinspiel | Rückspiel"),
    ("nl", "Thuis | Totaal | Uit | Heen | Terug"),
    ("pl", "Drużyna 1 | Dwumecz | Drużyna 2 | 1. mecz | 2. mecz"),
    ("tr", "Takım 1 | Toplam | Takım 2 | 1. maç | 2. maç"),
]


@pytest.mark.parametrize(("language", "line"), TIES, ids=[lang for lang, _ in TIES])
def test_a_two_legged_tie_header_names_its_columns(language: str, line: str) -> None:
    labels = [label.strip().lower() for label in line.split("|")]
    names = [TIE_LABELS[language][label] for label in labels]
    assert names == ["team1", "aggregate", "team2", "leg1", "leg2"]


@pytest.mark.parametrize(
    ("language", "label", "name"),
    [("es", "penales", "penalties"), ("it", "rigori", "penalties"), ("de", "ergebnis", "score"),
     ("nl", "strafschoppen", "penalties"), ("fr", "tirs au but", "penalties"),
     ("pt", "placar", "score"), ("pl", "wynik", "score"), ("tr", "skor", "score")],
)  # fmt: skip
def test_a_tie_score_or_shootout_column_is_named(language: str, label: str, name: str) -> None:
    assert TIE_LABELS[language][label] == name


@pytest.mark.parametrize(
    "word",
    ["W.O.", "wo", "w/o", "Walkover", "forfait", "forf.", "kampflos", "a tavolino", "walkower",
     "hükmen", "reglementair", "no se presentó"],
)  # fmt: skip
def test_a_walkover_word_is_a_walkover(word: str) -> None:
    assert word.lower() in WALKOVER_WORDS
    assert word.lower() not in NOT_PLAYED_WORDS


@pytest.mark.parametrize("word", ["n.p.", "N.P.", "NP", "n/p", "not played"])
def test_n_p_is_not_played_never_a_walkover(word: str) -> None:
    assert word.lower() in NOT_PLAYED_WORDS
    assert word.lower() not in WALKOVER_WORDS


@pytest.mark.parametrize(
    "mark",
    ["p", "(p)", "pen.", "pens.", "pk", "i. E.", "n. E.", "n.E.", "d.c.r.", "t.a.b.", "tab",
     "pên.", "k.", "n.s."],
)  # fmt: skip
def test_a_penalty_mark_means_a_shootout(mark: str) -> None:
    assert mark.lower() in PENALTY_MARKS
    assert mark.lower() not in EXTRA_TIME_MARKS


@pytest.mark.parametrize(
    "mark", ["a.e.t.", "aet", "n. V.", "n.V.", "a.p.", "d.t.s.", "prorr.", "pd.", "dogr."]
)
def test_an_extra_time_mark_means_extra_time(mark: str) -> None:
    assert mark.lower() in EXTRA_TIME_MARKS
    assert mark.lower() not in PENALTY_MARKS


def test_score_word_sets_are_lower_case_and_disjoint() -> None:
    sets = [WALKOVER_WORDS, NOT_PLAYED_WORDS, PENALTY_MARKS, EXTRA_TIME_MARKS]
    for words in sets:
        assert words and all(word == word.lower() for word in words)
    for i, first in enumerate(sets):
        for second in sets[i + 1 :]:
            assert not first & second, first & second
