"""Names of municipal formations as regions write them, matched to the reference.

One rule for every source: boundary files, import files, a user's filter. Regions add or drop
the words that name the kind of a municipality freely («Абинский район», «Абинский р-н»,
«МО «Усть-Коксинский район»», «Берёзовский ГО», «г. Ижевск», «Эрзинский кожуун»), so the key
is the name without them, in lower case, with «ё» as «е» and without quotes.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

# Words that name the kind rather than the municipality. The look-arounds keep them whole
# words: «го» must not eat the start of «Горячий», nor «город» that of «город-курорт» (listed
# on its own) or «Городище»; «мо» not that of «Мостовской».
_KIND_WORDS = re.compile(
    r"(?<![\w-])(?:муниципальное\s+образование|муниципальный\s+округ|муниципальный\s+район"
    r"|городской\s+округ|городское\s+поселение|сельское\s+поселение|город-курорт|город"
    r"|район|кожуун|улус|го|мо|мр|гп|р-н|г\.\s*о\.|м\.\s*о\.|м\.\s*р\.)(?![\w-])"
    r"|(?<![\w-])г\.")  # «г.» is often glued to the name: «г.Сочи»
_QUOTES = re.compile(r"[«»\"'“”„‚‘’]")


_KIND_WORDS_ANY_CASE = re.compile(_KIND_WORDS.pattern, re.IGNORECASE)


def without_kind(name: str) -> str:
    """The name as written, without the words of its kind: «Приморско-Ахтарский
    муниципальный округ» → «Приморско-Ахтарский», «город-курорт Сочи» → «Сочи»; the name
    itself when nothing else would be left."""
    text = " ".join(_KIND_WORDS_ANY_CASE.sub(" ", str(name)).split()).strip(" ,")
    return text or str(name)


def normalize_name(name: str) -> str:
    """A matching key: «Абинский район », «Абинский р-н», «МО «Абинский район»» → «абинский»."""
    text = str(name).lower().replace("ё", "е")
    text = _QUOTES.sub(" ", text)
    text = _KIND_WORDS.sub(" ", text)
    return " ".join(text.split())


def subject_aliases(region_code: str) -> dict[str, str]:
    """The names a subject's sources use for its municipalities that normalizing does not
    reach («Ключ» for «Горячий Ключ» in Krasnodar Krai)."""
    from data_access.reference import krasnodar, stavropol
    known = {krasnodar.REGION_CODE: krasnodar.OSM_ALIASES,
             stavropol.REGION_CODE: stavropol.OSM_ALIASES}
    return dict(known.get(region_code, {}))


@dataclass
class Matcher:
    """The municipalities of one subject by OKTMO code and by name key; `aliases` are the
    subject's own (a name that means one municipality in a region may mean another, or
    nothing, in the next)."""
    names: Mapping[str, object]                       # display name → the municipality
    codes: Mapping[str, object] = field(default_factory=dict)  # OKTMO → the municipality
    aliases: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_key: dict[str, list[str]] = {}
        for name in self.names:
            self._by_key.setdefault(normalize_name(name), []).append(name)
        self._aliases = {normalize_name(k): normalize_name(v) for k, v in self.aliases.items()}

    def find(self, value: str | None):
        """The municipality a code or name means; None when none or more than one does."""
        if value is None:
            return None
        value = str(value).strip()
        if value in self.codes:
            return self.codes[value]
        names = self.candidates(value)
        return self.names[names[0]] if len(names) == 1 else None

    def candidates(self, value: str) -> list[str]:
        """The reference names a value's key stands for (two for an ambiguous key)."""
        if value in self.names:
            return [value]
        key = normalize_name(value)
        return list(self._by_key.get(self._aliases.get(key, key), []))

    def closest(self, value: str, n: int = 3) -> list[str]:
        """The subject's names nearest to an unmatched value, for the error message."""
        ambiguous = self.candidates(value)
        if len(ambiguous) > 1:
            return ambiguous
        keys = difflib.get_close_matches(normalize_name(value), list(self._by_key), n=n,
                                         cutoff=0.5)
        return [name for key in keys for name in self._by_key[key]][:n]

    def unmatched_message(self, value: str, subject: str) -> str:
        """What an error says of a value that names no municipality of the subject."""
        ambiguous = self.candidates(value)
        if len(ambiguous) > 1:
            return ("одно муниципальное образование: это название подходит к нескольким — "
                    + ", ".join(f"«{n}»" for n in ambiguous) + "; укажите код ОКТМО")
        near = self.closest(value)
        text = (f"код ОКТМО или название муниципального образования субъекта «{subject}» "
                "(такого нет в справочнике")
        if near:
            return text + "; ближайшие: " + ", ".join(f"«{n}»" for n in near) + ")"
        if not self.names:
            return (text + ": он пуст — загрузите муниципальные образования видом "
                    "«Муниципальные образования»)")
        listed = sorted(self.names)
        return (text + "; в нём: " + ", ".join(f"«{n}»" for n in listed[:5])
                + (f" и ещё {len(listed) - 5}" if len(listed) > 5 else "") + ")")
