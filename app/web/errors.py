"""Errors as friendly Dutch pages (or fragments for htmx); never a stack trace to a user."""

import logging
from typing import Annotated

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError
from starlette.exceptions import HTTPException

from app.web.templating import templates

log = logging.getLogger("opdenksessie")

MESSAGES = {
    404: ("Deze pagina bestaat niet", "Controleer het adres, of begin opnieuw op de startpagina."),
    405: ("Dat kan hier niet", "Deze pagina is niet bedoeld om zo te openen."),
}


def session_gone() -> "Refusal":
    """A session that was deleted, or a code that never was one: the board, tablet or sheet."""
    return Refusal(
        404,
        "Deze sessie bestaat niet (meer)",
        "De code in de link klopt niet, of de sessie is voorbij of verwijderd: dan verdwijnen "
        "het bord en de werkbladen.",
    )


# The form parser refuses a field over 1 MiB (Starlette: "Part/Field exceeded maximum size");
# for the person who pasted it, that is just a text that is too long.
TOO_LARGE = (
    "Dit is te lang",
    "Deze tekst is groter dan 1 MB en is niet verstuurd. "
    "Je tekst blijft staan; maak hem korter, dan wordt hij opgeslagen.",
)
# Lone surrogates: what a client-chosen form charset (e.g. utf-7) can decode to. No database
# or page can hold them; a browser never sends them.
UNSTORABLE = (
    "Deze tekst kan niet worden bewaard",
    "Er zitten tekens in die geen geldige tekst zijn (het formulier is in een ongebruikelijke "
    "tekenset verstuurd). Typ of plak de tekst opnieuw.",
)


def is_storable(text: str) -> bool:
    """The text can be stored and shown: it encodes as UTF-8."""
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


def storable(text: str) -> str:
    if not is_storable(text):
        raise PydanticCustomError("unstorable_text", UNSTORABLE[1])
    return text


StorableText = Annotated[str, AfterValidator(storable)]


class Refusal(Exception):
    """Raised by a route to answer with a friendly Dutch page: e.g. an unknown link."""

    def __init__(
        self, status: int, title: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(title)
        self.status, self.title, self.message = status, title, message
        self.headers = headers  # e.g. Retry-After on a 429


def error_page(
    request: Request, status: int, title: str, message: str, headers: dict | None = None
) -> HTMLResponse:
    template = "partials/error_fragment.html" if request.headers.get("HX-Request") else "error.html"
    return templates.TemplateResponse(
        request, template, {"title": title, "message": message}, status_code=status, headers=headers
    )


def install(app: FastAPI) -> None:
    @app.exception_handler(Refusal)
    async def refused(request: Request, exc: Refusal):
        return error_page(request, exc.status, exc.title, exc.message, exc.headers)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        if exc.status_code == 400 and "exceeded maximum size" in str(exc.detail):
            return error_page(request, 422, *TOO_LARGE)
        title, message = MESSAGES.get(exc.status_code, ("Dat lukte niet", "Probeer het opnieuw."))
        return error_page(request, exc.status_code, title, message)

    @app.exception_handler(RequestValidationError)
    async def invalid_input(request: Request, exc: RequestValidationError):
        if any(error["type"] == "unstorable_text" for error in exc.errors()):
            return error_page(request, 422, *UNSTORABLE)
        return error_page(
            request,
            422,
            "Dit klopt niet helemaal",
            "Er ontbrak iets of een waarde had een verkeerde vorm. Je ingevulde tekst is bewaard "
            "op dit apparaat; probeer het nog eens.",
        )

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s", request.url.path)
        return error_page(
            request,
            500,
            "Er ging iets mis aan onze kant",
            "Je tekst is bewaard op dit apparaat en wordt opnieuw verstuurd. "
            "Lukt het blijvend niet, meld het dan aan de facilitator.",
        )
