"""The web app in a real browser: Playwright driving Debian's Chromium (``.ci/install-browser``).

A real uvicorn server runs in a background thread on a free loopback port, over a temporary
SQLite store. The seed story (``../shared/seeds``, real news text kept outside the repository)
is created through the page's file input; the invented example story through the paste box,
and its pages are the ones photographed into ``docs/screenshots/`` (no seed text is ever
written into the repository, not even as pixels).
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from storyline.web import create_app

from .server import HOSTILE_TEXT, HOSTILE_TITLE, TOKEN, running

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::storyline.errors.StorylineWarning")]

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ANALYSIS_TIMEOUT_MS = 90_000

if not CHROMIUM.exists():
    if os.environ.get("STORYLINE_TEST_REQUIRE_BROWSER"):  # CI: a missing browser is a failure
        pytest.fail("Chromium is required here but /usr/bin/chromium is missing", pytrace=False)
    pytest.skip("Chromium not installed: run .ci/install-browser", allow_module_level=True)

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from playwright.sync_api import Browser, ConsoleMessage, Page, expect, sync_playwright


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("web-browser") / "store.db"
    app = create_app(f"sqlite:///{db}", token=TOKEN)
    with running(app) as url:
        yield url
    app.state.web.store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    problems: list[str] = []
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    tab.on("console", lambda message: _watch_console(message, problems))
    yield tab
    context.close()
    assert problems == []


def _watch_console(message: ConsoleMessage, problems: list[str]) -> None:
    if message.type == "error" or "Content Security Policy" in message.text:
        problems.append(message.text)


@pytest.fixture(scope="module")
def screenshots(repo_root: Path) -> Path:
    folder = repo_root / "docs" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _submit_and_wait(page: Page) -> None:
    with page.expect_navigation(url=re.compile(r"/stories/[^/]+$"), timeout=ANALYSIS_TIMEOUT_MS):
        page.click("#submit")


def test_browser_seed_story_through_the_upload_form(page: Page, base_url: str, seeds_dir: Path) -> None:
    seeds = sorted(str(p) for p in seeds_dir.iterdir() if p.suffix == ".txt")
    assert len(seeds) == 3
    page.goto(f"{base_url}/stories/new")
    page.set_input_files("#files", seeds)
    expect(page.locator("#file-list")).to_contain_text("3 files")
    page.fill("#token", TOKEN)
    _submit_and_wait(page)

    expect(page.locator(".counts")).to_contain_text("3 articles")
    cast = page.locator("#cast")
    expect(cast.locator("h3").first).to_be_visible()
    assert cast.locator("article.card").count() >= 5
    expect(cast).to_contain_text("Keir Starmer")
    quotes = page.locator("#quotes figure.quote")
    assert quotes.count() >= 10

    # A quote's "in context" link opens its article with that quote highlighted.
    first = quotes.first
    quote_text = " ".join(first.locator("blockquote").inner_text().split())
    first.get_by_role("link", name="in context").click()
    page.wait_for_url(re.compile(r"/articles/[0-9a-f]+\?hl=\d+-\d+#c-\d+-\d+$"))
    target = page.locator("mark.hl-target")
    expect(target).to_have_count(1)
    expect(target).to_be_in_viewport()
    assert " ".join(target.inner_text().split()).strip('“”"') in quote_text
    expect(page.locator("aside.linked")).to_contain_text("quote of")
    # Once the token has been entered, the form no longer asks for it.
    page.goto(f"{base_url}/stories/new")
    expect(page.locator("#token")).to_have_count(0)


def test_browser_example_story_pasted_and_photographed(
    page: Page, base_url: str, example_dir: Path, screenshots: Path
) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(example_dir.glob("*.txt"))]
    page.goto(f"{base_url}/")
    stories_before = page.locator(".story-item").count()  # other tests may have made some
    page.goto(f"{base_url}/stories/new")
    page.fill("#text", "\n\n---\n\n".join(texts))
    if page.locator("#token").count():
        page.fill("#token", TOKEN)
    page.screenshot(path=str(screenshots / "new-story.png"))
    _submit_and_wait(page)

    expect(page.locator(".counts")).to_contain_text("3 articles")
    expect(page.locator("h1")).to_contain_text("flood")
    expect(page.locator("#cast")).to_contain_text("Maria Okafor")
    page.screenshot(path=str(screenshots / "story.png"))
    page.locator("#quotes").scroll_into_view_if_needed()
    page.evaluate("document.getElementById('quotes').scrollIntoView()")
    page.screenshot(path=str(screenshots / "story-quotes.png"))
    page.evaluate("document.getElementById('timeline').scrollIntoView()")
    page.screenshot(path=str(screenshots / "story-timeline.png"))

    # Every link of the dossier goes to an article page with its span highlighted.
    links = page.locator("main section:not(#articles) a[href*='/articles/']")
    hrefs = links.evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert len(hrefs) > 50
    assert all(re.search(r"/articles/[0-9a-f]+\?hl=\d+-\d+#c-\d+-\d+$", h) for h in hrefs)

    page.locator("#summary a.src").first.click()
    expect(page.locator("mark.hl-target")).to_be_in_viewport()
    page.screenshot(path=str(screenshots / "article-highlight.png"))

    page.goto(f"{base_url}/")
    expect(page.locator(".story-item")).to_have_count(stories_before + 1)
    page.fill("#q", "Okafor")
    page.press("#q", "Enter")
    expect(page.locator(".story-item")).to_have_count(1)
    page.goto(f"{base_url}/")
    page.screenshot(path=str(screenshots / "stories.png"))


def test_browser_hostile_article_renders_as_text(page: Page, base_url: str, screenshots: Path) -> None:
    body = {"articles": [{"text": HOSTILE_TEXT, "title": HOSTILE_TITLE, "outlet": "<i>Evil</i> Times"}]}
    response = httpx.post(
        f"{base_url}/api/stories", json=body, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60
    )
    assert response.status_code == 201, response.text
    story_id = response.json()["id"]
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto(f"{base_url}/stories/{story_id}")
    expect(page.locator("h1")).to_have_text(HOSTILE_TITLE)
    page.locator(".article-row h3 a").click()
    expect(page.locator(".article-text")).to_contain_text("<script>alert(3)</script> we will publish")
    expect(page.locator(".article-text")).to_contain_text('"><img src=x onerror=alert(4)>')
    page.screenshot(path=str(screenshots / "hostile-article.png"))
    for url in [f"{base_url}/", page.url]:
        page.goto(url)
        assert page.locator("img").count() == 0
        assert page.locator("i").count() == 0
        scripts = page.locator("script").evaluate_all("els => els.map(e => e.getAttribute('src'))")
        assert scripts == ["/static/app.js"]
    expect(page.locator("body")).to_contain_text("<i>Evil</i> Times")
    assert dialogs == []
