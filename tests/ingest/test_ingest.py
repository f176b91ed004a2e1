"""Ingest: every input shape in, RawArticles out; every bad input reported by name and code."""

from __future__ import annotations

import io
import pathlib
import sys
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.errors import InputError, StorylineWarning
from storyline.ingest import read_bytes, read_inputs
from storyline.ingest.files import read_text_bytes, sniff_format
from storyline.ingest.html import read_html
from storyline.ingest.tabular import read_csv, read_jsonl
from storyline.model import RawArticle, Skipped
from storyline.options import Options

BODY = (
    "Councillors in the invented town of Glenmarrow voted on Tuesday to close the old swimming baths "
    "on Quarry Road after an engineer's report found the roof unsafe. Council leader Ada Pennick said "
    "the decision had been the hardest of her time in office. About 300 regular swimmers will have to "
    "travel to Fernby, twelve miles away, until a new pool opens."
)

PAGE = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Glenmarrow baths to close | Marrow Mercury</title>
  <meta property="og:site_name" content="Marrow Mercury">
  <meta property="og:title" content="Glenmarrow baths to close after roof found unsafe">
  <meta name="author" content="Kit Ansley">
  <meta property="article:published_time" content="2025-02-11T08:00:00Z">
</head>
<body>
  <div id="cookie-banner"><p>We use cookies to improve your visit. Accept all cookies to continue.</p>
  <button>Accept all</button></div>
  <header><nav><ul>
    <li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
    <li><a href="/whats-on">Whats On Tonight</a></li><li><a href="/jobs">Jobs Board</a></li>
  </ul></nav></header>
  <main><article>
    <h1>Glenmarrow baths to close after roof found unsafe</h1>
    <p class="byline">By Kit Ansley</p>
    <p>{BODY}</p>
    <p>Swimming club secretary Len Ottery said members were "heartbroken" but understood the risk.
    The council will hold a public meeting at the town hall next month to discuss the future of the site.</p>
  </article>
  <div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on WhatsApp</a></div>
  </main>
  <footer><p>Copyright Marrow Mercury Ltd. All rights reserved.</p></footer>
