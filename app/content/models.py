"""Typed models of the workshop content: programme, ontwerpprincipes, werkvormen and casussen.

The YAML files under workforms/ and casussen/ are validated against these models at start-up
(see loader.py). Everything is frozen: content is read once and shared by every request.
Checks that concern one file live here, so a model built in a test is as valid as one loaded
from disk; checks across files (a block's werkvorm, a casus' focuspunten) live in the loader.
"""

import re
from collections import Counter
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    field_validator,
    model_validator,
)

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
VRAAG_KEY = re.compile(r"^[a-z0-9_]+$")
TIME = re.compile(r"^(\d{1,2})\.(\d{2})$")
MINUTEN = re.compile(r"^(\d+)(?:\s*[–-]\s*(\d+))?$")

ONLEESBAAR = "Tekst op de dia onleesbaar."


def _check_slug(value: str, what: str) -> str:
    if not SLUG.match(value):
        raise ValueError(
            f"{what} {value!r} must be lowercase letters, digits and hyphens, e.g. 'stad-en-streek'"
        )
    return value


def _duplicates(values: list[Any]) -> list[Any]:
    return [value for value, count in Counter(values).items() if count > 1]


def minutes_of_day(time: str) -> int:
    """'14.30' -> 870. Only for times that passed the HH.MM check."""
    hours, minutes = time.split(".")
    return int(hours) * 60 + int(minutes)


