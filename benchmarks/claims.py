"""Conflict and agreement flags between outlets' figures: precision and recall on labelled pairs.

Data: the dev clusters of ``stories-neus`` (three outlets' title + first paragraph a story) and
the seed story in ``../shared/seeds``. Labels: ``benchmarks/data/claims_labels.jsonl``, one
cross-article number pair a line, as references only (story id, the two article ids, the
character offsets of each number in ``title + "\\n\\n" + text``, the label and a one-line reason);
no article text is stored, because the texts may not be copied into the repository.

How the pairs were labelled. The extractor was run over every dev cluster in which at least
two articles carry a number; every cross-article pair of numbers with the same unit (both
percentages, both money in one currency, or both plain counts) was a candidate. All pairs the
system flagged (as conflict or agreement) were kept, and so was a deterministic sample of the
pairs it did not flag, drawn from those that share a key or a head noun or whose sentences are
similar by TF-IDF, since pairs with nothing in common are trivially "different quantities".
Each pair was then labelled by reading the two sentences, without looking at the system's
flag: ``conflict`` (the same quantity, at the same time, with values incompatible after their
qualifiers), ``agree`` (the same quantity with compatible values), or ``different`` (not the
same quantity, or a vague figure that cannot be compared). The seed pairs were labelled the
same way; 1,200 vs 1,400 killed on 7 October is a conflict.

Run ``python benchmarks/claims.py --candidates`` to print the candidate pairs (with their
sentences, to the terminal only) for labelling; without it the script scores the labels.
Last line: ``conflict_precision``, ``conflict_recall``, ``agree_precision``, ``agree_recall``
(percentages) and ``pairs`` (labelled pairs scored).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import sys
import warnings
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import emit_metrics, parser, prf, print_table, read_jsonl
from storyline.model import Article, Number

LABELS = Path(__file__).resolve().parent / "data" / "claims_labels.jsonl"
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
SEED_STORY = "seeds"
_HAS_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds|thousands|millions|half|third)\b",
    re.IGNORECASE,
)

Pair = tuple[Number, Number]


def main() -> None:
    p = parser(__doc__.splitlines()[0], "stories-neus/dev.jsonl")
    p.add_argument("--labels", type=Path, default=LABELS)
    p.add_argument("--candidates", action="store_true", help="print candidate pairs to label")
    p.add_argument("--sample", type=int, default=120, help="unflagged candidates to print")
    args = p.parse_args()
    stories = _stories(args.data, args.limit)
    numbers, articles, flags = _analyse(stories)
    if args.candidates:
        _print_candidates(numbers, articles, flags, args.sample)
        return
    _score(numbers, flags, args.labels)


# -- data ---------------------------------------------------------------------------------------


def _stories(path: Path, limit: int | None) -> dict[str, list[Article]]:
    """Dev clusters with at least two articles that mention a number, plus the seed story."""
    by_story: dict[str, list[Article]] = defaultdict(list)
    for record in read_jsonl(path):
        text = f"{record['title']}\n\n{record['text']}"
        by_story[record["story"]].append(
            Article(id=record["id"], source=record["id"], outlet=record.get("outlet"),
                    published=record.get("published"), format="jsonl", text=text)
        )  # fmt: skip
    kept = {
        s: arts for s, arts in by_story.items() if sum(bool(_HAS_NUMBER.search(a.text)) for a in arts) >= 2
    }
    if limit is not None:
        kept = dict(list(kept.items())[:limit])
    if SEEDS.is_dir():
        kept[SEED_STORY] = _seed_articles()
    return kept


def _seed_articles() -> list[Article]:
    """The seed articles read and normalised as the pipeline does (offsets match the dossier's)."""
    from storyline.ingest import read_inputs
    from storyline.normalise import build_casing_lexicon, is_tokenized_lowercase, normalise
    from storyline.normalise.published import infer_published
    from storyline.options import Options

    options = Options()
    raws, _ = read_inputs([str(SEEDS)], options)
    lexicon = build_casing_lexicon(r.text for r in raws if not is_tokenized_lowercase(r.text))
    articles = []
    for raw in raws:
        article = normalise(raw, lexicon, options.min_words)
        if not article.published and (inferred := infer_published(article.text)):
            article = article.model_copy(update={"published": inferred[0]})
        articles.append(article)
    return articles


def _analyse(
    stories: dict[str, list[Article]],
) -> tuple[dict[str, list[Number]], dict[str, Article], dict[tuple[str, str], str]]:
    """Numbers per story, the articles by id, and the system's flag for each flagged pair."""
    import datetime as dt

    from storyline.annotate import load_nlp
    from storyline.compare import compare_numbers
    from storyline.extract.numbers import extract_numbers
    from storyline.extract.timex import extract_timexes

    nlp = load_nlp()
    articles = {a.id: a for arts in stories.values() for a in arts}
    numbers: dict[str, list[Number]] = {}
    flags: dict[tuple[str, str], str] = {}
    pairs = ((a.text, (story, a)) for story, arts in stories.items() for a in arts)
    found: dict[str, list[Number]] = defaultdict(list)
    for doc, (story, article) in nlp.pipe(pairs, as_tuples=True, batch_size=64):
        published = dt.date.fromisoformat(article.published) if article.published else None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            timexes = extract_timexes(doc, article.id, published)
        found[story].extend(_dated(extract_numbers(doc, article.id), timexes))
    for story, arts in stories.items():
        numbers[story] = found[story]
        conflicts, agreements = compare_numbers(found[story], arts)
        for kind, groups in (("conflict", conflicts), ("agree", agreements)):
            for group in groups:
                members = [_member(found[story], i, group.about) for i in group.items]
                for a in members:
                    for b in members:
                        if a and b and a.article < b.article:
                            # Within a conflict, two figures that agree with each other agree.
                            flags[(a.id, b.id)] = (
                                "conflict" if kind == "conflict" and not _fit(a, b) else "agree"
                            )
    return numbers, articles, flags


def _fit(a: Number, b: Number) -> bool:
    from storyline.compare import value_range

    ra, rb = value_range(a), value_range(b)
    return ra is not None and rb is not None and max(ra[0], rb[0]) <= min(ra[1], rb[1])


def _dated(numbers: list[Number], timexes: list[Any]) -> list[Number]:
    # As the pipeline does: a number takes the calendar date named in its sentence.
    out = []
    for n in numbers:
        s = n.sentence
        date = next(
            (t.value for t in timexes
             if s and t.type == "DATE" and s.start <= t.start < s.end and t.value[:1].isdigit()),
            None,
        )  # fmt: skip
        out.append(n.model_copy(update={"date": date}) if date else n)
    return out


def _member(numbers: list[Number], item: Any, about: str) -> Number | None:
    """The number a flag's item stands for: same article, sentence, value and key."""
    for n in numbers:
        if (
            n.article == item.article
            and n.sentence
            and n.sentence.start == item.start
            and n.value == item.value
            and n.key
            and about.startswith(n.key)
        ):
            return n
    return None


# -- candidates ---------------------------------------------------------------------------------


def _unit_class(n: Number) -> str:
    return n.unit or "count"


def _candidate_pairs(numbers: list[Number]) -> Iterator[Pair]:
    for i, a in enumerate(numbers):
        for b in numbers[i + 1 :]:
            if a.article != b.article and _unit_class(a) == _unit_class(b):
                yield (a, b) if a.article < b.article else (b, a)


def _tfidf(sentences: list[str]) -> list[dict[str, float]]:
    docs = [Counter(re.findall(r"[a-z]{3,}", s.lower())) for s in sentences]
    df = Counter(w for d in docs for w in d)
    vectors = []
    for d in docs:
        v = {w: c * math.log((1 + len(docs)) / (1 + df[w])) for w, c in d.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors.append({w: x / norm for w, x in v.items()})
    return vectors


def _similar(a: Number, b: Number, vectors: dict[str, dict[str, float]]) -> float:
    va, vb = vectors[a.id], vectors[b.id]
    return sum(x * vb.get(w, 0.0) for w, x in va.items())


def _print_candidates(
    numbers: dict[str, list[Number]],
    articles: dict[str, Article],
    flags: dict[tuple[str, str], str],
    sample: int,
) -> None:
    all_numbers = [n for ns in numbers.values() for n in ns]
    vectors = dict(
        zip(
            (n.id for n in all_numbers),
            _tfidf([n.sentence.text if n.sentence else "" for n in all_numbers]),
            strict=True,
        )
    )
    flagged, plausible = [], []
    for story, ns in numbers.items():
        for a, b in _candidate_pairs(ns):
            if (a.id, b.id) in flags:
                flagged.append((story, a, b))
            elif (a.key and a.key == b.key) or _similar(a, b, vectors) >= 0.15:
                plausible.append((story, a, b))
    digest = sorted(plausible, key=lambda t: hashlib.sha1(f"{t[1].id}{t[2].id}".encode()).hexdigest())
    for story, a, b in flagged + digest[:sample]:
        flag = flags.get((a.id, b.id), "-")
        print(
            json.dumps(
                {
                    "story": story,
                    "a": [a.article, a.start, a.end],
                    "b": [b.article, b.start, b.end],
                    "flag": flag,
                }
            )
        )
        for n in (a, b):
            text = articles[n.article].text
            context = text[max(0, n.start - 140) : n.end + 100].replace("\n", " / ")
            print(f"   [{n.text}] {n.approx} key={n.key} date={n.date} :: {context}")


# -- scoring ------------------------------------------------------------------------------------


def _score(numbers: dict[str, list[Number]], flags: dict[tuple[str, str], str], labels_path: Path) -> None:
    by_offsets = {(n.article, n.start, n.end): n for ns in numbers.values() for n in ns}
    gold: list[tuple[str, str]] = []
    missing = 0
    for record in read_jsonl(labels_path):
        a = by_offsets.get((record["a"][0], record["a"][1], record["a"][2]))
        b = by_offsets.get((record["b"][0], record["b"][1], record["b"][2]))
        if a is None or b is None:
            missing += 1  # the extractor no longer finds this number: its flag counts as absent
        predicted = flags.get((a.id, b.id), "-") if a and b else "-"
        gold.append((record["label"], predicted))
    rows, metrics = [], {}
    for kind in ("conflict", "agree"):
        tp = sum(1 for g, p in gold if g == kind and p == kind)
        n_pred = sum(1 for _, p in gold if p == kind)
        n_gold = sum(1 for g, _ in gold if g == kind)
        precision, recall, f1 = prf(tp, n_pred, n_gold)
        rows.append([kind, n_gold, n_pred, tp, f"{precision:.1f}", f"{recall:.1f}", f"{f1:.1f}"])
        metrics[f"{kind}_precision"], metrics[f"{kind}_recall"] = precision, recall
    labelled = {(r["a"][0], r["a"][1], r["b"][0], r["b"][1]) for r in read_jsonl(labels_path)}
    unlabelled = sum(
        1 for (x, y) in flags
        if not any(k[0] == x.split(":")[0] and k[2] == y.split(":")[0] for k in labelled)
    )  # fmt: skip
    print_table("Cross-outlet number pairs (labelled)", ["flag", "gold", "pred", "tp", "P", "R", "F1"], rows)
    print(f"\n{len(gold)} labelled pairs, {missing} whose numbers the extractor no longer finds; "
          f"{len(flags)} flagged pairs in all, ~{unlabelled} in article pairs with no label")  # fmt: skip
    emit_metrics({**metrics, "pairs": len(gold)})


if __name__ == "__main__":
    main()
