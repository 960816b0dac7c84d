"""The written opbrengst: a Markdown report of a session, in the voice of a notulist's synthesis."""

from itertools import groupby

from app.content import Content
from app.domain.dutch import dutch_date
from app.domain.harvest import GroupHarvest, Harvest
from app.storage.tables import WorkshopSession


def markdown_report(content: Content, session: WorkshopSession, harvest: Harvest) -> str:
    lines: list[str] = []
    add = lines.append
    programma = content.programma
    add(f"# {session.title}")
    add("")
    add(f"*{programma.ondertitel}* — Opdenksessie van {dutch_date(session.date)}")
    add("")
    add(
        "Dit verslag bundelt wat de groepen en deelnemers tijdens de sessie hebben vastgelegd. "
        "De teksten zijn letterlijk overgenomen van de tablets en de persoonlijke oogst."
    )
    add("")
    add("## In het kort")
    add("")
    add(f"- {len(harvest.groups)} groepen, {harvest.participants} deelnemers met een eigen oogst.")
    chosen = sorted((pair for pair in harvest.focus_counts if pair[1]), key=lambda p: -p[1])
    if chosen:
        top = ", ".join(f"{p.label} ({n}×)" for p, n in chosen[:5])
        add(f"- Meest gekozen focuspunten: {top}.")
    shared_partners = [p for p in harvest.partners if len(p.groups) > 1]
    if shared_partners:
        names = ", ".join(f"{p.name} ({len(p.groups)} groepen)" for p in shared_partners[:8])
        add(f"- Partners die meerdere groepen noemden: {names}.")
    add("")

    add("## Werkvorm 1 — Scenario-denken")
    add("")
    if chosen:
        add("| Focuspunt | Ontwerpprincipe | Gekozen door |")
        add("|---|---|---|")
        for punt, count in chosen:
            principe = content.ontwerpprincipe_van(punt.id)
            add(f"| {punt.label} | {principe.nr}. {principe.titel} | {count} |")
        add("")
    vragen = content.werkvorm("scenario-denken").vragen
    for view in harvest.groups:
        add(f"### {_heading(view)}")
        add("")
        if not view.scenarios:
            add("*Geen focuspunten gekozen.*")
            add("")
        for scenario in view.scenarios:
            answers = scenario.answers
            metafoor = f" — *{answers['metafoor']}*" if answers.get("metafoor") else ""
            add(f"**{scenario.focuspunt.label}**{metafoor}")
            add("")
            if answers.get("zin"):
                add(f"> {answers['zin']}")
                add("")
            rest = [v for v in vragen if v.key not in ("zin", "metafoor") and answers.get(v.key)]
            lines.extend(f"- {v.label} {answers[v.key]}" for v in rest)
            if rest:
                add("")
            if not any(answers.values()):
                add("*Nog geen mini-scenario geschreven.*")
                add("")
        _bullets(lines, "Inzichten voor de plenaire terugkoppeling", view.inzichten_w1)

    add("## Werkvorm 2 — Partners in beeld")
    add("")
    for view in harvest.groups:
        add(f"### {_heading(view)}")
        add("")
        if not view.partners:
            add("*Geen partners ingevuld.*")
            add("")
            continue
        add("Met wie het gesprek zeker gevoerd moet worden (★ = meest uitdagend):")
        add("")
        for partner in view.partners:
            add(f"{partner.slot}. {partner.name}{' ★' if partner.challenging else ''}")
        add("")
        for partner in view.challenging:
            add(f"**{partner.name}** — wat/waarom: {partner.wat or '—'}; hoe: {partner.hoe or '—'}")
            add("")
        _bullets(lines, "Inzichten", view.inzichten_w2)

    add("## Plenaire oogst en vervolg")
    add("")
    for view in harvest.groups:
        if not (view.vervolgstap or view.opbrengst):
            continue
        add(f"- **{view.group.name}** — vervolgstap: {view.vervolgstap or '—'}")
        if view.opbrengst:
            add(f"  Gewenste opbrengst: {view.opbrengst}")
    add("")

    add("## Persoonlijke oogst (anoniem gedeeld)")
    add("")
    if not harvest.shared:
        add("*Niemand heeft een persoonlijke oogst met de zaal gedeeld.*")
        add("")
    for label, answers in groupby(sorted(harvest.shared, key=lambda a: a.label), lambda a: a.label):
        add(f"**{label}**")
        add("")
        for answer in answers:
            add(f"- {answer.text}")
        add("")
    return "\n".join(lines).rstrip() + "\n"


def _heading(view: GroupHarvest) -> str:
    return f"{view.group.name} — Casus {view.casus.nummer}: {view.casus.kort}"


def _bullets(lines: list[str], title: str, items: list[str]) -> None:
    if not items:
        return
    lines.append(f"*{title}:*")
    lines.append("")
    lines.extend(f"- {item}" for item in items)
    lines.append("")
