"""Which fields a group tablet and a personal oogst sheet have, and their limits.

Everything is derived from the content files, so a changed question or limit in workforms/
changes the worksheet without code. Keys are stable strings stored with each entry:

group:        rol.<rol>  ·  w1.focuspunten (choice)  ·  w1.<focuspunt>.<vraag>
              w2.wie.<n>  ·  w2.uitdagend (choice)  ·  w2.<n>.wat  ·  w2.<n>.hoe
              tk.inzicht_w1.<n>  ·  tk.inzicht_w2.<n>  ·  tk.vervolgstap  ·  tk.opbrengst
participant:  oogst.<vraag>
"""

from dataclasses import dataclass
from functools import cached_property

from app.content import Content, Werkvorm

ROLE_MAX = 80
FOCUSPUNTEN = "w1.focuspunten"
UITDAGEND = "w2.uitdagend"
KLAAR = "tk.klaar"  # the group marked its inzichten "klaar voor plenair": a pick of "ja"


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    max_length: int
    hint: str = ""


@dataclass(frozen=True)
class ChoiceSpec:
    """A set of picks with a lower and upper limit, such as 2–3 focuspunten."""

    key: str
    options: tuple[str, ...]
    minimum: int
    maximum: int
    noun_one: str
    noun_many: str


@dataclass(frozen=True)
class Worksheet:
    content: Content

    @cached_property
    def scenario(self) -> Werkvorm:
        return self.content.werkvorm("scenario-denken")

    @cached_property
    def partners(self) -> Werkvorm:
        return self.content.werkvorm("partners-in-beeld")

    @cached_property
    def terugkoppeling(self) -> Werkvorm:
        return self.content.werkvorm("terugkoppeling")

    @cached_property
    def oogst(self) -> Werkvorm:
        return self.content.werkvorm("persoonlijke-oogst")

    @cached_property
    def wie_slots(self) -> range:
        return range(1, self.partners.limieten["wie"][1] + 1)

    @cached_property
    def inzicht_slots(self) -> range:
        return range(1, self.terugkoppeling.limieten["inzichten"][1] + 1)

    def vraag(self, werkvorm: Werkvorm, key: str):
        return next(v for v in werkvorm.vragen if v.key == key)

    @cached_property
    def group_fields(self) -> dict[str, FieldSpec]:
        fields: dict[str, FieldSpec] = {}
        for rol in self.content.programma.rollen:
            if rol.invullen:
                fields[f"rol.{rol.id}"] = FieldSpec(f"rol.{rol.id}", rol.naam, ROLE_MAX)
        for punt in self.content.focuspunten():
            for vraag in self.scenario.vragen:
                key = f"w1.{punt.id}.{vraag.key}"
                fields[key] = FieldSpec(key, vraag.label, vraag.max_lengte, vraag.hint)
        wie = self.vraag(self.partners, "wie")
        for n in self.wie_slots:
            fields[f"w2.wie.{n}"] = FieldSpec(f"w2.wie.{n}", f"Partner {n}", wie.max_lengte)
            for vraag_key in ("wat", "hoe"):
                vraag = self.vraag(self.partners, vraag_key)
                key = f"w2.{n}.{vraag_key}"
                fields[key] = FieldSpec(key, vraag.label, vraag.max_lengte, vraag.hint)
        for vraag in self.terugkoppeling.vragen:
            if vraag.key.startswith("inzicht"):
                for n in self.inzicht_slots:
                    key = f"tk.{vraag.key}.{n}"
                    fields[key] = FieldSpec(key, f"Inzicht {n}", vraag.max_lengte, vraag.hint)
            else:
                key = f"tk.{vraag.key}"
                fields[key] = FieldSpec(key, vraag.label, vraag.max_lengte, vraag.hint)
        return fields

    @cached_property
    def participant_fields(self) -> dict[str, FieldSpec]:
        return {
            f"oogst.{v.key}": FieldSpec(f"oogst.{v.key}", v.label, v.max_lengte, v.hint)
            for v in self.oogst.vragen
        }

    @cached_property
    def oogst_sections(self) -> list[tuple[str, list[FieldSpec]]]:
        """The personal oogst questions under their headings, in the sheet's order."""
        sections: dict[str, list[FieldSpec]] = {}
        for vraag in self.oogst.vragen:
            sections.setdefault(vraag.kop, []).append(self.participant_fields[f"oogst.{vraag.key}"])
        return list(sections.items())

    @cached_property
    def choices(self) -> dict[str, ChoiceSpec]:
        low, high = self.scenario.limieten["focuspunten"]
        c_low, c_high = self.partners.limieten["uitdagend"]
        return {
            FOCUSPUNTEN: ChoiceSpec(
                FOCUSPUNTEN,
                tuple(p.id for p in self.content.focuspunten()),
                low,
                high,
                "focuspunt",
                "focuspunten",
            ),
            UITDAGEND: ChoiceSpec(
                UITDAGEND,
                tuple(str(n) for n in self.wie_slots),
                c_low,
                c_high,
                "partner",
                "partners",
            ),
            KLAAR: ChoiceSpec(KLAAR, ("ja",), 0, 1, "keuze", "keuzes"),
        }

    def spec_for(self, owner: str, key: str) -> FieldSpec | None:
        fields = self.group_fields if owner.startswith("g") else self.participant_fields
        return fields.get(key)


def split_choice(value: str) -> list[str]:
    return [item for item in value.split(",") if item]


def join_choice(items: list[str]) -> str:
    return ",".join(items)
