"""The tile cartogram of Russia's subjects: one cell each, compact, unique short labels, and
the neighbours a person looks for first where they expect them."""
import re

from dashboard import map_view as mv
from data_access.reference import russia, russia_tiles

TILES = russia_tiles.TILES


def touch(a: str, b: str) -> bool:
    """The two tiles share an edge or a corner."""
    (c1, r1), (c2, r2) = TILES[a], TILES[b]
    return (c1, r1) != (c2, r2) and abs(c1 - c2) <= 1 and abs(r1 - r2) <= 1


def test_one_cell_for_each_of_the_89_subjects_in_a_compact_grid():
    assert set(TILES) == set(russia.BY_CODE) and len(TILES) == 89
    assert len(set(TILES.values())) == 89
    assert russia_tiles.COLUMNS <= 20 and russia_tiles.ROWS <= 12
    assert all(0 <= c < russia_tiles.COLUMNS and 0 <= r < russia_tiles.ROWS
               for c, r in TILES.values())
    assert max(c for c, _ in TILES.values()) == russia_tiles.COLUMNS - 1
    assert max(r for _, r in TILES.values()) == russia_tiles.ROWS - 1
    # (column, row) as the cartogram builder takes them: every subject keeps its cell
    assert mv.place_tiles(list(TILES), TILES) == TILES


def test_short_labels_are_unique_two_to_four_capitals():
    short = russia_tiles.SHORT
    assert set(short) == set(TILES)
    assert len(set(short.values())) == 89
    assert all(re.fullmatch(r"[А-ЯЁ]{2,4}", s) for s in short.values())
    assert (short["23"], short["77"], short["50"], short["78"], short["91"], short["92"]) == (
        "КРД", "МСК", "МО", "СПБ", "КРЫМ", "СЕВ")


def test_west_is_left_north_is_up():
    col = {k: c for k, (c, _) in TILES.items()}
    row = {k: r for k, (_, r) in TILES.items()}
    # Kaliningrad is the westernmost Russian tile of its latitude; Kamchatka/Sakhalin far east
    assert col["39"] == 0 and col["39"] < min(col[k] for k in ("60", "67", "32"))
    assert col["41"] >= russia_tiles.COLUMNS - 2 and col["65"] == russia_tiles.COLUMNS - 1
    # Chukotka in the top row, east; the Caucasus at the bottom, Dagestan east of Chechnya
    assert row["87"] == 0 and col["87"] > col["14"]
    assert row["51"] == 0 and row["05"] > row["61"] > row["36"] > row["50"] > row["35"]
    assert col["05"] > col["20"] >= col["15"] > col["07"] > col["09"]
    assert max(row[k] for k in ("06", "07", "09", "15")) == russia_tiles.ROWS - 1
    # Moscow in the western centre; the Volga, the Urals, Siberia, the Far East eastwards
    assert col["77"] < col["52"] < col["16"] < col["66"] < col["54"] < col["38"] < col["27"]
    # Primorye is the south-east corner of the Far East
    far_east = ("14", "27", "28", "41", "49", "65", "75", "79", "87")
    assert row["25"] >= max(row[k] for k in far_east) and col["25"] >= col["27"]


def test_neighbours_touch():
    pairs = [
        ("77", "50"), ("77", "40"), ("78", "47"), ("47", "10"), ("51", "10"), ("83", "11"),
        ("50", "69"), ("50", "76"), ("50", "33"), ("50", "71"), ("50", "62"),
        ("91", "92"), ("91", "90"), ("91", "95"), ("91", "23"), ("90", "93"), ("93", "94"),
        ("94", "61"), ("94", "36"), ("61", "23"), ("61", "26"), ("23", "09"), ("26", "15"),
        ("20", "05"), ("20", "06"), ("06", "15"), ("08", "30"), ("34", "61"),
        ("59", "11"), ("66", "86"), ("66", "45"), ("45", "74"), ("72", "86"), ("70", "24"), ("54", "70"),
        ("42", "19"), ("19", "17"), ("04", "22"), ("04", "17"), ("38", "14"), ("38", "24"),
        ("75", "14"), ("28", "27"), ("27", "79"), ("27", "25"), ("27", "65"), ("27", "49"),
        ("49", "87"), ("41", "87"), ("41", "49"),
    ]
    assert [p for p in pairs if not touch(*p)] == []
