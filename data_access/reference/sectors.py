"""The four sectors of the assessment and their founder ministries."""
from typing import NamedTuple


class SectorRef(NamedTuple):
    code: str
    name: str
    ministry: str
    has_waiting: bool  # К2 includes waiting time (Пожид)


SECTORS: tuple[SectorRef, ...] = (
    SectorRef("education", "Образование", "Министерство образования, науки и молодёжной политики",
              False),
    SectorRef("culture", "Культура", "Министерство культуры", False),
    SectorRef("health", "Охрана здоровья", "Министерство здравоохранения", True),
    SectorRef("social", "Социальное обслуживание", "Министерство труда и социального развития",
              True),
)
SECTOR_NAMES = {s.code: s.name for s in SECTORS}
