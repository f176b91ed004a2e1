"""The web app: ``create_app(store_url, token)`` builds it around one store.

Pages (``pages.py``) and the JSON API (``api.py``) are two routers over the same store.
Two pieces of ASGI middleware wrap them: one refuses request bodies over the size limit with
a 413 before anything reads them, one puts the security headers on every answer, among them
a Content-Security-Policy that lets only our own script file run (no inline script, no inline
event handlers) and our own style sheets load. Everything the pages need (CSS, JS) is served
by the app itself; nothing comes from another site.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from html import escape
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException

from storyline import __version__
from storyline.errors import ConfigError, InputError, StoreError, StorylineError
from storyline.options import ServeOptions
from storyline.report.timeline import style_csp_source
from storyline.web import api, pages
from storyline.web.deps import WebError, WebState, get_state, template_globals
from storyline.web.render import render, report_css

if TYPE_CHECKING:
    from storyline.store import Store

DEFAULT_MAX_MB = ServeOptions().max_mb
# Store errors that mean "no such id": answered 404 (unknown story, unknown article, a story
# merged into another).
NOT_FOUND_CODES = frozenset({"S402", "S403", "S411"})
# Store errors a client caused by what it sent (an article already in another story): 422.
CLIENT_STORE_CODES = frozenset({"S405"})
_ERROR_ID_BYTES = 6

log = logging.getLogger(__name__)

# Inline style *attributes* carry each outlet's colour (style="--c: #0072B2"); the timeline SVG's
# one <style> element is allowed by its hash; no other inline style, and no inline script at all.
CSP = (
    f"default-src 'none'; script-src 'self'; style-src 'self' {style_csp_source()}; "
    "style-src-attr 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def create_app(
    store_url: str | None,
    token: str | None = None,
    *,
    store: Store | None = None,
    max_mb: float = DEFAULT_MAX_MB,
    open_reads: bool = True,
) -> FastAPI:
    """The app around the store at ``store_url`` (or an open ``store``, e.g. in tests).

    token: what writes need (``Authorization: Bearer TOKEN``, or once in the page forms);
    None makes a random one, readable as ``app.state.web.token``. max_mb: larger request
    bodies get 413. open_reads=False makes reads need the token as well.
    """
    if store is None:
        from storyline.store import Store

        store = Store.open(store_url)
    state = WebState(
        store=store,
        token=token or secrets.token_urlsafe(24),
        max_bytes=int(max_mb * 1024 * 1024),
        open_reads=open_reads,
    )
    app = FastAPI(
        title="storyline",
        version=__version__,
        summary="Cited story dossiers from news articles.",
        description=(
            "Create a story from articles, add more, read its dossier (schema `storyline.dossier/1`) "
            "and search quotes, entities and articles. Writes need `Authorization: Bearer TOKEN`."
        ),
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.web = state
    app.include_router(api.router)
    app.include_router(pages.router)
    _add_utility_routes(app)  # before the /static mount, which would otherwise answer /static/report.css
    app.mount("/static", StaticFiles(packages=[("storyline.web", "static")]), name="static")
    _add_error_handlers(app)
    app.add_middleware(BodyLimit, max_bytes=state.max_bytes)
    app.add_middleware(SecurityHeaders)
    return app


def _add_utility_routes(app: FastAPI) -> None:
    @app.get("/static/report.css", include_in_schema=False)
    def _report_css() -> Response:
        return PlainTextResponse(
            report_css(), media_type="text/css", headers={"cache-control": "max-age=300"}
        )

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def _docs(request: Request) -> HTMLResponse:
        """The API reference, rendered on the server from /openapi.json (no CDN, no script)."""
        state = get_state(request)
        spec = app.openapi()
        page = render(
            "docs.html.j2", **template_globals(request, state), info=spec["info"], endpoints=_endpoints(spec)
        )
        return HTMLResponse(page)

    @app.get("/favicon.ico", include_in_schema=False)
    def _favicon() -> Response:
        return Response(status_code=204)

    @app.get("/healthz", include_in_schema=False)
    def _health() -> dict[str, str]:
        return {"status": "ok"}


def _schema_type(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "enum" in schema:
        return " | ".join(repr(v) for v in schema["enum"])
    if "anyOf" in schema:
        return " | ".join(_schema_type(s) for s in schema["anyOf"])
    if schema.get("type") == "array":
        return f"list of {_schema_type(schema.get('items', {}))}"
    return str(schema.get("type", "any"))


def _endpoints(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The OpenAPI operations, flattened for the /docs page."""
    out = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            body = op.get("requestBody", {}).get("content", {})
            out.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "id": op.get("operationId", f"{method}-{path}"),
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "params": [
                        {
                            "name": p["name"],
                            "in": p.get("in", ""),
                            "required": p.get("required", False),
                            "type": _schema_type(p.get("schema", {})),
                            "description": p.get("description", ""),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "body": [f"{ct}: {_schema_type(m.get('schema', {}))}" for ct, m in body.items()],
                    "responses": [
                        (status, r.get("description", "")) for status, r in op.get("responses", {}).items()
                    ],
                }
            )
    return out


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path == "/openapi.json"


