"""Hold football table vocabulary of other Wikipedias as data: header labels, walkover words.

A league table's header is read in ONE language: the same short label means different things
on different Wikipedias (`N` is *nul* = drawn in French but *Niederlage* = lost in German; `D`
is drawn in English but *derrotas* = lost in Portuguese; `P` is played in English, *perdidos* =
lost in Spanish and *puan* = points in Turkish). `header_language` picks the language whose
labels cover a header best; `LANGUAGE_HEADERS[code]` then names its columns. `STANDINGS_LABELS`
keeps only the labels that mean the same thing in every language here, English included.

Every label is lower case, as `str.lower()` leaves it. Canonical names are those of
`pipeline.rules.STANDINGS_ALIASES` and `TIE_ALIASES`.

Evidence: the stored search corpora hold no copy of the other Wikipedias' `Module:Sports
table` localisations, so the headers below are the forms those Wikipedias' season articles
print as recalled, each group checked against tables in the same language found in the corpora
(sites cited per group). Forms with no such check are marked "unverified".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Final

STANDINGS_NAMES: Final[frozenset[str]] = frozenset(
    {
        "position", "team", "played", "won", "drawn", "lost", "goals_for", "goals_against",
        "goal_difference", "points", "qualification",
    }
)  # fmt: skip
TIE_NAMES: Final[frozenset[str]] = frozenset(
    {"team1", "team2", "aggregate", "leg1", "leg2", "score", "penalties"}
)

# A header needs this many labels read in one language before that language is trusted.
MIN_COVERED_LABELS: Final[int] = 3

_WORD_RE = re.compile(r"^[^\W\d_]+$")  # one word of letters: it may be printed with a dot


def _with_dots(labels: Mapping[str, str]) -> dict[str, str]:
    """The labels plus their other spelling: `pkt` for `pkt.`, `pts.` for `pts`."""
    out = dict(labels)
    for label, name in labels.items():
        bare = label.removesuffix(".")
        if _WORD_RE.match(bare):
            out.setdefault(bare, name)
            out.setdefault(f"{bare}.", name)
    return out


# Read the same in every language: a rank sign and the goal-difference signs (`+/−` with
# U+2212 is how Module:Sports table's output often reaches text exports).
_SHARED: Final[dict[str, str]] = {
    "#": "position",
    "+/-": "goal_difference",
    "+/−": "goal_difference",
    "±": "goal_difference",
}

# English Wikipedia, Module:Sports table (style WDL): `Pos Team Pld W D L GF GA GD Pts
# Qualification or relegation`; older hand tables print `P W D L F A` and `GP`/`MP` for
# played. Same meanings as pipeline.rules.STANDINGS_ALIASES.
ENGLISH_HEADERS: Final[dict[str, str]] = _with_dots(
    {
        **_SHARED,
        "pos": "position", "position": "position", "team": "team", "club": "team",
        "p": "played", "pld": "played", "mp": "played", "gp": "played", "played": "played",
        "w": "won", "won": "won", "d": "drawn", "drawn": "drawn", "l": "lost", "lost": "lost",
        "f": "goals_for", "gf": "goals_for", "goals for": "goals_for",
        "a": "goals_against", "ga": "goals_against", "goals against": "goals_against",
        "gd": "goal_difference", "goal difference": "goal_difference",
        "pts": "points", "points": "points",
        "qualification": "qualification", "qualification or relegation": "qualification",
        "promotion or relegation": "qualification", "relegation": "qualification",
    }
)  # fmt: skip

# Spanish (es.wikipedia season articles): `Pos. Equipo Pts. PJ G E P GF GC Dif.` and the
# older hand tables `Pos Equipo PJ PG PE PP GF GC DG Pts`. G/E/P = ganados, empatados,
# perdidos. Checked against: a Spanish-language scraper of es.wikipedia tables reading
# `Pos Equipo PJ G E P GF GC Dif Pts`; promiedos/Liga tables `Equipo Pts PJ PG PE PP GF GC DIF`.
# `Clasificación o descenso` is the Spanish title of the qualification column (unverified).
_SPANISH: Final[dict[str, str]] = {
    "pos": "position", "posición": "position", "puesto": "position",
    "equipo": "team", "equipos": "team", "club": "team",
    "pj": "played", "j": "played", "partidos jugados": "played", "jugados": "played",
    "pg": "won", "g": "won", "ganados": "won", "partidos ganados": "won",
    "pe": "drawn", "e": "drawn", "empatados": "drawn", "partidos empatados": "drawn",
    "pp": "lost", "p": "lost", "perdidos": "lost", "partidos perdidos": "lost",
    "gf": "goals_for", "goles a favor": "goals_for",
    "gc": "goals_against", "goles en contra": "goals_against",
    "dg": "goal_difference", "dif": "goal_difference", "diferencia de goles": "goal_difference",
    "diferencia de gol": "goal_difference",
    "pts": "points", "ptos": "points", "puntos": "points",
    "clasificación o descenso": "qualification", "clasificación": "qualification",
    "descenso": "qualification", "ascenso o descenso": "qualification",
}  # fmt: skip

# Portuguese (pt.wikipedia, Brazilian leagues): `Pos Equipe Pts J V E D GP GC SG`: jogos,
# vitórias, empates, derrotas, gols pró, gols contra, saldo de gols; European Portuguese
# tables print `GM GS DG` (golos marcados, sofridos, diferença de golos). Checked against:
# futebolscore.com `# Equipe Total V E D +/- Pts`; cbf.com.br `PTS J V E D`. The column
# titles `Qualificação ou rebaixamento` / `Apuramento ou despromoção` are unverified.
_PORTUGUESE: Final[dict[str, str]] = {
    "pos": "position", "posição": "position", "colocação": "position",
    "equipe": "team", "equipa": "team", "time": "team", "clube": "team",
    "j": "played", "jogos": "played", "pj": "played",
    "v": "won", "vitórias": "won", "e": "drawn", "empates": "drawn",
    "d": "lost", "derrotas": "lost",
    "gp": "goals_for", "gm": "goals_for", "gols pró": "goals_for", "golos marcados": "goals_for",
    "gc": "goals_against", "gs": "goals_against", "gols contra": "goals_against",
    "golos sofridos": "goals_against",
    "sg": "goal_difference", "dg": "goal_difference", "saldo de gols": "goal_difference",
    "saldo": "goal_difference", "diferença de golos": "goal_difference",
    "pts": "points", "pontos": "points",
    "qualificação ou rebaixamento": "qualification",
    "classificação ou rebaixamento": "qualification",
    "apuramento ou despromoção": "qualification", "rebaixamento": "qualification",
    "despromoção": "qualification",
}  # fmt: skip

# French (fr.wikipedia): `Rang Équipe Pts J G N P Bp Bc Diff`: joués, gagnés, nuls, perdus,
# buts pour, buts contre. Checked against: maxifoot.fr Ligue 1 `Pos Equipe Pts J G N P Bp Bc
# Diff`; topmercato.com `# Équipe Pts J G N D Diff BP BC`; fr.wikinews Modèle:Classement début
# `Pl. Équipe Joués V E D bp bc +/- Points` (V/E/D = victoires, égalités, défaites).
_FRENCH: Final[dict[str, str]] = {
    "rang": "position", "pos": "position", "pl": "position", "place": "position",
    "position": "position",
    "équipe": "team", "equipe": "team", "club": "team",
    "j": "played", "joués": "played", "matchs joués": "played",
    "g": "won", "v": "won", "gagnés": "won", "victoires": "won",
    "n": "drawn", "e": "drawn", "nuls": "drawn", "matchs nuls": "drawn",
    "p": "lost", "d": "lost", "perdus": "lost", "défaites": "lost",
    "bp": "goals_for", "buts pour": "goals_for", "bc": "goals_against",
    "buts contre": "goals_against",
    "diff": "goal_difference", "différence": "goal_difference",
    "différence de buts": "goal_difference",
    "pts": "points", "points": "points",
    "qualification ou relégation": "qualification", "qualification": "qualification",
    "relégation": "qualification", "promotion ou relégation": "qualification",
}  # fmt: skip

# Italian (it.wikipedia, Serie A seasons): `Pos. Squadra Pt G V N P GF GS DR`: giocate,
# vinte, nulle (pareggiate), perse, gol fatti, gol subiti, differenza reti. Checked against:
# olympicsalerno.it `pos Squadra pt G V N P GF GS DR` with its key `G=Giocate; V=Vinte;
# N=Pareggiate; P=Perse; GF=Gol fatti; GS=Gol subiti`. Column titles `Qualificazione o
# retrocessione` are unverified.
_ITALIAN: Final[dict[str, str]] = {
    "pos": "position", "posizione": "position",
    "squadra": "team", "squadre": "team", "club": "team",
    "g": "played", "giocate": "played", "partite giocate": "played",
    "v": "won", "vinte": "won", "vittorie": "won",
    "n": "drawn", "pareggiate": "drawn", "pareggi": "drawn", "nulle": "drawn",
    "p": "lost", "perse": "lost", "sconfitte": "lost",
    "gf": "goals_for", "gol fatti": "goals_for", "gs": "goals_against",
    "gol subiti": "goals_against",
    "dr": "goal_difference", "diff": "goal_difference", "differenza reti": "goal_difference",
    "pt": "points", "pti": "points", "pts": "points", "punti": "points",
    "qualificazione o retrocessione": "qualification", "qualificazione": "qualification",
    "retrocessione": "qualification", "promozione o retrocessione": "qualification",
}  # fmt: skip

# German (de.wikipedia, Bundesliga seasons): `Pl. Verein Sp. S U N Tore Diff. Punkte`:
# Spiele, Siege, Unentschieden, Niederlagen. `Tore` is one cell `62:31`, goals for then
# against: it names goals_for, and the reader splits the pair. Checked against: klamm.de
# `Pl. Verein Sp S U N Tore Diff. Pkt.`; fussballdaten.de `Pl. Mannschaft Sp. S U V Tore Diff.
# Pkt` (V = verloren there, not printed on de.wikipedia, left out).
_GERMAN: Final[dict[str, str]] = {
    "pl": "position", "platz": "position", "rang": "position", "pos": "position",
    "verein": "team", "mannschaft": "team", "klub": "team", "club": "team",
    "sp": "played", "spiele": "played",
    "s": "won", "siege": "won", "u": "drawn", "unentschieden": "drawn", "remis": "drawn",
    "n": "lost", "niederlagen": "lost",
    "tore": "goals_for", "gegentore": "goals_against",
    "diff": "goal_difference", "differenz": "goal_difference", "tordifferenz": "goal_difference",
    "pkt": "points", "punkte": "points",
    "qualifikation oder abstieg": "qualification", "qualifikation": "qualification",
    "abstieg": "qualification", "auf- oder abstieg": "qualification",
}  # fmt: skip

# Dutch (nl.wikipedia, Eredivisie seasons): `Pos. Club Wed W G V Pnt DV DT DS` and tables
# with two `G` columns, `# Club G W G V DV DT DS Ptn`: gespeeld, winst, gelijk, verlies,
# doelpunten voor, tegen, doelsaldo. A single `G` after `W` is gelijk; where a header prints
# `G` twice the first is gespeeld (REPEATED_LABELS). Checked against: a Dutch standings page
# `# Team G(Gespeeld) W(Gewonnen) G(Gelijk) V(Verloren) DV DT DS(Doelsaldo) Ptn(Punten)`.
_DUTCH: Final[dict[str, str]] = {
    "pos": "position", "positie": "position", "pl": "position", "plaats": "position",
    "club": "team", "ploeg": "team", "team": "team",
    "wed": "played", "gs": "played", "gesp": "played", "gespeeld": "played",
    "wedstrijden": "played",
    "w": "won", "gewonnen": "won", "winst": "won",
    "g": "drawn", "gelijk": "drawn", "gelijkspel": "drawn",
    "v": "lost", "verloren": "lost", "verlies": "lost",
    "dv": "goals_for", "doelpunten voor": "goals_for", "dt": "goals_against",
    "doelpunten tegen": "goals_against",
    "ds": "goal_difference", "doelsaldo": "goal_difference", "saldo": "goal_difference",
    "pnt": "points", "ptn": "points", "pts": "points", "punten": "points",
    "kwalificatie of degradatie": "qualification", "kwalificatie": "qualification",
    "degradatie": "qualification", "promotie of degradatie": "qualification",
}  # fmt: skip

# Polish (pl.wikipedia, Ekstraklasa seasons): `Poz. Drużyna M Pkt. Z R P Bramki +/-`: mecze,
# punkty, zwycięstwa, remisy, porażki; `Bramki` is one cell `45:30` (goals_for, split by the
# reader). Checked against: a Polish results scraper reading `pd.`/`k.`/`wo` marks (below);
# the header itself is as recalled (unverified in the corpora).
_POLISH: Final[dict[str, str]] = {
    "poz": "position", "pozycja": "position", "lp": "position", "miejsce": "position",
    "drużyna": "team", "klub": "team", "zespół": "team",
    "m": "played", "mecze": "played",
    "z": "won", "zwycięstwa": "won", "r": "drawn", "remisy": "drawn",
    "p": "lost", "porażki": "lost",
    "bramki": "goals_for", "bramki zdobyte": "goals_for", "bramki stracone": "goals_against",
    "różnica bramek": "goal_difference", "rb": "goal_difference",
    "pkt": "points", "punkty": "points",
    "kwalifikacja lub spadek": "qualification", "kwalifikacja": "qualification",
    "spadek": "qualification", "awans lub spadek": "qualification",
}  # fmt: skip

# Turkish (tr.wikipedia, Süper Lig seasons): `Sıra Takım O G B M A Y Av P` and the newer
# `Sıra Takım O G B M AG YG AV P`: oynanan, galibiyet, beraberlik, mağlubiyet, atılan gol,
# yenilen gol, averaj, puan. Checked against: yenihaberden.com `Takımlar O G B M A Y AV P`;
# a UEFA group key `O G B M AG YG Av P`. Caution: gazeteguncel.com prints `OM G B M AG YG A
# Puan`, where a lone `A` is averaj; next to `Y` it is atılan gol, which is the form kept.
# `SIRA`/`TAKIM` lower-case to dotted `sira`/`takim` in Python: kept as ASCII spellings.
_TURKISH: Final[dict[str, str]] = {
    "sıra": "position", "sira": "position",
    "takım": "team", "takim": "team", "kulüp": "team", "takımlar": "team",
    "o": "played", "om": "played", "oynanan": "played",
    "g": "won", "galibiyet": "won", "b": "drawn", "beraberlik": "drawn",
    "m": "lost", "mağlubiyet": "lost",
    "a": "goals_for", "ag": "goals_for", "atılan gol": "goals_for",
    "y": "goals_against", "yg": "goals_against", "yenilen gol": "goals_against",
    "av": "goal_difference", "averaj": "goal_difference",
    "p": "points", "puan": "points",
    "katılım veya düşme": "qualification", "katılım": "qualification", "düşme": "qualification",
}  # fmt: skip

LANGUAGE_HEADERS: Final[dict[str, dict[str, str]]] = {
    code: _with_dots({**_SHARED, **labels})
    for code, labels in (
        ("es", _SPANISH),
        ("pt", _PORTUGUESE),
        ("fr", _FRENCH),
        ("it", _ITALIAN),
        ("de", _GERMAN),
        ("nl", _DUTCH),
        ("pl", _POLISH),
        ("tr", _TURKISH),
    )
}

# A label printed more than once in one header takes these names in order (Dutch `G W G V`).
REPEATED_LABELS: Final[dict[str, dict[str, tuple[str, ...]]]] = {
    "nl": {"g": ("played", "drawn"), "g.": ("played", "drawn")},
}

# English words a standings label here could be confused with in English tables: `Time` is a
# kick-off time column there, never a team. They keep a label out of STANDINGS_LABELS.
_ENGLISH_ELSEWHERE: Final[dict[str, str]] = {"time": "kick-off time"}


def _unambiguous(maps: Sequence[Mapping[str, str]], other: Mapping[str, str]) -> dict[str, str]:
    """The labels of `maps[1:]` that mean one thing in every map and nothing else in `other`."""
    meanings: dict[str, set[str]] = {}
    for labels in maps:
        for label, name in labels.items():
            meanings.setdefault(label, set()).add(name)
    for label, name in other.items():
        meanings.setdefault(label, set()).add(name)
    foreign = {label for labels in maps[1:] for label in labels}
    return {
        label: next(iter(names))
        for label, names in sorted(meanings.items())
        if label in foreign and len(names) == 1
    }


# Every label of the eight languages that means the same in all of them and in English.
STANDINGS_LABELS: Final[dict[str, str]] = _unambiguous(
    (ENGLISH_HEADERS, *LANGUAGE_HEADERS.values()), _ENGLISH_ELSEWHERE
)

# Knockout tables (two-legged ties and single matches) per language. Forms as recalled from
# each Wikipedia's cup articles; checked in the corpora only where noted.
TIE_LABELS: Final[dict[str, dict[str, str]]] = {
    # es.wikipedia Copa del Rey / Libertadores rounds: `Equipo 1 | Global | Equipo 2 | Ida |
    # Vuelta`; single matches `Local | Resultado | Visitante`, shoot-outs `Penales`/`Penaltis`.
    "es": {
        "equipo 1": "team1", "local": "team1", "equipo local": "team1",
        "equipo 2": "team2", "visitante": "team2", "equipo visitante": "team2",
        "global": "aggregate", "ida": "leg1", "partido de ida": "leg1",
        "vuelta": "leg2", "partido de vuelta": "leg2",
        "resultado": "score", "marcador": "score",
        "penales": "penalties", "penaltis": "penalties", "pen.": "penalties",
    },
    # pt.wikipedia Copa do Brasil / Taça de Portugal: `Equipe 1 | Agregado | Equipe 2 | Ida |
    # Volta`; `Mandante | Placar | Visitante`; `Pênaltis`.
    "pt": {
        "equipe 1": "team1", "time 1": "team1", "equipa 1": "team1", "mandante": "team1",
        "equipe 2": "team2", "time 2": "team2", "equipa 2": "team2", "visitante": "team2",
        "agregado": "aggregate", "agr.": "aggregate", "ida": "leg1", "jogo de ida": "leg1",
        "volta": "leg2", "jogo de volta": "leg2",
        "placar": "score", "resultado": "score",
        "pênaltis": "penalties", "pen.": "penalties", "pên.": "penalties",
    },
    # fr.wikipedia Coupe de France / European rounds: `Équipe 1 | Score cumulé | Équipe 2 |
    # Aller | Retour`; `Tirs au but` (t.a.b.).
    "fr": {
        "équipe 1": "team1", "equipe 1": "team1", "domicile": "team1",
        "équipe 2": "team2", "equipe 2": "team2", "extérieur": "team2",
        "score cumulé": "aggregate", "cumul": "aggregate", "total": "aggregate",
        "aller": "leg1", "match aller": "leg1", "retour": "leg2", "match retour": "leg2",
        "score": "score", "résultat": "score",
        "tirs au but": "penalties", "t.a.b.": "penalties", "tab": "penalties",
    },
    # it.wikipedia Coppa Italia: `Squadra 1 | Tot. | Squadra 2 | Andata | Ritorno`;
    # `Risultato`; shoot-outs `Rigori` (d.c.r.).
    "it": {
        "squadra 1": "team1", "casa": "team1", "squadra di casa": "team1",
        "squadra 2": "team2", "trasferta": "team2", "squadra in trasferta": "team2",
        "tot.": "aggregate", "totale": "aggregate", "andata": "leg1", "ritorno": "leg2",
        "risultato": "score", "rigori": "penalties", "d.c.r.": "penalties",
    },
    # de.wikipedia DFB-Pokal / European rounds: `Heim | Ergebnis | Gast`, two legs `Gesamt |
    # Hinspiel | Rückspiel`; `i. E.` (im Elfmeterschießen).
    "de": {
        "heim": "team1", "heimmannschaft": "team1", "mannschaft 1": "team1",
        "gast": "team2", "gastmannschaft": "team2", "auswärts": "team2",
        "mannschaft 2": "team2",
        "gesamt": "aggregate", "hinspiel": "leg1", "rückspiel": "leg2",
        "ergebnis": "score", "elfmeterschießen": "penalties", "i. e.": "penalties",
    },
    # nl.wikipedia KNVB beker / European rounds: `Thuis | Uitslag | Uit`, two legs `Totaal |
    # Heen | Terug`; `Strafschoppen`.
    "nl": {
        "thuis": "team1", "thuisploeg": "team1", "club 1": "team1", "ploeg 1": "team1",
        "uit": "team2", "uitploeg": "team2", "club 2": "team2", "ploeg 2": "team2",
        "totaal": "aggregate", "heen": "leg1", "heenwedstrijd": "leg1",
        "terug": "leg2", "terugwedstrijd": "leg2",
        "uitslag": "score", "score": "score", "strafschoppen": "penalties",
    },
    # pl.wikipedia Puchar Polski / European rounds: `Drużyna 1 | Dwumecz | Drużyna 2 | 1. mecz |
    # 2. mecz`; `Gospodarz | Wynik | Gość`; `Karne`.
    "pl": {
        "drużyna 1": "team1", "gospodarz": "team1", "gospodarze": "team1",
        "drużyna 2": "team2", "gość": "team2", "goście": "team2",
        "dwumecz": "aggregate", "1. mecz": "leg1", "pierwszy mecz": "leg1",
        "2. mecz": "leg2", "rewanż": "leg2", "wynik": "score",
        "karne": "penalties", "rzuty karne": "penalties",
    },
    # tr.wikipedia Türkiye Kupası / European rounds: `Takım 1 | Toplam | Takım 2 | 1. maç |
    # 2. maç`; `Ev sahibi | Skor | Deplasman`; `Penaltılar`.
    "tr": {
        "takım 1": "team1", "ev sahibi": "team1", "takım 2": "team2", "deplasman": "team2",
        "toplam": "aggregate", "1. maç": "leg1", "ilk maç": "leg1",
        "2. maç": "leg2", "rövanş": "leg2",
        "skor": "score", "sonuç": "score", "penaltılar": "penalties",
    },
}  # fmt: skip

# Score-cell words meaning a walkover (one side did not play; the other is credited).
WALKOVER_WORDS: Final[frozenset[str]] = frozenset(
    {
        # English and the Latin-American/Brazilian Wikipedias: `W.O.`/`w/o` (values.WALKOVER_RE).
        "w.o.", "w.o", "wo", "wo.", "w/o", "walkover",
        # Spanish spelled out: "no presentado" / "no se presentó" is a no-show, i.e. a
        # walkover for the other side (the abbreviation `n.p.` is NOT read so: see below).
        "no presentado", "no se presentó",
        # French: `forfait` (match perdu par forfait), abbreviated `forf.`.
        "forfait", "forf.",
        # German: `kampflos` (won without a fight).
        "kampflos",
        # Italian: `a tavolino` (result decided at the table: a forfeit).
        "a tavolino",
        # Polish: `walkower` (and `wo`, read by a Polish results scraper in the corpora).
        "walkower",
        # Turkish: `hükmen` (hükmen galibiyet/mağlubiyet: forfeit; a no-show is "hükmen
        # mağlup sayılır", counted a forfeit loss, in Turkish league rules text).
        "hükmen",
        # Dutch: `reglementair` (reglementaire uitslag: result fixed by the rules).
        "reglementair",
    }
)  # fmt: skip

# Score-cell words meaning the match was not played: no goals, no winner credited.
# `n.p.` evidence and choice: in Spanish `NP` is the usual abbreviation of "no presentado"
# (a no-show; seen as `NP = no presentado` in Spanish-language code in the corpora), which in
# football would be a walkover; but English Wikipedia and this project read `n.p.` as "not
# played" (pipeline.values.NOT_PLAYED_RE; docs/contract.md: "a `W.O.`, `n.p.` or `–` cell has
# null goals") and the bare cell names no side to credit. Reading it as not played never
# invents a winner, so `n.p.` stays here; the spelled-out Spanish phrase is a walkover above.
NOT_PLAYED_WORDS: Final[frozenset[str]] = frozenset(
    {
        "n.p.", "n.p", "np", "n/p", "not played",
        # Plain phrases per language (unverified as table marks): es, pt, fr, it, de, nl, pl, tr.
        "no jugado", "não disputado", "non disputé", "non disputata", "nicht ausgetragen",
        "niet gespeeld", "nie rozegrano", "oynanmadı",
    }
)  # fmt: skip

# Marks after a score saying the tie went to a penalty shoot-out.
PENALTY_MARKS: Final[frozenset[str]] = frozenset(
    {
        # English: `(p)`, `pen.`, `pens.` (values.SCORE_RE); US `pk`.
        "p", "(p)", "pen", "pen.", "pens", "pens.", "pk",
        # German: `i. E.` (im Elfmeterschießen), `n. E.` (nach Elfmeterschießen); corpora:
        # a Bundesliga results page keying `nE` = "nach Elfmeterschießen".
        "i. e.", "i.e.", "n. e.", "n.e.", "ne",
        # Italian: `d.c.r.` (dopo i calci di rigore), `rig.`; corpora: Italian score strings
        # `2-1 d.c.r.`, `(rig. 4-3)`.
        "d.c.r.", "dcr", "rig.",
        # French: `t.a.b.` (tirs au but), `tab`.
        "t.a.b.", "tab",
        # Portuguese: `pên.` (pênaltis); corpora: Brazilian score strings `3×3 (4×2 pên.)`.
        "pên.", "pên",
        # Polish: `k.` (rzuty karne); corpora: a Polish results parser reading `k. 4:3`.
        "k.", "karne",
        # Dutch: `n.s.` (na strafschoppen), `w.n.s.` (wint na strafschoppen), unverified.
        "n.s.", "w.n.s.",
        # Spanish and Turkish: `pen.` above; `penales`, `penaltılarla` spelled out.
        "penales", "penaltılarla",
    }
)  # fmt: skip

# Marks after a score saying the match went to extra time.
EXTRA_TIME_MARKS: Final[frozenset[str]] = frozenset(
    {
        # English: `a.e.t.` (values.SCORE_RE).
        "a.e.t.", "a.e.t", "aet",
        # German `n. V.` (nach Verlängerung) and Dutch `n.v.` (na verlenging): same letters,
        # same meaning; corpora: Dutch results code "(na verlenging)".
        "n. v.", "n.v.", "nv",
        # French `a.p.` (après prolongation) and Portuguese `a.p.` (após prorrogação).
        "a.p.", "ap", "a. p.",
        # Italian `d.t.s.` (dopo i tempi supplementari); corpora: Italian score strings
        # `2-1 (d.t.s.)`.
        "d.t.s.", "dts",
        # Portuguese `prorr.` (prorrogação); corpora: Brazilian score strings `2–1 (prorr.)`.
        "prorr.", "pror.",
        # Polish `pd.` (po dogrywce), `dogr.`; corpora: a Polish results parser stripping both.
        "pd.", "dogr.", "po dogr.",
        # Spanish `pró.`/`prór.` (prórroga), Latin-American `t.e.` (tiempo extra): unverified.
        "pró.", "prór.", "t.e.",
        # Turkish `uzt.` (uzatmalar): unverified.
        "uzt.",
    }
)  # fmt: skip


def _norm(label: str) -> str:
    """A header label as the maps hold it: lower case, one space between words."""
    return " ".join(label.split()).lower()


def header_language(labels: Sequence[str]) -> str | None:
    """The language whose labels cover most of this header ("en" on a tie); None below 3."""
    words = [_norm(label) for label in labels]
    best, best_count = "en", sum(w in ENGLISH_HEADERS for w in words)
    for code, known in LANGUAGE_HEADERS.items():
        count = sum(w in known for w in words)
        if count > best_count:
            best, best_count = code, count
    return best if best_count >= MIN_COVERED_LABELS else None


def header_names(labels: Sequence[str], language: str) -> list[str | None]:
    """Each label's canonical name in one language; a label printed twice takes its names in
    order (Dutch `G W G V`: gespeeld, winst, gelijk, verlies)."""
    known = ENGLISH_HEADERS if language == "en" else LANGUAGE_HEADERS[language]
    repeated = REPEATED_LABELS.get(language, {})
    words = [_norm(label) for label in labels]
    seen: dict[str, int] = {}
    names: list[str | None] = []
    for word in words:
        order = repeated.get(word)
        if order is not None and words.count(word) == len(order):
            names.append(order[seen.get(word, 0)])
            seen[word] = seen.get(word, 0) + 1
        else:
            names.append(known.get(word))
    return names
