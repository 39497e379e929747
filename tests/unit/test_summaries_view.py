"""The coordinator's summaries on the Schedule page: states in words, counts, the table."""
import datetime as dt

import pandas as pd

from dashboard.wording import WORDS
from dashboard import schedule
from dashboard import theme

D = dt.date
SUMMARIES = pd.DataFrame({
    "sector": ["health", "culture", "education", "health"],
    "ministry": ["Министерство здравоохранения", "Министерство культуры",
                 "Министерство образования", "Министерство здравоохранения"],
    "title": ["Сводка за полугодие"] * 3 + ["Сводка за год"],
    "due_date": [D(2026, 7, 15)] * 3 + [D(2026, 12, 5)],
    "received_on": [D(2026, 7, 7), None, D(2026, 7, 21), None],
    "note": [None, None, "После напоминания", None],
    "state": ["on_time", "overdue", "late", "pending"],
    "days_late": pd.array([None, 138, 6, None], dtype="Int64"),
})


def test_each_state_in_words_with_the_days():
    assert schedule.summary_rows(SUMMARIES)["status"].tolist() == [
        "в срок", "не поступила — просрочена на 138 дн.", "с опозданием 6 дн.", "ожидается"]


def test_counts_name_only_the_states_present():
    assert schedule.summary_counts(SUMMARIES) == (
        "4 сводки: в срок — 1, с опозданием — 1, просрочены — 1, ожидаются — 1")


def test_table_rows_dates_badges_and_notes():
    text = str(schedule.summaries_table(SUMMARIES, 2026))
    assert text.count("summary-row") == 4
    assert "15.07.2026" in text and "21.07.2026" in text
    assert "не поступила — просрочена на 138 дн." in text and "После напоминания" in text
    assert "state-overdue" in text


def test_a_year_without_summaries_says_so():
    assert "Сводок министерств за 2018 год нет" in str(
        schedule.summaries_table(SUMMARIES.iloc[0:0], 2018))


def test_founder_words():
    krai = WORDS["krai"]
    assert theme.region_label("municipal", krai) == "Среднее по краю, муниципальные организации"
    assert theme.region_label(None, krai) == "Среднее по краю"
    assert theme.scope_name("culture", "regional", krai) == "культура · краевые организации"
    assert theme.scope_name(None, None, krai) == "все сферы"


def test_the_subjects_own_words():
    oblast, city = WORDS["oblast"], WORDS["city"]
    assert theme.region_label("regional", oblast) == "Среднее по области, областные организации"
    assert theme.founder_choices(oblast)["regional"] == "Министерства области"
    assert theme.founder_level_name("regional", WORDS["republic"]) == "республиканское подчинение"
    assert oblast.whole == "Вся область" and city.standing("lower") == \
        "значимо ниже среднего по городу"
    assert WORDS["okrug"].standing("within") == "в пределах случайных колебаний"
