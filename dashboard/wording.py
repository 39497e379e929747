"""The words a page uses for its subject, by the subject's kind: «среднее по краю», «по
области», «по республике», «по округу», «по городу». Every text that names the subject's
level goes through `words`."""
from __future__ import annotations

from dataclasses import dataclass

from dashboard.cache import cached
from data_access import queries
from data_access.methodology import NOT_ENOUGH, standing_label
from data_access.reference.russia import SUBJECT_BY


@dataclass(frozen=True)
class Words:
    by: str          # «по краю»: «среднее по краю»
    whole: str       # «Весь край»: the municipality filter's «everything»
    of: str          # «края»: «организациями края»
    adjective: str   # «краевые» (организации)
    level: str       # «краевое» (подчинение)
    bodies: str      # «Министерства края»: the regional founders
    bodies_of: str   # «министерствам края»

    def mean(self, capital: bool = True) -> str:
        return ("Среднее " if capital else "среднее ") + self.by

    def standing(self, key) -> str:
        """«значимо ниже среднего по области»; NOT_ENOUGH when nothing can be said."""
        return standing_label(key, self.by) if isinstance(key, str) else NOT_ENOUGH


WORDS: dict[str, Words] = {
    "krai": Words(SUBJECT_BY["krai"], "Весь край", "края", "краевые", "краевое", "Министерства края",
                  "министерствам края"),
    "oblast": Words(SUBJECT_BY["oblast"], "Вся область", "области", "областные", "областное",
                    "Министерства области", "министерствам области"),
    "republic": Words(SUBJECT_BY["republic"], "Вся республика", "республики", "республиканские",
                      "республиканское", "Министерства республики", "министерствам республики"),
    "okrug": Words(SUBJECT_BY["okrug"], "Весь округ", "округа", "окружные", "окружное",
                   "Органы власти округа", "органам власти округа"),
    "city": Words(SUBJECT_BY["city"], "Весь город", "города", "городские", "городское",
                  "Департаменты города", "департаментам города"),
}
KRAI = WORDS["krai"]


def words(region: str | None) -> Words:
    """The words of the subject with this code (a krai's when it is not loaded)."""
    kind = cached(queries.data_info)(region).get("kind") if region else None
    return WORDS.get(kind, KRAI)