class Regel(BaseModel):
    """One line of casus text. In YAML either a plain string or a mapping with flags."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    tekst: str = Field(min_length=1)
    # The text was partly lost on the slide; this is a best reading, shown with a marker.
    gereconstrueerd: bool = False
    # Nothing could be read at all; the tekst then says so. Implies gereconstrueerd.
    onleesbaar: bool = False

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"tekst": data}
        if isinstance(data, dict) and "onleesbaar" in data:
            data = {"tekst": ONLEESBAAR, **data}
            if data["onleesbaar"] is True:
                data["gereconstrueerd"] = True
        return data


class Focuspunt(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    label: str = Field(min_length=1)
    ideaal: str = Field(min_length=1)
    typering_titel: str = Field(min_length=1)
    # Levels 1 functioneel verbonden, 2 samenwerkend systeem, 3 regionale samenwerking.
    typering: tuple[str, str, str]

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        return _check_slug(value, "focuspunt id")


class Ontwerpprincipe(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    nr: int = Field(ge=1)
    titel: str = Field(min_length=1)
    toelichting: str = ""
    focuspunten: tuple[Focuspunt, ...] = Field(min_length=1)


def check_ontwerpprincipes(
    principes: tuple[Ontwerpprincipe, ...],
) -> tuple[Ontwerpprincipe, ...]:
    """Numbers and focuspunt ids are unique across all ontwerpprincipes."""
    if dup := _duplicates([p.nr for p in principes]):
        raise ValueError(f"duplicate ontwerpprincipe nr {', '.join(map(str, dup))}")
    places: dict[str, str] = {}
    for i, principe in enumerate(principes):
        for j, punt in enumerate(principe.focuspunten):
            here = f"ontwerpprincipes[{i}].focuspunten[{j}]"
            if punt.id in places:
                raise ValueError(
                    f"duplicate focuspunt id {punt.id!r} (at {places[punt.id]} and {here})"
                )
            places[punt.id] = here
    return principes


class Stap(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    titel: str = Field(min_length=1)
    minuten: str  # "5", "5–10": shown as written, with an en dash between a range
    toelichting: tuple[str, ...] = ()

    @field_validator("minuten", mode="before")
    @classmethod
    def _minuten(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            return value
        match = MINUTEN.match(value.strip())
        if not match:
            raise ValueError(f"must be a number of minutes like '5' or '5–10', not {value!r}")
        low, high = match.groups()
        if high is None:
            return low
        if int(high) < int(low):
            raise ValueError(f"the range {value!r} runs backwards")
        return f"{low}–{high}"


class Vraag(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    # Stored with every answer: renaming a key orphans the answers given under the old one.
    key: str
    label: str = Field(min_length=1)
    hint: str = ""
    max_lengte: int = Field(default=1000, gt=0)
    # Optional short heading above the question, e.g. "Wie?" for the inner circle.
    kop: str = ""

    @field_validator("key")
    @classmethod
    def _key(cls, value: str) -> str:
        if not VRAAG_KEY.match(value):
            raise ValueError(
                f"vraag key {value!r} must be lowercase letters, digits and underscores"
            )
        return value


class Werkvorm(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    titel: str = Field(min_length=1)
    tijd: str = ""
    doel: str = ""
    # Short instructions for the whole werkvorm, as on the introduction slide.
    aanwijzingen: tuple[str, ...] = ()
    stappen: tuple[Stap, ...] = ()
    vragen: tuple[Vraag, ...] = ()
    voorbeelden: dict[str, tuple[str, ...]] = {}
    limieten: dict[str, tuple[int, int]] = {}
    let_op: str = ""

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        return _check_slug(value, "werkvorm id")

    @field_validator("vragen")
    @classmethod
    def _unique_keys(cls, vragen: tuple[Vraag, ...]) -> tuple[Vraag, ...]:
        if dup := _duplicates([v.key for v in vragen]):
            raise ValueError(f"duplicate vraag key {', '.join(map(repr, dup))}")
        return vragen

    @field_validator("limieten")
    @classmethod
    def _limits(cls, limieten: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
        for name, (low, high) in limieten.items():
            if low < 0 or high < low:
                raise ValueError(
                    f"{name}: [{low}, {high}] must be [minimum, maximum] with 0 <= min <= max"
                )
        return limieten

    @field_validator("voorbeelden")
    @classmethod
    def _examples_belong_to_a_vraag(
        cls, voorbeelden: dict[str, tuple[str, ...]], info: ValidationInfo
    ) -> dict[str, tuple[str, ...]]:
        keys = [v.key for v in info.data.get("vragen", ())]
        if "vragen" in info.data:
            for key in voorbeelden:
                if key not in keys:
                    raise ValueError(
                        f"{key}: no vraag with this key (vragen: {', '.join(keys) or 'none'})"
                    )
        return voorbeelden


class ProgrammaBlok(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    start: str  # "13.30"
    eind: str  # "14.00", later than start
    titel: str = Field(min_length=1)
    werkvorm: str | None = None  # id of a werkvorm run in this block (checked by the loader)
    toelichting: str = ""

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        return _check_slug(value, "block id")

    @field_validator("start", "eind", mode="before")
    @classmethod
    def _time(cls, value: Any) -> Any:
        # Unquoted in YAML, 13.30 arrives as the float 13.3 and 14:30 as the integer 870.
        if isinstance(value, float):
            value = f"{value:.2f}"
        elif isinstance(value, int) and not isinstance(value, bool):
            raise ValueError(
                f"got the number {value}; write the time as HH.MM in quotes, e.g. '14.30'"
            )
        if not isinstance(value, str):
            return value
        match = TIME.match(value.strip())
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            raise ValueError(f"{value!r} is not a time written as HH.MM, e.g. '14.30'")
        return f"{int(match[1]):02d}.{match[2]}"

    @field_validator("eind")
    @classmethod
    def _after_start(cls, eind: str, info: ValidationInfo) -> str:
        start = info.data.get("start")
        if start is not None and minutes_of_day(eind) <= minutes_of_day(start):
            raise ValueError(f"ends at {eind}, which is not later than its start {start}")
        return eind


class Rol(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    naam: str = Field(min_length=1)
    taak: str = ""
    # The group tablet asks a name only for roles with invullen: true.
    invullen: bool = True

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        return _check_slug(value, "rol id")


class Programma(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    titel: str = Field(min_length=1)
    ondertitel: str
    sessie: str = ""  # "Opdenksessie Doorontwikkeling Samen Opleiden"
    datum: str = ""  # the date on the slides, as text; a session's own date is set when created
    organisator: str
    werkwijze: str
    doel_vraag: str
    doelen: tuple[str, ...]
    blokken: tuple[ProgrammaBlok, ...] = Field(min_length=1)
    rollen: tuple[Rol, ...]
    rollen_toelichting: str = ""
    terugblik_inputs: tuple[str, ...] = ()
    typering_niveaus: tuple[str, str, str]

    @field_validator("blokken")
    @classmethod
    def _blocks_in_order(cls, blokken: tuple[ProgrammaBlok, ...]) -> tuple[ProgrammaBlok, ...]:
        if dup := _duplicates([b.id for b in blokken]):
            raise ValueError(f"duplicate block id {', '.join(map(repr, dup))}")
        for before, after in zip(blokken, blokken[1:], strict=False):
            if minutes_of_day(after.start) < minutes_of_day(before.eind):
                raise ValueError(
                    f"block {after.id!r} starts at {after.start}, before block {before.id!r} "
                    f"ends at {before.eind}; blocks must be in time order without overlap"
                )
        return blokken

    @field_validator("rollen")
    @classmethod
    def _unique_roles(cls, rollen: tuple[Rol, ...]) -> tuple[Rol, ...]:
        if dup := _duplicates([r.id for r in rollen]):
            raise ValueError(f"duplicate rol id {', '.join(map(repr, dup))}")
        return rollen

    def blok(self, id: str) -> ProgrammaBlok:
        for blok in self.blokken:
            if blok.id == id:
                return blok
        raise KeyError(id)


class Casus(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str  # the file name without .yaml; not written in the file
    nummer: int = Field(ge=1)
    titel: str = Field(min_length=1)
    kort: str = Field(min_length=1)
    type_regio: str
    partnerschappen: str
    realisatiegraad: str
    kenmerken: tuple[Regel, ...] = ()
    # focuspunt id -> lines; keys are checked against the ontwerpprincipes by the loader.
    situatie: dict[str, tuple[Regel, ...]] = {}

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        return _check_slug(value, "casus id")

    @field_validator("situatie", mode="before")
    @classmethod
    def _single_line(cls, value: Any) -> Any:
        # Allow `kwaliteit: "one line"` as well as a list of lines.
        if isinstance(value, dict):
            return {k: [v] if isinstance(v, str | dict) else v for k, v in value.items()}
        return value


class Content(BaseModel):
    """Everything the workshop shows, loaded once at start-up by load_content()."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    programma: Programma
    ontwerpprincipes: tuple[Ontwerpprincipe, ...]
    werkvormen: dict[str, Werkvorm]
    casussen: dict[str, Casus]  # ordered by nummer

    _focuspunten: dict[str, Focuspunt] = PrivateAttr(default_factory=dict)

    @field_validator("ontwerpprincipes")
    @classmethod
    def _unique(cls, principes: tuple[Ontwerpprincipe, ...]) -> tuple[Ontwerpprincipe, ...]:
        return check_ontwerpprincipes(principes)

    def model_post_init(self, context: Any) -> None:
        self._focuspunten = {
            punt.id: punt for principe in self.ontwerpprincipes for punt in principe.focuspunten
        }

    def focuspunten(self) -> list[Focuspunt]:
        """All focuspunten, in ontwerpprincipe order."""
        return list(self._focuspunten.values())

    def focuspunt(self, id: str) -> Focuspunt:
        return self._focuspunten[id]

    def ontwerpprincipe_van(self, focuspunt_id: str) -> Ontwerpprincipe:
        for principe in self.ontwerpprincipes:
            if any(p.id == focuspunt_id for p in principe.focuspunten):
                return principe
        raise KeyError(focuspunt_id)

    def werkvorm(self, id: str) -> Werkvorm:
        return self.werkvormen[id]

    def casus(self, id: str) -> Casus:
        return self.casussen[id]
