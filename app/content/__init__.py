"""The workshop content as data: workforms/ and casussen/ loaded into validated, frozen models."""

from app.content.loader import REQUIRED_WERKVORMEN, ContentError, load_content
from app.content.models import (
    ONLEESBAAR,
    Casus,
    Content,
    Focuspunt,
    Ontwerpprincipe,
    Programma,
    ProgrammaBlok,
    Regel,
    Rol,
    Stap,
    Vraag,
    Werkvorm,
)

__all__ = [
    "ONLEESBAAR",
    "REQUIRED_WERKVORMEN",
    "Casus",
    "Content",
    "ContentError",
    "Focuspunt",
    "Ontwerpprincipe",
    "Programma",
    "ProgrammaBlok",
    "Regel",
    "Rol",
    "Stap",
    "Vraag",
    "Werkvorm",
    "load_content",
]
