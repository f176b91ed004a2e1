"""Build the truecaser's data files from two pinned PyPI packages (run by hand, not at import).

    pip download --no-deps spacy-lookups-data==1.0.5 names==0.3.0 -d /tmp/casing
    python src/storyline/data/casing_build.py /tmp/casing

Writes, next to this script:

* ``casing_words.tsv.gz``: ``word<TAB>form<TAB>share`` from spaCy's English ``lexeme_prob``
  table (spacy-lookups-data 1.0.5, MIT; word probabilities kept per casing): for each
  lowercase word, its commonest form other than all-lowercase and that form's share (per cent)
  of all the word's forms. A name reads ``covington Covington 91``, an acronym ``pbo PBO 78``,
  a common noun ``porters Porters 20``; a word seen only in lowercase has an empty form.
  Kept: words of letters only (the truecaser's tokens) whose forms add up to a
  log-probability of at least -18; for words the ``truecase`` model knows well (5 or more
  occurrences), only those with a share of at least 12 %, the least any rule asks for.
* ``casing_names.tsv.gz``: ``first<TAB>name`` and ``last<TAB>name`` lines from the 1990 US
  census name lists shipped in ``names`` 0.3.0 (MIT; the census lists are public domain). First
  names: at least 0.005 % of the population and no commoner as a surname. Surnames: only those
  the ``truecase`` model knows as words (an unknown word is capitalised as a name anyway).

Only the standard library and the ``truecase`` model are used, so nothing here is a
run-time dependency: the packages are read straight from their downloaded archives.
"""

from __future__ import annotations

import gzip
import json
import math
import sys
import tarfile
import zipfile
from pathlib import Path

_HERE = Path(__file__).resolve().parent
_MIN_LOGPROB = -18.0
_MIN_SHARE_KNOWN = 0.12
_MIN_FIRST_FREQ = 0.005


def _model_counts() -> dict[str, int]:
    from truecase.TrueCaser import TrueCaser

    caser = TrueCaser()
    return {key: sum(caser.uni_dist[f] for f in forms) for key, forms in caser.word_casing_lookup.items()}


def build_words(wheel: Path, known: dict[str, int]) -> list[str]:
    with zipfile.ZipFile(wheel) as zf:
        probs = json.loads(gzip.decompress(zf.read("spacy_lookups_data/data/en_lexeme_prob.json.gz")))
    groups: dict[str, dict[str, float]] = {}
    for word, logprob in probs.items():
        if word.isalpha():  # the truecaser sees words, never "u.s." or "hamas-run" whole
            groups.setdefault(word.lower(), {})[word] = math.exp(logprob)
    lines = []
    for key in sorted(groups):
        forms = groups[key]
        total = sum(forms.values())
        if math.log(total) < _MIN_LOGPROB:
            continue
        others = {f: p for f, p in forms.items() if f != key}
        form = max(others, key=lambda f: others[f]) if others else ""
        share = round(100 * others[form] / total) if others else 0
        if known.get(key, 0) >= 5 and share < 100 * _MIN_SHARE_KNOWN:
            continue
        lines.append(f"{key}\t{form}\t{share}")
    return lines


def build_names(sdist: Path, known: dict[str, int]) -> list[str]:
    first: dict[str, float] = {}
    last: dict[str, float] = {}
    with tarfile.open(sdist) as tf:
        for member in tf.getmembers():
            name = Path(member.name).name
            if name not in ("dist.male.first", "dist.female.first", "dist.all.last"):
                continue
            data = tf.extractfile(member)
            assert data is not None
            for line in data.read().decode("ascii").splitlines():
                word, freq = line.split()[:2]
                if name == "dist.all.last":
                    last[word.lower()] = float(freq)
                else:  # each list gives a share of its own sex: halve it for the population
                    first[word.lower()] = first.get(word.lower(), 0.0) + float(freq) / 2
    firsts = sorted(k for k, v in first.items() if v >= _MIN_FIRST_FREQ and v >= last.get(k, 0.0))
    lasts = sorted(k for k in last if k in known)
    return [f"first\t{k}" for k in firsts] + [f"last\t{k}" for k in lasts]


def _write(name: str, lines: list[str]) -> None:
    with gzip.GzipFile(_HERE / name, "wb", mtime=0) as fh:
        fh.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"{name}: {len(lines)} lines")


def main() -> None:
    folder = Path(sys.argv[1])
    known = _model_counts()
    _write(
        "casing_words.tsv.gz", build_words(folder / "spacy_lookups_data-1.0.5-py2.py3-none-any.whl", known)
    )
    _write("casing_names.tsv.gz", build_names(folder / "names-0.3.0.tar.gz", known))


if __name__ == "__main__":
    main()
