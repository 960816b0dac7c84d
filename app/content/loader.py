"""Reads workforms/ and casussen/ into one validated Content, or says everything that is wrong.

A facilitator edits these files by hand, so the errors are written for them: every problem
in every file is collected and reported on its own line, naming the file (relative to the
content folder), the field (e.g. `blokken[3].eind`), what is wrong and, where it can be
found, the line in the file. A new casus is a new file in casussen/; no code changes.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from app.content.models import (
    SLUG,
    Casus,
    Content,
    Ontwerpprincipe,
    Programma,
    Werkvorm,
    check_ontwerpprincipes,
)

M = TypeVar("M", bound=BaseModel)

WORKFORMS = "workforms"
CASUSSEN = "casussen"
PROGRAMMA = f"{WORKFORMS}/programma.yaml"
ONTWERPPRINCIPES = f"{WORKFORMS}/ontwerpprincipes.yaml"

# The werkvormen the app's code reads, with the vraag keys and limieten it looks up by name.
# Answers are stored under these keys, so they are fixed; labels, hints and numbers are not.
REQUIRED_WERKVORMEN: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "scenario-denken": (("zin", "metafoor", "bespreekbaar", "nodig"), ("focuspunten", "inzichten")),
    "partners-in-beeld": (("wie", "wat", "hoe"), ("wie", "uitdagend", "inzichten")),
    "persoonlijke-oogst": (
        ("w1_praktijk", "w1_regio", "w2_praktijk", "w2_regio", "eyeopeners"),
        (),
    ),
    "terugkoppeling": (("inzicht_w1", "inzicht_w2", "vervolgstap", "opbrengst"), ("inzichten",)),
}


class ContentError(Exception):
    """The content files are missing or wrong; `problems` holds one line per problem."""

    def __init__(self, problems: list[str], root: Path | None = None) -> None:
        self.problems = problems
        count = f"{len(problems)} problem" + ("" if len(problems) == 1 else "s")
        where = f" in {root}" if root else ""
        super().__init__(f"The workshop content{where} has {count}:\n" + "\n".join(problems))


class _OntwerpprincipesFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    ontwerpprincipes: tuple[Ontwerpprincipe, ...] = Field(min_length=1)

    @field_validator("ontwerpprincipes")
    @classmethod
    def _unique(cls, principes: tuple[Ontwerpprincipe, ...]) -> tuple[Ontwerpprincipe, ...]:
        return check_ontwerpprincipes(principes)


@dataclass
class _File:
    """One parsed YAML file: its data, and its node tree to find line numbers."""

    rel: str
    data: dict[str, Any]
    node: yaml.Node

    def problem(self, loc: tuple[int | str, ...], message: str) -> str:
        field = _dotted(loc)
        where = f"{self.rel}: {field}: " if field else f"{self.rel}: "
        return f"{where}{message} (line {_line(self.node, loc)})"


def load_content(root: Path) -> Content:
    """Load and check the programme, ontwerpprincipes, werkvormen and casussen under root."""
    root = Path(root)
    if not root.is_dir():
        raise ContentError([f"{root}: the content folder does not exist"])
    problems: list[str] = []

    programma_file = _read(root, PROGRAMMA, problems)
    programma = _validate(programma_file, Programma, problems)

    principes_file = _read(root, ONTWERPPRINCIPES, problems)
    principes = _validate(principes_file, _OntwerpprincipesFile, problems)

    werkvorm_files = _read_folder(
        root, WORKFORMS, problems, skip=frozenset({PROGRAMMA, ONTWERPPRINCIPES})
    )
    werkvormen: dict[str, Werkvorm] = {}
    for werkvorm_id, file in werkvorm_files.items():
        if file and (werkvorm := _validate(file, Werkvorm, problems, werkvorm_id)):
            _check_app_needs(file, werkvorm, problems)
            werkvormen[werkvorm_id] = werkvorm
    for werkvorm_id in REQUIRED_WERKVORMEN:
        if werkvorm_id not in werkvorm_files:
            problems.append(f"{WORKFORMS}/{werkvorm_id}.yaml: file is missing (the app needs it)")

    casus_files = _read_folder(root, CASUSSEN, problems)
    if not casus_files and (root / CASUSSEN).is_dir():
        problems.append(
            f"{CASUSSEN}/: no casus files; add one file per casus, e.g. {CASUSSEN}/mijn-regio.yaml"
        )
    casussen: dict[str, tuple[_File, Casus]] = {}
    for casus_id, file in casus_files.items():
        if file and (casus := _validate(file, Casus, problems, casus_id)):
            casussen[casus_id] = (file, casus)

    # Checks across files, each made only when the files it compares to could be read.
    if programma and programma_file:
        _check_block_werkvormen(programma_file, programma, set(werkvorm_files), problems)
    if principes:
        _check_casus_focuspunten(casussen.values(), principes.ontwerpprincipes, problems)
    _check_casus_nummers(casussen.values(), problems)

    if problems or not (programma and principes):
        raise ContentError(problems, root)
    return Content(
        programma=programma,
        ontwerpprincipes=principes.ontwerpprincipes,
        werkvormen=werkvormen,
        casussen={
            casus.id: casus for _, casus in sorted(casussen.values(), key=lambda fc: fc[1].nummer)
        },
    )


def _read_folder(
    root: Path, folder: str, problems: list[str], skip: frozenset[str] = frozenset()
) -> dict[str, _File | None]:
    """Every *.yaml file in folder by id (file name without .yaml); None for unreadable files."""
    if not (root / folder).is_dir():
        problems.append(f"{folder}/: folder is missing")
        return {}
    files: dict[str, _File | None] = {}
    for path in sorted((root / folder).iterdir()):
        rel = f"{folder}/{path.name}"
        if path.suffix == ".yml":
            problems.append(f"{rel}: rename the file to end in .yaml, or it is not read")
        if path.suffix != ".yaml" or rel in skip:
            continue
        if not SLUG.match(path.stem):
            problems.append(
                f"{rel}: the file name gives the id, so it must be lowercase letters, digits "
                "and hyphens, e.g. 'stad-en-streek.yaml'"
            )
            continue
        files[path.stem] = _read(root, rel, problems)
    return files


def _read(root: Path, rel: str, problems: list[str]) -> _File | None:
    try:
        text = (root / rel).read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(f"{rel}: file is missing")
        return None
    except UnicodeDecodeError:
        problems.append(f"{rel}: the file is not UTF-8 text; save it as UTF-8")
        return None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        what = error.problem or error.context or "unreadable"
        problems.append(f"{rel}: {where}invalid YAML: {what}")
        return None
    except yaml.YAMLError as error:
        problems.append(f"{rel}: invalid YAML: {error}")
        return None
    if node is None or data is None:
        problems.append(f"{rel}: the file is empty")
        return None
    if not isinstance(data, dict):
        problems.append(
            f"{rel}: the file must hold fields as 'name: value' lines at the top level "
            f"(line {node.start_mark.line + 1})"
        )
        return None
    # PyYAML keeps only the last of two equal keys; a facilitator would lose text unnoticed.
    for path, key, first, second in _duplicate_keys(node):
        field = _dotted((*path, key))
        problems.append(f"{rel}: {field}: appears twice, on line {first} and line {second}")
    return _File(rel, data, node)


def _validate(
    file: _File | None, model: type[M], problems: list[str], file_id: str | None = None
) -> M | None:
    if file is None:
        return None
    data = file.data
    if file_id is not None:
        # The id is the file name, so that a casus or werkvorm cannot be named twice.
        if "id" in data and data["id"] != file_id:
            problems.append(
                file.problem(
                    ("id",), f"the id comes from the file name ({file_id!r}); remove this line"
                )
            )
        data = {**data, "id": file_id}
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems.extend(file.problem(e["loc"], _message(e)) for e in error.errors())
        return None


def _check_app_needs(file: _File, werkvorm: Werkvorm, problems: list[str]) -> None:
    if werkvorm.id not in REQUIRED_WERKVORMEN:
        return
    vragen, limieten = REQUIRED_WERKVORMEN[werkvorm.id]
    have = {v.key for v in werkvorm.vragen}
    for key in vragen:
        if key not in have:
            problems.append(
                file.problem(
                    ("vragen",), f"missing vraag {key!r}: the app needs {', '.join(vragen)}"
                )
            )
    for name in limieten:
        if name not in werkvorm.limieten:
            problems.append(
                file.problem(
                    ("limieten",), f"missing limiet {name!r}: the app needs {', '.join(limieten)}"
                )
            )


def _check_block_werkvormen(
    file: _File, programma: Programma, werkvorm_ids: set[str], problems: list[str]
) -> None:
    for i, blok in enumerate(programma.blokken):
        if blok.werkvorm is not None and blok.werkvorm not in werkvorm_ids:
            known = ", ".join(sorted(werkvorm_ids)) or "none"
            problems.append(
                file.problem(
                    ("blokken", i, "werkvorm"),
                    f"unknown werkvorm {blok.werkvorm!r} (known: {known})",
                )
            )


def _check_casus_focuspunten(
    casussen: Iterable[tuple[_File, Casus]],
    principes: tuple[Ontwerpprincipe, ...],
    problems: list[str],
) -> None:
    ids = [punt.id for principe in principes for punt in principe.focuspunten]
    for file, casus in casussen:
        for key in casus.situatie:
            if key not in ids:
                problems.append(
                    file.problem(
                        ("situatie", key), f"unknown focuspunt {key!r} (known: {', '.join(ids)})"
                    )
                )


def _check_casus_nummers(casussen: Iterable[tuple[_File, Casus]], problems: list[str]) -> None:
    by_nummer: dict[int, str] = {}
    for file, casus in casussen:
        if casus.nummer in by_nummer:
            problems.append(
                file.problem(
                    ("nummer",),
                    f"casus nummer {casus.nummer} is also used by {by_nummer[casus.nummer]}",
                )
            )
        else:
            by_nummer[casus.nummer] = file.rel


def _message(error: Any) -> str:
    kind = error["type"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field; check the spelling or remove it"
    if kind in ("value_error", "assertion_error"):
        return str(error["ctx"]["error"])
    message = error["msg"]
    value = error.get("input")
    if value is None:
        return f"{message} (the value is empty)"
    if isinstance(value, str | int | float | bool):
        return f"{message} (got {value!r})"
    return message


def _dotted(loc: tuple[int | str, ...]) -> str:
    """('blokken', 3, 'eind') -> 'blokken[3].eind'."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _line(node: yaml.Node, loc: tuple[int | str, ...]) -> int:
    """The line of the deepest part of loc that exists in the file (1-based)."""
    line = node.start_mark.line + 1
    for part in loc:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            match = next((kv for kv in node.value if kv[0].value == part), None)
            if match is None:
                break
            line, node = match[0].start_mark.line + 1, match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if not 0 <= part < len(node.value):
                break
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


def _duplicate_keys(
    node: yaml.Node, path: tuple[int | str, ...] = ()
) -> Iterator[tuple[tuple[int | str, ...], str, int, int]]:
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key, line = str(key_node.value), key_node.start_mark.line + 1
            if key in seen:
                yield path, key, seen[key], line
            else:
                seen[key] = line
            yield from _duplicate_keys(value_node, (*path, key))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from _duplicate_keys(item, (*path, i))
