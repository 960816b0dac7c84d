"""Errors as friendly Dutch pages (or fragments for htmx); never a stack trace to a user."""

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from starlette.exceptions import HTTPException

from app.web.templating import templates

log = logging.getLogger("opdenksessie")

MESSAGES = {
    404: ("Deze pagina bestaat niet", "Controleer het adres, of begin opnieuw op de startpagina."),
    405: ("Dat kan hier niet", "Deze pagina is niet bedoeld om zo te openen."),
}


class Refusal(Exception):
    """Raised by a route to answer with a friendly Dutch page: e.g. an unknown link."""

    def __init__(
        self, status: int, title: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(title)
        self.status, self.title, self.message = status, title, message
        self.headers = headers  # e.g. Retry-After on a 429


def _page(
    request: Request, status: int, title: str, message: str, headers: dict | None = None
) -> HTMLResponse:
    template = "partials/error_fragment.html" if request.headers.get("HX-Request") else "error.html"
    return templates.TemplateResponse(
        request, template, {"title": title, "message": message}, status_code=status, headers=headers
    )


def install(app: FastAPI) -> None:
    @app.exception_handler(Refusal)
    async def refused(request: Request, exc: Refusal):
        return _page(request, exc.status, exc.title, exc.message, exc.headers)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        title, message = MESSAGES.get(exc.status_code, ("Dat lukte niet", "Probeer het opnieuw."))
        return _page(request, exc.status_code, title, message)

    @app.exception_handler(RequestValidationError)
    async def invalid_input(request: Request, exc: RequestValidationError):
        return _page(
            request,
            422,
            "Dit klopt niet helemaal",
            "Er ontbrak iets of een waarde had een verkeerde vorm. Je ingevulde tekst is bewaard "
            "op dit apparaat; probeer het nog eens.",
        )

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s", request.url.path)
        return _page(
            request,
            500,
            "Er ging iets mis aan onze kant",
            "Je tekst is bewaard op dit apparaat en wordt opnieuw verstuurd. "
            "Lukt het blijvend niet, meld het dan aan de facilitator.",
        )
