"""Resolve on hand-built per-article entities: merging across articles, votes, quote speakers."""

from __future__ import annotations

from storyline.model import Article, Entity, LocalEntity, Mention, Quote, Role
from storyline.resolve import attribute_quotes, rank_entities, resolve_entities

TEXT = "x" * 400


def _articles(*ids: str) -> list[Article]:
    return [Article(id=i, source=f"{i}.txt", format="plain", text=TEXT, outlet=f"Outlet {i}") for i in ids]


def _local(
    article: str, name: str, type_: str, *mentions: tuple[int, str], roles: list[str] = ()
) -> LocalEntity:  # type: ignore[assignment]
    spans = mentions or ((0, name),)
    return LocalEntity(
        article=article,
        name=name,
        type=type_,  # type: ignore[arg-type]
        mentions=[
            Mention(id=f"{article}:{start}", article=article, start=start, end=start + len(text), text=text)
            for start, text in spans
        ],
        roles=[
            Role(id=f"{article}:r{n}", article=article, start=0, end=len(r), text=r, role=r)
            for n, r in enumerate(roles)
        ],
    )


def _resolve(local: list[LocalEntity], *ids: str) -> list[Entity]:
    entities = resolve_entities(local, _articles(*ids))
    return [e.model_copy(update={"id": f"e{n}"}) for n, e in enumerate(entities)]


def _by_name(entities: list[Entity], name: str) -> Entity:
    found = [e for e in entities if e.name == name]
    assert len(found) == 1, [(e.name, e.type) for e in entities]
    return found[0]


def test_resolve_same_full_name_in_two_articles_is_one_entity() -> None:
    entities = _resolve(
        [
            _local("a", "Maria Okafor", "PERSON", (0, "Cllr Maria Okafor"), (50, "Cllr Okafor")),
            _local("b", "Maria Okafor", "PERSON", (10, "Maria Okafor")),
            _local("b", "Ellen Reid", "PERSON", (80, "Ellen Reid")),
        ],
        "a",
        "b",
    )
    okafor = _by_name(entities, "Maria Okafor")
    assert okafor.type == "PERSON"
    assert okafor.article_count == 2
    assert okafor.outlets == ["Outlet a", "Outlet b"]
    assert [(m.article, m.start) for m in okafor.mentions] == [("a", 0), ("a", 50), ("b", 10)]
    assert set(okafor.aliases) == {"Cllr Maria Okafor", "Cllr Okafor"}
    assert len(entities) == 2


def test_resolve_sir_first_name_joins_full_name() -> None:
    entities = _resolve(
        [
            _local("a", "Keir Starmer", "PERSON", (0, "Keir Starmer")),
            _local("b", "Keir", "PERSON", (5, "Sir Keir")),
            _local("b", "Rachel Keir", "PERSON", (60, "Rachel Keir")),  # a Keir by surname must not win
        ],
        "a",
        "b",
    )
    starmer = _by_name(entities, "Keir Starmer")
    assert {m.text for m in starmer.mentions} == {"Keir Starmer", "Sir Keir"}
    assert _by_name(entities, "Rachel Keir").article_count == 1


def test_resolve_surname_joins_the_only_full_name() -> None:
    entities = _resolve(
        [
            _local("a", "Mustafa Desai", "PERSON", (0, "Cllr Mustafa Desai")),
            _local("b", "Desai", "PERSON", (9, "Desai")),
        ],
        "a",
        "b",
    )
    assert len(entities) == 1
    assert entities[0].name == "Mustafa Desai" and entities[0].article_count == 2


def test_resolve_ambiguous_surname_prefers_same_article() -> None:
    entities = _resolve(
        [
            _local("a", "Tom Reid", "PERSON", (0, "Tom Reid")),
            _local("b", "Ellen Reid", "PERSON", (0, "Ellen Reid")),
            _local("b", "Reid", "PERSON", (40, "Ms Reid")),
        ],
        "a",
        "b",
    )
    assert {m.text for m in _by_name(entities, "Ellen Reid").mentions} == {"Ellen Reid", "Ms Reid"}
    assert _by_name(entities, "Tom Reid").article_count == 1


