"""The JSON API under /api: create stories, add articles, read dossiers, search.

Every route is a plain ``def``: FastAPI runs it in its thread pool, so a pipeline run (a few
seconds of spaCy) never blocks the event loop. Writes need ``Authorization: Bearer TOKEN``
(see ``deps``); errors are ``{code, message}`` JSON with a 4xx status, mapped from the
library's exceptions in one place (``app._add_storyline_handlers``).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Response
from fastapi.responses import JSONResponse

from storyline.model import Article, Dossier
from storyline.store import IngestReport, SearchHit, StoryInfo
from storyline.web.deps import State, WebError, WebState, not_found, require_api_read, require_bearer
from storyline.web.schemas import ArticlesIn, CreatedOut, ErrorOut

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "No or wrong bearer token."},
    404: {"model": ErrorOut, "description": "No such story or article."},
    413: {"model": ErrorOut, "description": "Request body over the size limit."},
    422: {"model": ErrorOut, "description": "The body or a parameter is not valid."},
}

router = APIRouter(prefix="/api", tags=["api"], responses=_ERRORS, dependencies=[Depends(require_api_read)])


def known_story(state: WebState, story_id: str) -> StoryInfo:
    """The store's StoryInfo for story_id (an unknown id raises StoreError S402: 404)."""
    return state.store.story(story_id)


def _no_articles_used(report: IngestReport) -> WebError:
    reasons = "; ".join(s.reason for s in report.skipped) or "every article was a duplicate"
    return WebError(422, "no_usable_articles", f"No article could be used: {reasons}")


@router.post(
    "/stories",
    status_code=201,
    response_model=CreatedOut,
    dependencies=[Depends(require_bearer)],
    summary="Create a story from articles",
)
def create_story(body: ArticlesIn, state: State, response: Response) -> CreatedOut:
    """Analyse the articles into a new story and store it. Answers with the story's id; the
    dossier is then at ``/api/stories/{id}/dossier``."""
    with state.write_lock:
        story_id, report = state.store.create_story(body.to_raws())
    if not report.added and not report.duplicates and not report.near_duplicates:
        raise _no_articles_used(report)
    response.headers["Location"] = f"/api/stories/{story_id}"
    return CreatedOut(**report.model_dump(), id=story_id)


@router.get("/stories", response_model=list[StoryInfo], summary="List stories, most recently updated first")
def list_stories(
    state: State,
    q: Annotated[str | None, Query(max_length=500, description="Words in the headline or text.")] = None,
    since: Annotated[dt.date | None, Query(description="Only stories updated since this day.")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[StoryInfo]:
    return state.store.stories(since=since, limit=limit, query=q or None)


@router.get(
    "/stories/{story_id}", response_model=StoryInfo, summary="One story's headline, outlets and dates"
)
def get_story(story_id: str, state: State) -> StoryInfo:
    return known_story(state, story_id)


@router.get(
    "/stories/{story_id}/dossier",
    response_model=Dossier,
    summary="The story's dossier (schema storyline.dossier/1)",
)
def get_dossier(story_id: str, state: State) -> Response:
    info = known_story(state, story_id)

    def build() -> str:
        # Serialised by the model itself (aliases included), not validated a second time.
        return state.store.dossier(story_id).to_json(indent=None)

    key = ("dossier", story_id, f"{info.updated_at}|{info.n_articles}")
    return Response(state.cached(key, build), media_type="application/json")


@router.post(
    "/stories/{story_id}/articles",
    response_model=IngestReport,
    dependencies=[Depends(require_bearer)],
    summary="Add articles to a story",
)
def add_articles(story_id: str, body: ArticlesIn, state: State) -> IngestReport:
    known_story(state, story_id)
    with state.write_lock:
        return state.store.ingest(body.to_raws(), story=story_id)


@router.get(
    "/stories/{story_id}/articles/{article_id}",
    response_model=Article,
    summary="One article: normalised text and metadata",
)
def get_article(story_id: str, article_id: str, state: State) -> Response:
    known_story(state, story_id)
    for article in state.store.story_articles(story_id):
        if article.id == article_id:
            return Response(article.model_dump_json(), media_type="application/json")
    raise not_found(f"article {article_id!r} in story {story_id!r}")


@router.get("/search", response_model=list[SearchHit], summary="Search articles, quotes or entities")
def search(
    state: State,
    q: Annotated[str, Query(min_length=1, max_length=500, description="Words to look for.")],
    kind: Literal["article", "quote", "entity"] = "article",
    speaker: Annotated[str | None, Query(max_length=200, description="Quotes by this speaker.")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> list[SearchHit]:
    return state.store.search(q, kind=kind, speaker=speaker or None, limit=limit)


def error_response(error: WebError) -> JSONResponse:
    body = ErrorOut(code=error.code, message=error.message)
    return JSONResponse(body.model_dump(exclude_none=True), status_code=error.status, headers=error.headers)
