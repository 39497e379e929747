"""Organization names as Russian typography writes them, whatever quotes a file used."""
from dashboard import format as fmt
from dashboard.components import ranked_list
from tests.unit.test_overview_builders import text


def test_straight_quotes_become_guillemets_and_inner_ones_low_high():
    assert fmt.quotes('МБУК "Дом культуры" г. Ессентуки') == "МБУК «Дом культуры» г. Ессентуки"
    assert fmt.quotes('МБУК "Дом культуры "Юбилейный""') == "МБУК «Дом культуры „Юбилейный“»"
    assert fmt.quotes("ГБУЗ «Больница»") == "ГБУЗ «Больница»"
    assert fmt.quotes(None) is None and fmt.quotes(12) == 12


def test_attention_lists_show_guillemets():
    items = [("/organization/1", 'МБДОУ детский сад № 7 "Теремок"', "−4,7")]
    assert "МБДОУ детский сад № 7 «Теремок»" in text(ranked_list(items, empty_text="—"))
