"""The HTML pages: story list, story (the dossier), article with highlights, new story, login.

Pages are rendered on the server and read fine without JavaScript. The forms post
multipart bodies; reading them happens on the event loop (async), the analysis itself in the
thread pool.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from storyline.errors import ConfigError, Errors, StorylineError
from storyline.model import RawArticle, Skipped
from storyline.options import Options
from storyline.web.api import known_story
from storyline.web.deps import (
    COOKIE,
    State,
    WebError,
    WebState,
    not_found,
    page_authorised,
    same_origin,
    template_globals,
)
from storyline.web.render import article_context, render, story_context
from storyline.web.uploads import Upload, read_form_articles

router = APIRouter(include_in_schema=False)

_COOKIE_AGE = 30 * 24 * 3600


def _page(
    request: Request, state: WebState, template: str, status: int = 200, **context: Any
) -> HTMLResponse:
    page = render(template, **template_globals(request, state), **context)
    return HTMLResponse(page, status_code=status)


def _require_read(request: Request, state: WebState) -> None:
    if not state.open_reads and not page_authorised(request, state):
        raise WebError(401, "unauthorized", "Enter the access token on the login page to read stories.")


@router.get("/", response_class=HTMLResponse)
def story_list(
    request: Request, state: State, q: Annotated[str | None, Query(max_length=500)] = None
) -> HTMLResponse:
    _require_read(request, state)
    stories = state.store.stories(limit=200, query=q.strip() if q and q.strip() else None)
    return _page(request, state, "stories.html.j2", stories=stories, q=q or "")


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    state: State,
    q: Annotated[str, Query(max_length=500)] = "",
    kind: Literal["article", "quote", "entity"] = "quote",
    speaker: Annotated[str, Query(max_length=200)] = "",
) -> HTMLResponse:
    _require_read(request, state)
    hits = (
        state.store.search(q.strip(), kind=kind, speaker=speaker.strip() or None, limit=50)
        if q.strip()
        else []
    )
    return _page(request, state, "search.html.j2", hits=hits, q=q, kind=kind, speaker=speaker)


@router.get("/stories/new", response_class=HTMLResponse)
def new_story_form(request: Request, state: State) -> HTMLResponse:
    return _page(request, state, "new.html.j2", story=None, form={}, error=None, result=None)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(story_id: str, request: Request, state: State) -> HTMLResponse:
    _require_read(request, state)
    info = known_story(state, story_id)
    authorised = page_authorised(request, state)

    def build() -> str:
        dossier = state.store.dossier(story_id)
        return render("story.html.j2", **template_globals(request, state), **story_context(story_id, dossier))

    key = ("page", story_id, f"{info.updated_at}|{info.n_articles}|{authorised}")
    return HTMLResponse(state.cached(key, build))


@router.get("/stories/{story_id}/articles/{article_id}", response_class=HTMLResponse)
def article_page(
    story_id: str,
    article_id: str,
    request: Request,
    state: State,
    hl: Annotated[str | None, Query(max_length=40, description="START-END of a span to highlight")] = None,
) -> HTMLResponse:
    _require_read(request, state)
    known_story(state, story_id)
    dossier = state.store.dossier(story_id)
    article = next((a for a in dossier.articles if a.id == article_id), None)
    if article is None:
        raise not_found(f"article {article_id!r} in this story")
    return _page(request, state, "article.html.j2", **article_context(story_id, dossier, article, hl))


@router.get("/stories/{story_id}/add", response_class=HTMLResponse)
def add_articles_form(story_id: str, request: Request, state: State) -> HTMLResponse:
    _require_read(request, state)
    info = known_story(state, story_id)
    return _page(request, state, "new.html.j2", story=info, form={}, error=None, result=None)


async def _form_input(request: Request, state: WebState) -> tuple[dict[str, str], list[Upload]]:
    form = await request.form(max_files=1000, max_fields=50, max_part_size=state.max_bytes)
    fields: dict[str, str] = {}
    uploads: list[Upload] = []
    for name, value in form.multi_items():
        if isinstance(value, UploadFile):
            if value.filename:
                uploads.append(Upload(value.filename, await value.read()))
        elif name in ("text", "outlet", "published", "token"):
            fields[name] = value
    await form.close()
    return fields, uploads


def _options(fields: dict[str, str]) -> Options:
    published = fields.get("published", "").strip() or None
    if published:
        try:
            published = dt.date.fromisoformat(published).isoformat()
        except ValueError as exc:
            raise ConfigError(Errors.S201.format(value=published)) from exc
    return Options(outlet=fields.get("outlet", "").strip()[:200] or None, published=published)


def _analyse(
    state: WebState, raws: list[RawArticle], options: Options, story_id: str | None
) -> tuple[str, Any]:
    with state.write_lock:
        if story_id is None:
            new_id, report = state.store.create_story(raws, options)
            return str(new_id), report
        return story_id, state.store.ingest(raws, options, story=story_id)


async def _submit(request: Request, state: WebState, story_id: str | None) -> Response:
    story = await run_in_threadpool(known_story, state, story_id) if story_id else None
    fields, uploads = await _form_input(request, state)
    form = {k: v for k, v in fields.items() if k != "token"}

    def again(status: int, error: str, result: Any = None) -> HTMLResponse:
        return _page(
            request, state, "new.html.j2", status, story=story, form=form, error=error, result=result
        )

    if not same_origin(request):
        return again(403, "This form can only be sent from storyline's own pages.")
    logged_in_now = state.token_ok(fields.get("token"))
    if not (page_authorised(request, state) or logged_in_now):
        message = "Enter the access token (printed by storyline serve at start) to add articles."
        if fields.get("token"):
            message = "That token is not right. " + message
        return again(401, message)
    try:
        options = _options(fields)
    except ConfigError as exc:
        return again(422, str(exc))
    raws, skipped = await run_in_threadpool(read_form_articles, fields.get("text", ""), uploads, options)
    if not raws:
        reasons = "; ".join(s.reason for s in skipped)
        return again(
            422,
            "No articles to analyse: paste some text or choose files." + (f" {reasons}" if reasons else ""),
        )
    try:
        new_id, report = await run_in_threadpool(_analyse, state, raws, options, story_id)
    except StorylineError as exc:
        return again(422, str(exc))
    all_skipped: list[Skipped] = [*skipped, *report.skipped]
    url = f"/stories/{new_id}"
    if all_skipped or not report.added:
        response: Response = again(200, "", result={"url": url, "report": report, "skipped": all_skipped})
    else:
        response = RedirectResponse(url, status_code=303)
    if logged_in_now:
        _set_session(response, state)
    return response


@router.post("/stories")
async def create_story_form(request: Request, state: State) -> Response:
    return await _submit(request, state, None)


@router.post("/stories/{story_id}/articles")
async def add_articles_submit(story_id: str, request: Request, state: State) -> Response:
    return await _submit(request, state, story_id)


def _set_session(response: Response, state: WebState) -> None:
    response.set_cookie(
        COOKIE, state.session_value, max_age=_COOKIE_AGE, httponly=True, samesite="strict", path="/"
    )


def _local(next_url: str | None) -> str:
    """Only a path on this site is a place to go back to after logging in."""
    if next_url and next_url.startswith("/") and not next_url.startswith("//") and "\\" not in next_url:
        return next_url
    return "/"


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, state: State, next: str = "/") -> HTMLResponse:
    return _page(request, state, "login.html.j2", next=_local(next), error=None)


@router.post("/login")
async def login(request: Request, state: State) -> Response:
    form = await request.form(max_fields=5, max_files=0)
    token = str(form.get("token", ""))
    next_url = _local(str(form.get("next", "/")))
    if not same_origin(request):
        return _page(
            request, state, "login.html.j2", 403, next=next_url, error="Log in from storyline's own page."
        )
    if not state.token_ok(token):
        return _page(request, state, "login.html.j2", 401, next=next_url, error="That token is not right.")
    response = RedirectResponse(next_url, status_code=303)
    _set_session(response, state)
    return response


@router.post("/logout")
def logout(request: Request) -> Response:
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response