def test_resolve_abbreviated_body_joins_full_name() -> None:
    entities = _resolve(
        [
            _local("a", "Liberal Democrats", "ORG", (0, "Liberal Democrats"), (30, "Liberal Democrats")),
            _local("b", "Lib Dems", "ORG", (0, "Lib Dems")),
            _local("b", "Lib Energy", "ORG", (50, "Lib Energy")),
        ],
        "a",
        "b",
    )
    libdems = _by_name(entities, "Liberal Democrats")
    assert libdems.article_count == 2
    assert "Lib Dems" in libdems.aliases
    assert _by_name(entities, "Lib Energy").article_count == 1


def test_resolve_org_key_merges_party_forms() -> None:
    entities = _resolve(
        [
            _local("a", "the Labour party", "ORG", (0, "the Labour party")),
            _local("b", "Labour", "ORG", (0, "Labour")),
        ],
        "a",
        "b",
    )
    assert len(entities) == 1 and entities[0].article_count == 2


def test_resolve_type_vote_outvotes_a_person_tag() -> None:
    entities = _resolve(
        [
            _local("a", "Luton", "PERSON", (0, "Luton")),
            _local("b", "Luton", "GPE", (0, "Luton"), (20, "Luton")),
            _local("c", "Luton", "GPE", (0, "Luton")),
        ],
        "a",
        "b",
        "c",
    )
    (luton,) = entities
    assert luton.type == "GPE"
    assert luton.article_count == 3


def _quote(article: str, **speaker: object) -> Quote:
    return Quote(
        id=f"{article}:q1", article=article, start=100, end=120, text=TEXT[100:120], kind="direct", **speaker
    )  # type: ignore[arg-type]


def test_resolve_quote_attributed_by_speaker_span() -> None:
    entities = _resolve(
        [
            _local("a", "Maria Okafor", "PERSON", (0, "Maria Okafor")),
            _local("a", "Harwick", "GPE", (40, "Harwick")),
            _local("a", "Tom Reid", "PERSON", (60, "Tom Reid")),
        ],
        "a",
    )
    quote = _quote("a", speaker_text="Tom Reid", speaker_start=60, speaker_end=68)
    (attributed,) = attribute_quotes([quote], entities)
    assert attributed.speaker == _by_name(entities, "Tom Reid").id


def test_resolve_quote_attributed_by_name_when_no_span() -> None:
    entities = _resolve(
        [_local("a", "Tom Reid", "PERSON"), _local("a", "Ellen Reid", "PERSON", (30, "Ellen Reid"))], "a"
    )
    (attributed,) = attribute_quotes([_quote("a", speaker_text="Ellen Reid")], entities)
    assert attributed.speaker == _by_name(entities, "Ellen Reid").id


def test_resolve_quote_attributed_by_role() -> None:
    entities = _resolve(
        [
            _local("a", "Keir Starmer", "PERSON", (0, "Keir Starmer"), roles=["Labour leader"]),
            _local("a", "Hazel Simmons", "PERSON", (30, "Hazel Simmons"), roles=["Luton council leader"]),
        ],
        "a",
    )
    (by_role,) = attribute_quotes([_quote("a", speaker_text="The Labour leader")], entities)
    assert by_role.speaker == _by_name(entities, "Keir Starmer").id
    (unnamed,) = attribute_quotes([_quote("a", speaker_text="a Labour leader")], entities)
    assert unnamed.speaker is None


def test_resolve_unknown_speaker_stays_none() -> None:
    entities = _resolve([_local("a", "Tom Reid", "PERSON")], "a")
    (quote,) = attribute_quotes([_quote("a", speaker_text="a spokesperson")], entities)
    assert quote.speaker is None


def test_resolve_rank_by_mentions_quotes_articles() -> None:
    entities = _resolve(
        [
            _local("a", "Tom Reid", "PERSON", (0, "Tom Reid")),
            _local("a", "Maria Okafor", "PERSON", (20, "Maria Okafor"), (40, "Ms Okafor")),
        ],
        "a",
    )
    reid = _by_name(entities, "Tom Reid")
    quotes = [_quote("a", speaker_text="x").model_copy(update={"speaker": reid.id})]
    ranked = rank_entities(entities, quotes)
    assert [e.name for e in ranked] == ["Tom Reid", "Maria Okafor"]  # 1 + 2 + 3 beats 2 + 3
    assert ranked[0].salience == 1.0 and ranked[0].quote_count == 1
    assert ranked[1].salience == round(5 / 6, 3)
