"""The HTTP API and the pages' server side, through FastAPI's TestClient (no browser).

One app on a temporary SQLite store for the module; one story built from two of the invented
example articles. Writing needs the bearer token; everything else is read.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from storyline.errors import ConfigError, Errors, InputError, StoreError
from storyline.model import Dossier
from storyline.web import create_app
from storyline.web.uploads import display_name, split_pasted

from .server import HOSTILE_TEXT, HOSTILE_TITLE, TOKEN

with warnings.catch_warnings():
    # Starlette's TestClient warns, on import, that it will move from httpx to httpx2.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::storyline.errors.StorylineWarning")]

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("web-api") / "store.db"
    app = create_app(f"sqlite:///{db}", token=TOKEN, max_mb=1)
    with TestClient(app) as test_client:
        yield test_client
    app.state.web.store.close()


@pytest.fixture(scope="module")
def story(client: TestClient, example_dir: Path) -> dict[str, Any]:
    articles = [
        {"text": (example_dir / name).read_text(encoding="utf-8"), "source": name}
        for name in ("01_courier.txt", "03_northmoor.txt")
    ]
    response = client.post("/api/stories", json={"articles": articles}, headers=AUTH)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    assert response.headers["location"] == f"/api/stories/{body['id']}"
    return body


# ---------------------------------------------------------------- auth


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}])
def test_api_create_story_needs_the_token(client: TestClient, headers: dict[str, str]) -> None:
    response = client.post("/api/stories", json={"articles": [{"text": "x " * 50}]}, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["code"] == "unauthorized"
    assert "Authorization: Bearer" in response.json()["message"]


def test_api_add_articles_needs_the_token(client: TestClient, story: dict[str, Any]) -> None:
    response = client.post(f"/api/stories/{story['id']}/articles", json={"articles": [{"text": "a b c"}]})
    assert response.status_code == 401


def test_api_reads_can_be_closed(tmp_path: Path) -> None:
    app = create_app(f"sqlite:///{tmp_path / 's.db'}", token=TOKEN, open_reads=False)
    with TestClient(app) as closed:
        assert closed.get("/api/stories").status_code == 401
        assert closed.get("/api/stories", headers=AUTH).status_code == 200
        assert closed.get("/").status_code == 401
    app.state.web.store.close()


def test_app_makes_a_token_when_none_is_given(tmp_path: Path) -> None:
    app = create_app(f"sqlite:///{tmp_path / 's.db'}")
    assert len(app.state.web.token) >= 30
    app.state.web.store.close()


# ---------------------------------------------------------------- create and read


def test_api_create_story_returns_201_and_the_dossier_validates(
    client: TestClient, story: dict[str, Any], repo_root: Path
) -> None:
    assert story["added"] == 2 and story["skipped"] == []
    response = client.get(f"/api/stories/{story['id']}/dossier")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    data = response.json()
    assert data["schema"] == "storyline.dossier/1"
    schema = json.loads((repo_root / "schema" / "dossier.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    dossier = Dossier.model_validate_json(response.content)
    assert len(dossier.articles) == 2
    assert dossier.check_spans() == []
    assert {a.source for a in dossier.articles} == {"01_courier.txt", "03_northmoor.txt"}


def test_api_lists_and_gets_stories(client: TestClient, story: dict[str, Any]) -> None:
    listed = client.get("/api/stories").json()
    assert story["id"] in [s["id"] for s in listed]
    one = client.get(f"/api/stories/{story['id']}").json()
    assert one["n_articles"] == 2 and one["title"]


def test_api_add_articles_to_a_story(client: TestClient, story: dict[str, Any], example_dir: Path) -> None:
    text = (example_dir / "04_valley.txt").read_text(encoding="utf-8")
    body = {"articles": [{"text": text, "outlet": "Valley Post", "published": "2025-03-20"}]}
    response = client.post(f"/api/stories/{story['id']}/articles", json=body, headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.json()["added"] == 1
    dossier = Dossier.model_validate_json(client.get(f"/api/stories/{story['id']}/dossier").content)
    assert len(dossier.articles) == 3
    assert "Valley Post" in {a.outlet for a in dossier.articles}
    again = client.post(f"/api/stories/{story['id']}/articles", json=body, headers=AUTH).json()
    assert again["added"] == 0 and again["duplicates"] == 1


def test_api_search_finds_quotes(client: TestClient, story: dict[str, Any]) -> None:
    hits = client.get("/api/search", params={"q": "flood", "kind": "article"}).json()
    assert hits and all(h["story"] == story["id"] for h in hits)
    assert client.get("/api/search", params={"q": "flood", "kind": "poem"}).status_code == 422


def test_api_article_by_id(client: TestClient, story: dict[str, Any]) -> None:
    dossier = Dossier.model_validate_json(client.get(f"/api/stories/{story['id']}/dossier").content)
    article = dossier.articles[0]
    got = client.get(f"/api/stories/{story['id']}/articles/{article.id}").json()
    assert got["text"] == article.text


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize(
    "path",
    ["/api/stories/nope", "/api/stories/nope/dossier", "/api/stories/nope/articles/x"],
)
def test_api_unknown_story_is_404_json(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_api_add_to_unknown_story_is_404(client: TestClient) -> None:
    response = client.post("/api/stories/nope/articles", json={"articles": [{"text": "x"}]}, headers=AUTH)
    assert response.status_code == 404


def test_pages_unknown_story_is_an_html_404(client: TestClient) -> None:
    response = client.get("/stories/nope")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "No story" in response.text


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"articles": []},
        {"articles": [{"title": "no text"}]},
        {"articles": [{"text": "some text", "published": "last Tuesday"}]},
        {"articles": [{"text": "some text", "colour": "red"}]},
    ],
)
def test_api_bad_body_is_422_with_a_message(client: TestClient, body: dict[str, Any]) -> None:
    response = client.post("/api/stories", json=body, headers=AUTH)
    assert response.status_code == 422
    error = response.json()
    assert error["code"] == "invalid" and error["message"].startswith("The request is not valid")
    assert error["detail"]


def test_api_unusable_articles_are_422(client: TestClient) -> None:
    response = client.post("/api/stories", json={"articles": [{"text": "Too short."}]}, headers=AUTH)
    assert response.status_code == 422
    assert response.json()["code"] == "no_usable_articles"


def test_api_body_over_the_limit_is_413(client: TestClient) -> None:
    big = {"articles": [{"text": "word " * 300_000}]}  # 1.5 MB, over the 1 MB this app allows
    response = client.post("/api/stories", json=big, headers=AUTH)
    assert response.status_code == 413
    error = response.json()
    assert error["code"] == "too_large"
    assert "1 MB limit" in error["message"] and "--max-mb" in error["message"]


def test_api_body_of_unstated_length_over_the_limit_is_413(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(20):
            yield b"x" * 100_000

    response = client.post(
        "/api/stories", content=chunks(), headers={**AUTH, "content-type": "application/json"}
    )
    assert response.status_code == 413


# ---------------------------------------------------------------- headers and escaping


@pytest.mark.parametrize("path", ["/", "/api/stories", "/static/app.js", "/docs", "/stories/nope"])
def test_every_answer_carries_the_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self';" in csp and "default-src 'none'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"


def test_pages_have_no_inline_script_or_handlers(client: TestClient, story: dict[str, Any]) -> None:
    for path in ["/", f"/stories/{story['id']}", "/stories/new", "/docs", "/search?q=flood"]:
        page = client.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", page), path
        assert not re.search(r"\son[a-z]+=", page), path
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), path


def test_docs_and_openapi_are_served(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_id}/dossier", "/api/search"} <= set(spec["paths"])
    docs = client.get("/docs").text
    assert "/api/stories/{story_id}/dossier" in docs and "openapi.json" in docs


def test_hostile_article_is_escaped_on_every_page(client: TestClient) -> None:
    body = {"articles": [{"text": HOSTILE_TEXT, "title": HOSTILE_TITLE, "outlet": "<b>Evil</b> Times"}]}
    response = client.post("/api/stories", json=body, headers=AUTH)
    assert response.status_code == 201, response.text
    story_id = response.json()["id"]
    dossier = Dossier.model_validate_json(client.get(f"/api/stories/{story_id}/dossier").content)
    pages = [client.get("/").text, client.get(f"/stories/{story_id}").text]
    pages += [client.get(f"/stories/{story_id}/articles/{a.id}?hl=0-20").text for a in dossier.articles]
    for page in pages:
        assert "<script>alert" not in page and "<img src=x" not in page and "<b>Evil" not in page
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in pages[-1]


# ---------------------------------------------------------------- the page forms


def test_form_post_without_token_is_refused(client: TestClient) -> None:
    response = client.post("/stories", data={"text": "An article. " * 20})
    assert response.status_code == 401
    assert "access token" in response.text


def test_form_post_with_a_wrong_token_is_refused(client: TestClient) -> None:
    response = client.post("/stories", data={"text": "An article. " * 20, "token": "nope"})
    assert response.status_code == 401
    assert "not right" in response.text


def test_form_post_from_another_origin_is_refused(client: TestClient) -> None:
    response = client.post(
        "/stories", data={"text": "x", "token": TOKEN}, headers={"Origin": "https://evil.example"}
    )
    assert response.status_code == 403


def test_login_sets_a_session_cookie_that_is_not_the_token(tmp_path: Path) -> None:
    app = create_app(f"sqlite:///{tmp_path / 's.db'}", token=TOKEN)
    with TestClient(app) as fresh:
        wrong = fresh.post("/login", data={"token": "nope", "next": "/"})
        assert wrong.status_code == 401
        response = fresh.post(
            "/login", data={"token": TOKEN, "next": "//evil.example"}, follow_redirects=False
        )
        assert response.status_code == 303 and response.headers["location"] == "/"
        cookie = response.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie and TOKEN not in cookie
        assert "Token entered" in fresh.get("/").text
    app.state.web.store.close()


def test_form_with_nothing_to_read_says_so(client: TestClient) -> None:
    response = client.post("/stories", data={"text": "  ", "token": TOKEN})
    assert response.status_code == 422
    assert "No articles to analyse" in response.text


# ---------------------------------------------------------------- upload helpers


def test_uploads_split_pasted_articles_on_separator_lines() -> None:
    text = "First one.\r\n---\r\nSecond one.\n\n=====\n\nThird, with -- dashes --- inline.\n---\n   \n"
    assert split_pasted(text) == ["First one.", "Second one.", "Third, with -- dashes --- inline."]


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\x\\a b.txt", "a b.txt"),
        ("<script>.txt", "_script_.txt"),
        ("", "upload"),
    ],
)
def test_uploads_display_name_is_harmless(name: str, shown: str) -> None:
    assert display_name(name) == shown


class _FailingStore:
    """A store whose story lookup fails the way the test asks."""

    url = "sqlite:///failing.db"

    def __init__(self, error: Exception) -> None:
        self.error = error

    def story(self, story_id: str) -> Any:
        raise self.error

    def close(self) -> None:
        pass


@pytest.mark.parametrize(
    ("error", "status", "code"),
    [
        (StoreError(Errors.S402.format(story="s9")), 404, "not_found"),
        (StoreError(Errors.S411.format(story="s9", into="s1")), 404, "not_found"),
        (InputError(Errors.S202), 422, "no_usable_articles"),
        (ConfigError(Errors.S201.format(value="x")), 422, "invalid"),
        (StoreError(Errors.S401.format(url="db", detail="gone")), 500, "internal_error"),
        (RuntimeError("boom"), 500, "internal_error"),
    ],
)
def test_each_error_class_is_mapped_once(error: Exception, status: int, code: str) -> None:
    app = create_app(None, token=TOKEN, store=_FailingStore(error))  # type: ignore[arg-type]
    with TestClient(app, raise_server_exceptions=False) as test_client:
        response = test_client.get("/api/stories/s9")
    assert response.status_code == status
    body = response.json()
    assert body["code"] == code
    if status == 500:
        assert re.search(r"error id [0-9a-f]{12}", body["message"]) and "boom" not in body["message"]
    else:
        assert body["message"] == str(error)