</body>
</html>
"""


def _read(*paths: str | Path, **options: object) -> tuple[list[RawArticle], list[Skipped]]:
    return read_inputs([str(p) for p in paths], Options(**options))  # type: ignore[arg-type]


def _only_skip(skipped: list[Skipped]) -> Skipped:
    assert len(skipped) == 1, skipped
    return skipped[0]


# -- good inputs ----------------------------------------------------------------------------------


def test_ingest_plain_text(fixtures_dir: Path) -> None:
    articles, skipped = _read(fixtures_dir / "tiny_plain.txt")
    assert skipped == []
    assert len(articles) == 1
    article = articles[0]
    assert article.format == "plain"
    assert article.source.endswith("tiny_plain.txt")
    assert "Old Mill Bridge" in article.text
    assert "£340,000" in article.text


@pytest.mark.slow  # trafilatura, not spaCy, but the slowest reader
def test_ingest_html_drops_furniture_and_takes_metadata(tmp_path: Path) -> None:
    path = tmp_path / "baths.html"
    path.write_text(PAGE, encoding="utf-8")
    articles, skipped = _read(path)
    assert skipped == []
    (article,) = articles
    assert article.format == "html"
    assert "engineer's report found the roof unsafe" in article.text
    for furniture in ("cookies", "Accept all", "Share on", "Jobs Board", "Whats On", "Copyright"):
        assert furniture not in article.text
    assert article.title == "Glenmarrow baths to close after roof found unsafe"
    assert article.published == "2025-02-11"
    assert article.published_reason == "HTML metadata"
    assert article.outlet == "Marrow Mercury"
    assert article.author == "Kit Ansley"


@pytest.mark.issue(7)
def test_ingest_html_reads_the_same_page_the_same_way_every_time(example_dir: Path) -> None:
    """A long-running ingest or server sees syndicated copies: none may lose paragraphs."""
    page = (example_dir / "02_tidewater.html").read_text(encoding="utf-8")
    variant = page.replace("Harwick", "Stoneleigh").replace("Maria", "Joanna").replace("Wend", "Lune")
    texts = [read_html(f"{n}.html", html).text for n, html in enumerate([page, page, variant, page, page])]
    assert texts[0] == texts[1] == texts[3] == texts[4]


def test_ingest_jsonl_reads_every_record_with_metadata(fixtures_dir: Path) -> None:
    articles, skipped = _read(fixtures_dir / "tiny.jsonl")
    assert skipped == []
    assert len(articles) >= 2
    first = articles[0]
    assert first.format == "jsonl"
    assert first.source.endswith("tiny.jsonl#1")
    assert first.title == "Hosepipe ban lifted in Fenwick"
    assert first.outlet == "The Fenwick Gazette"
    assert first.published == "2025-04-07"
    assert first.published_reason == "jsonl field"
    assert first.url == "https://www.fenwick-gazette.example/news/hosepipe-ban-lifted"
    assert "40,000 homes" in first.text
    assert articles[1].source.endswith("tiny.jsonl#2")


def test_ingest_csv_reads_rows_with_quoted_newlines(fixtures_dir: Path) -> None:
    articles, skipped = _read(fixtures_dir / "tiny.csv")
    assert skipped == []
    assert [a.outlet for a in articles] == ["Brackenford Bulletin", "Eastmarsh Echo"]
    assert [a.published for a in articles] == ["2025-04-02", "2025-04-10"]
    assert articles[0].source.endswith("tiny.csv#2")
    assert all(a.format == "csv" for a in articles)
    assert 'save "about £18,000 a year"' in articles[0].text
    assert "\n" in articles[1].text  # a newline inside a quoted field stays in the text


def test_ingest_json_array_file(tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    path.write_text('[{"text": "One.", "outlet": "A"}, {"text": "Two."}]', encoding="utf-8")
    articles, skipped = _read(path)
    assert skipped == []
    assert [(a.text, a.outlet) for a in articles] == [("One.", "A"), ("Two.", None)]


def test_ingest_folder_recursion_skips_readme_and_hidden(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.txt").write_text("First article text.", encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text("Second article text.", encoding="utf-8")
    (tmp_path / "sub" / "deeper" / "c.txt").write_text("Third article text.", encoding="utf-8")
    (tmp_path / "README.md").write_text("# Not an article", encoding="utf-8")
    (tmp_path / "sub" / "LICENSE").write_text("MIT", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden text.", encoding="utf-8")
    (tmp_path / ".git" / "config").write_text("[core]", encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"junk")
    articles, skipped = _read(tmp_path)
    assert skipped == []
    names = sorted(Path(a.source).name for a in articles)
    assert names == ["a.txt", "b.txt", "c.txt"]


def test_ingest_stdin_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    class _Stdin:
        buffer = io.BytesIO(BODY.encode("utf-8"))

    monkeypatch.setattr(sys, "stdin", _Stdin())
    articles, skipped = _read("-")
    assert skipped == []
    (article,) = articles
    assert article.source == "-"
    assert article.text == BODY
    assert article.format == "plain"


@pytest.mark.parametrize(
    ("flag", "value", "fixture", "expected"),
    [
        ("outlet", "Flag Outlet", "tiny_plain.txt", ["Flag Outlet"]),
        ("outlet", "Flag Outlet", "tiny.csv", ["Brackenford Bulletin", "Eastmarsh Echo"]),
        ("published", "2024-01-31", "tiny_plain.txt", ["2024-01-31"]),
        ("published", "2024-01-31", "tiny.csv", ["2025-04-02", "2025-04-10"]),
    ],
)
def test_ingest_flags_fill_only_missing_metadata(
    fixtures_dir: Path, flag: str, value: str, fixture: str, expected: list[str]
) -> None:
    articles, _ = _read(fixtures_dir / fixture, **{flag: value})
    assert [getattr(a, flag) for a in articles] == expected
    if flag == "published":
        reasons = [a.published_reason for a in articles]
        given_by_flag = [r == "given with --published" for r in reasons]
        assert given_by_flag == [e == value for e in expected]


def test_ingest_latin1_decoded(fixtures_dir: Path) -> None:
    articles, skipped = _read(fixtures_dir / "latin1.txt")
    assert skipped == []
    text = articles[0].text
    for word in ("café", "Müller", "£25,000", "Renée", "crêpes", "rösti"):
        assert word in text
    assert "\ufffd" not in text


# -- bad inputs: reported by name, skipped with a code, never raised --------------------------------


def test_ingest_missing_path_is_s107(tmp_path: Path, fixtures_dir: Path) -> None:
    missing = tmp_path / "nope.txt"
    articles, skipped = _read(missing, fixtures_dir / "tiny_plain.txt")
    assert len(articles) == 1  # the rest of the batch goes on
    skip = _only_skip(skipped)
    assert (skip.code, skip.source) == ("S107", str(missing))
    assert skip.reason.startswith("[S107]") and str(missing) in skip.reason


def test_ingest_unreadable_file_is_s101(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = tmp_path / "good.txt"
    bad = tmp_path / "locked.txt"
    good.write_text(BODY, encoding="utf-8")
    bad.write_text(BODY, encoding="utf-8")
    real = pathlib.Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    articles, skipped = _read(tmp_path)
    assert [Path(a.source).name for a in articles] == ["good.txt"]
    skip = _only_skip(skipped)
    assert (skip.code, skip.source) == ("S101", str(bad))
    assert "Permission denied" in skip.reason and "locked.txt" in skip.reason


@pytest.mark.slow  # runs the pipeline
def test_ingest_empty_plain_file_is_s102_after_normalise(tmp_path: Path, fixtures_dir: Path) -> None:
    import storyline

    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StorylineWarning)
        dossier = storyline.analyze([empty, fixtures_dir / "tiny_plain.txt"])
    assert len(dossier.articles) == 1
    skip = _only_skip(dossier.skipped)
    assert (skip.code, skip.source) == ("S102", str(empty))


@pytest.mark.parametrize(
    "content",
    [
        "",
        "<html><body></body></html>",
        "<html><head><title>T</title></head><body><script>x=1</script></body></html>",
    ],
)
def test_ingest_empty_html_is_s102(tmp_path: Path, content: str) -> None:
    path = tmp_path / "blank.html"
    path.write_text(content, encoding="utf-8")
    articles, skipped = _read(path)
    assert articles == []
    skip = _only_skip(skipped)
    assert (skip.code, skip.source) == ("S102", str(path))


@pytest.mark.parametrize(
    "data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"PK\x03\x04" + bytes(range(32)) * 4]
)
def test_ingest_binary_is_s103(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "picture.txt"
    path.write_bytes(data)
    articles, skipped = _read(path)
    assert articles == []
    skip = _only_skip(skipped)
    assert (skip.code, skip.source) == ("S103", str(path))


def test_ingest_oversized_html_is_s105_without_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as f:
        f.write(b"<!DOCTYPE html><html><body><p>Big page.</p>")
        f.truncate(50 * 1024 * 1024)

    def read_bytes(self: Path) -> bytes:
        raise AssertionError("an oversized file must not be read")

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    articles, skipped = _read(path)
    assert articles == []
    skip = _only_skip(skipped)
    assert (skip.code, skip.source) == ("S105", str(path))
    assert "50.0 MB" in skip.reason and "20.0 MB" in skip.reason


def test_ingest_oversized_stdin_is_s105(monkeypatch: pytest.MonkeyPatch) -> None:
    class _Stdin:
        buffer = io.BytesIO(b"x" * 2048)

    monkeypatch.setattr(sys, "stdin", _Stdin())
    articles, skipped = _read("-", max_mb=0.001)
    assert articles == []
    assert _only_skip(skipped).code == "S105"


@pytest.mark.parametrize(
    "content",
    [
        '{"text": "Fine."}\n{"text": "Broken\n',
        '{"text": "Fine."}\n["not", "an", "object"]\n',
        '{"text": "Fine."}\n{"title": "no text field"}\n',
        '[{"text": "Fine."}, {"text": 42}]',
    ],
)
def test_ingest_bad_jsonl_line_is_s108(tmp_path: Path, content: str) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(content, encoding="utf-8")
    articles, skipped = _read(path)
    assert articles == []
    skip = _only_skip(skipped)
    assert (skip.code, skip.source) == ("S108", str(path))
    assert "line 2" in skip.reason


def test_ingest_csv_without_text_column_is_s109(tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text("title,body\nA,B\n", encoding="utf-8")
    articles, skipped = _read(path)
    assert articles == []
    skip = _only_skip(skipped)
    assert (skip.code, skip.source) == ("S109", str(path))
    assert "title, body" in skip.reason


# -- the pieces --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "text", "expected"),
    [
        ("a.html", "plain words", "html"),
        ("a.HTM", "", "html"),
        ("a.ndjson", "", "jsonl"),
        ("a.csv", "", "csv"),
        ("a.txt", "<!doctype html><p>x</p>", "html"),
        ("-", "<p>a</p><p>b</p><div>c</div>", "html"),
        ("-", '{"text": "x"}', "jsonl"),
        ("a.txt", "Just words about <b>bold</b> things.", "plain"),
    ],
)
def test_ingest_sniff_format(source: str, text: str, expected: str) -> None:
    assert sniff_format(source, text) == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("caf\u00e9 \u00a35".encode(), "café £5"),
        ("\ufeffBOM text".encode(), "BOM text"),
        ("Crème brûlée costs £4 at the café in Müller Street today, said Renée.".encode("latin-1"), None),
    ],
)
def test_ingest_read_text_bytes_decodes(data: bytes, expected: str | None) -> None:
    text = read_text_bytes("x", data)
    assert text == (expected or data.decode("latin-1"))


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_ingest_readers_accept_arbitrary_bytes(data: bytes) -> None:
    try:
        text = read_text_bytes("x.bin", data)
        read_jsonl("x.jsonl", text)
        read_csv("x.csv", text)
    except InputError as exc:
        assert exc.code in {"S103", "S104", "S108", "S109"}


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(st.text(max_size=300))
def test_ingest_html_reader_accepts_arbitrary_text(text: str) -> None:
    try:
        article = read_html("x.html", text)
    except InputError as exc:
        assert exc.code == "S102"
    else:
        assert article.text.strip()


def test_read_bytes_reads_a_named_blob_as_a_file_of_that_name() -> None:
    data = b'{"text": "First record text.", "outlet": "Wire"}\n{"text": "Second record."}\n'
    raws, skipped = read_bytes("upload.jsonl", data, Options(outlet="Given"))
    assert skipped == []
    assert [r.source for r in raws] == ["upload.jsonl#1", "upload.jsonl#2"]
    assert [r.outlet for r in raws] == ["Wire", "Given"]


def test_read_bytes_skips_what_it_cannot_use_with_its_code() -> None:
    raws, skipped = read_bytes("blob.bin", b"\x00\x01\x02binary", Options())
    assert raws == []
    assert [(s.source, s.code) for s in skipped] == [("blob.bin", "S103")]
    raws, skipped = read_bytes("big.txt", b"x" * 2048, Options(max_mb=0.001))
    assert [s.code for s in skipped] == ["S105"]


def test_on_error_raise_raises_at_the_first_skipped_input(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    with pytest.raises(InputError) as caught:
        read_inputs([str(missing)], Options(on_error="raise"))
    assert caught.value.code == "S107"
    with pytest.raises(InputError) as caught:
        read_bytes("blob.bin", b"\x00\x01", Options(on_error="raise"))
    assert caught.value.code == "S103"
