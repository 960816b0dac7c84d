"""The written opbrengst: a Markdown report of a session, in the voice of a notulist's synthesis.

Everything people typed goes through md_escape: the report's structure, links and markup are the
install's own, never a participant's.
"""

import re
from itertools import groupby

from app.content import Content
from app.domain.dutch import dutch_date
from app.domain.harvest import GroupHarvest, Harvest
from app.storage.tables import WorkshopSession


def markdown_report(content: Content, session: WorkshopSession, harvest: Harvest) -> str:
    lines: list[str] = []
    add = lines.append
    programma = content.programma
    add(f"# {md_escape(session.title, one_line=True)}")
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
        names = ", ".join(
            f"{md_escape(p.name, one_line=True)} ({len(p.groups)} groepen)"
            for p in shared_partners[:8]
        )
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
            metafoor = md_escape(answers.get("metafoor", ""), one_line=True)
            metafoor = f" — *{metafoor}*" if metafoor else ""
            add(f"**{scenario.focuspunt.label}**{metafoor}")
            add("")
            if answers.get("zin"):
                add(f"> {md_escape(answers['zin'])}")
                add("")
            rest = [v for v in vragen if v.key not in ("zin", "metafoor") and answers.get(v.key)]
            lines.extend(f"- {v.label} {md_escape(answers[v.key])}" for v in rest)
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
            star = " ★" if partner.challenging else ""
            add(f"{partner.slot}. {md_escape(partner.name, one_line=True)}{star}")
        add("")
        for partner in view.challenging:
            wat, hoe = md_escape(partner.wat) or "—", md_escape(partner.hoe) or "—"
            add(f"**{md_escape(partner.name, one_line=True)}** — wat/waarom: {wat}; hoe: {hoe}")
            add("")
        _bullets(lines, "Inzichten", view.inzichten_w2)

    add("## Plenaire oogst en vervolg")
    add("")
    for view in harvest.groups:
        if not (view.vervolgstap or view.opbrengst):
            continue
        vervolgstap = md_escape(view.vervolgstap) or "—"
        add(f"- **{md_escape(view.group.name, one_line=True)}** — vervolgstap: {vervolgstap}")
        if view.opbrengst:
            add(f"  Gewenste opbrengst: {md_escape(view.opbrengst)}")
    add("")

    add("## Persoonlijke oogst (anoniem gedeeld)")
    add("")
    if not harvest.shared:
        add("*Niemand heeft een persoonlijke oogst met de zaal gedeeld.*")
        add("")
    # By question, then by text: no order that tells who wrote what.
    by_question = sorted(harvest.shared, key=lambda a: (a.label, a.text))
    for label, answers in groupby(by_question, lambda a: a.label):
        add(f"**{label}**")
        add("")
        for answer in answers:
            add(f"- {md_escape(answer.text)}")
        add("")
    return "\n".join(lines).rstrip() + "\n"


def _heading(view: GroupHarvest) -> str:
    name = md_escape(view.group.name, one_line=True)
    return f"{name} — Casus {view.casus.nummer}: {view.casus.kort}"


def _bullets(lines: list[str], title: str, items: list[str]) -> None:
    if not items:
        return
    lines.append(f"*{title}:*")
    lines.append("")
    lines.extend(f"- {md_escape(item)}" for item in items)
    lines.append("")


# Marks that mean something anywhere in a line: HTML and autolinks, links, emphasis, code,
# strikethrough, table cells, headings, and the backslash that escapes them all.
INLINE_MARKS = re.compile(r"([\\`*_\[\]<>#|~&@])")  # & starts an entity; @ a mail autolink
# Where GFM viewers start linking a bare address: "://" after a scheme and "www.".
BARE_LINKS = re.compile(r"(?<=[A-Za-z])(:)(?=//)|(?<=\bwww)(\.)", re.IGNORECASE)
# Marks that mean something at the start of a line: lists, setext headings, ordered lists.
LINE_START_MARKS = re.compile(r"^(?:([-+=])|(\d+)([.)]))")


def md_escape(text: str, one_line: bool = False) -> str:
    """What someone typed, as Markdown that shows exactly that text and does nothing else.

    No HTML, no links of its own, no headings, lists, tables, quotes or code blocks. Its line
    breaks stay as line breaks within the paragraph it is placed in (or become spaces with
    `one_line`, for headings and names); blank lines and indentation, which would end or nest
    the surrounding block, are dropped.
    """
    lines = [_escape_line(line) for line in text.splitlines() if line.strip()]
    return (" " if one_line else "\\\n").join(lines)


def _escape_line(line: str) -> str:
    line = INLINE_MARKS.sub(r"\\\1", line.strip())
    line = BARE_LINKS.sub(lambda m: f"\\{m[0]}", line)
    return LINE_START_MARKS.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", line)