def _error_page(
    request: Request, status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> Response:
    if _wants_json(request):
        return JSONResponse({"code": code, "message": message}, status_code=status, headers=headers)
    state = get_state(request)
    page = render(
        "error.html.j2", **template_globals(request, state), status=status, message=message, code=code
    )
    return HTMLResponse(page, status_code=status, headers=headers)


def _server_error(request: Request, exc: Exception) -> Response:
    """500, with an id that is in the log next to the traceback (the client sees no internals)."""
    error_id = secrets.token_hex(_ERROR_ID_BYTES)
    log.error("error %s on %s %s", error_id, request.method, request.url.path, exc_info=exc)
    message = f"Something went wrong on the server (error id {error_id}); its log has the details."
    return _error_page(request, 500, "internal_error", message)


def _add_error_handlers(app: FastAPI) -> None:
    """Each exception class is mapped to an answer here, once (routes do not catch them)."""
    _add_storyline_handlers(app)

    @app.exception_handler(WebError)
    async def _web_error(request: Request, exc: WebError) -> Response:
        return _error_page(request, exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [
            {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
            for e in exc.errors()
        ]
        where = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in errors[:5])
        message = f"The request is not valid: {where}."
        if _wants_json(request):
            body = {"code": "invalid", "message": message, "detail": errors}
            return JSONResponse(body, status_code=422)
        return _error_page(request, 422, "invalid", message)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        messages = {404: "Nothing here. Stories are listed at /.", 405: "This method is not allowed here."}
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        message = messages.get(exc.status_code, str(exc.detail))
        return _error_page(request, exc.status_code, code, message, dict(exc.headers or {}))


def _add_storyline_handlers(app: FastAPI) -> None:
    @app.exception_handler(StoreError)
    async def _store_error(request: Request, exc: StoreError) -> Response:
        if exc.code in NOT_FOUND_CODES:
            return _error_page(request, 404, "not_found", str(exc))
        if exc.code in CLIENT_STORE_CODES:
            return _error_page(request, 422, "no_usable_articles", str(exc))
        return _server_error(request, exc)

    @app.exception_handler(InputError)
    async def _input_error(request: Request, exc: InputError) -> Response:
        return _error_page(request, 422, "no_usable_articles", str(exc))

    @app.exception_handler(ConfigError)
    async def _config_error(request: Request, exc: ConfigError) -> Response:
        return _error_page(request, 422, "invalid", str(exc))

    @app.exception_handler(StorylineError)
    async def _other_error(request: Request, exc: StorylineError) -> Response:
        return _server_error(request, exc)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        return _server_error(request, exc)


def _too_large_message(limit: int, size: int | None) -> str:
    size_text = f" is {size / 1024 / 1024:.1f} MB," if size is not None else " is"
    return (
        f"The request body{size_text} over the {limit / 1024 / 1024:g} MB limit. Send fewer or smaller "
        "articles at a time (several requests can add to one story), or start the server with a "
        "larger --max-mb."
    )


class BodyLimit:
    """413 for a body over ``max_bytes``: from its Content-Length before reading anything, or
    while reading a body of unstated length (chunked), which is then buffered and replayed."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                size = self.max_bytes + 1
            if size > self.max_bytes:
                await self._reject(scope, send, size)
                return
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        total = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, receive, send)  # client gone: let the app see it
                return
            chunk = message.get("body", b"")
            total += len(chunk)
            if total > self.max_bytes:
                await self._reject(scope, send, None)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _reject(self, scope: Scope, send: Send, size: int | None) -> None:
        message = _too_large_message(self.max_bytes, size)
        path = str(scope.get("path", ""))
        if path.startswith("/api"):
            response: Response = JSONResponse({"code": "too_large", "message": message}, status_code=413)
        else:
            page = f"<!doctype html><title>Too large</title><h1>Too large</h1><p>{escape(message)}</p>"
            response = HTMLResponse(page, status_code=413)
        response.headers["connection"] = "close"

        async def no_body() -> Message:
            return {"type": "http.disconnect"}

        await response(scope, no_body, send)


class SecurityHeaders:
    """CSP, nosniff, referrer policy and framing rules on every answer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, with_headers)
