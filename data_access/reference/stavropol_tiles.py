"""Stavropol Krai as a tile cartogram: one equal tile per top-level municipal formation, for
the map page when no boundary polygons are loaded.

Positions are (column, row): column 0 is the west, row 0 the north. Placed by hand from the
approximate centres in `stavropol.MUNICIPALITIES`: the Rostov border in the north (row 0),
Ставрополь with Шпаковский round it in the west, the Kuma districts of the east a row higher
than their latitude (the krai narrows there), and the spa towns (Кавказские Минеральные Воды)
together in the south-west. Not derived from any boundary file.
"""
from __future__ import annotations

COLUMNS = 9
ROWS = 7

TILES: dict[str, tuple[int, int]] = {
    # row 0: the north
    "07630000": (1, 0),  # Красногвардейский
    "07622000": (4, 0),  # Ипатовский
    "07605000": (5, 0),  # Апанасенковский
    # row 1
    "07641000": (0, 1),  # Новоалександровский
    "07620000": (1, 1),  # Изобильненский
    "07654000": (2, 1),  # Труновский
    "07646000": (4, 1),  # Петровский
    "07656000": (5, 1),  # Туркменский
    "07607000": (6, 1),  # Арзгирский
    # row 2: Ставрополь and the Kuma districts
    "07701000": (2, 2),  # Ставрополь
    "07658000": (3, 2),  # Шпаковский
    "07616000": (4, 2),  # Грачевский
    "07610000": (5, 2),  # Благодарненский
    "07612000": (6, 2),  # Буденновский
    "07635000": (7, 2),  # Левокумский
    "07640000": (8, 2),  # Нефтекумский
    # row 3
    "07628000": (1, 3),  # Кочубеевский
    "07724000": (2, 3),  # Невинномысск
    "07604000": (3, 3),  # Андроповский
    "07602000": (4, 3),  # Александровский
    "07643000": (5, 3),  # Новоселицкий
    "07650000": (6, 3),  # Советский
    "07652000": (7, 3),  # Степновский
    # row 4
    "07712000": (3, 4),  # Железноводск
    "07638000": (4, 4),  # Минераловодский
    "07615000": (5, 4),  # Георгиевский
    "07625000": (6, 4),  # Кировский
    "07633000": (7, 4),  # Курский
    # rows 5–6: the spa towns in the south-west
    "07648000": (1, 5),  # Предгорный
    "07710000": (2, 5),  # Ессентуки
    "07718000": (3, 5),  # Лермонтов
    "07727000": (4, 5),  # Пятигорск
    "07715000": (1, 6),  # Кисловодск
}

# Tile labels where the name without «муниципальный округ» is too long for a tile (<br> breaks
# the line); the others are shortened by the page's default rule.
LABELS: dict[str, str] = {
    "07630000": "Красно-<br>гвардейский",
    "07641000": "Новоалек-<br>сандровский",
    "07620000": "Изобиль-<br>ненский",
    "07605000": "Апанасен-<br>ковский",
    "07610000": "Благодар-<br>ненский",
    "07638000": "Минерало-<br>водский",
    "07602000": "Александ-<br>ровский",
    "07643000": "Ново-<br>селицкий",
    "07712000": "Железно-<br>водск",
    "07724000": "Невинно-<br>мысск",
    "07612000": "Буденнов-<br>ский",
    "07640000": "Нефте-<br>кумский",
    "07604000": "Андропов-<br>ский",
    "07628000": "Кочубеев-<br>ский",
    "07615000": "Георгиев-<br>ский",
}
