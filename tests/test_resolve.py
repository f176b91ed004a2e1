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


# -- countries, names, groups (issue 3) ----------------------------------------------------------


def test_resolve_country_names_demonyms_capital_and_seat_are_one_entity() -> None:
    entities = _resolve(
        [
            _local("a", "U.S.", "GPE"),
            _local("a", "Americans", "NORP"),
            _local("b", "United States", "GPE"),
            _local("b", "White House", "ORG"),
            _local("c", "Washington", "GPE"),
            _local("c", "Kremlin", "ORG"),
        ],
        "a",
        "b",
        "c",
    )
    us = _by_name(entities, "United States")
    assert us.type == "GPE"
    assert {m.text for m in us.mentions} == {
        "U.S.",
        "Americans",
        "United States",
        "White House",
        "Washington",
    }
    assert _by_name(entities, "Kremlin").mentions[0].text == "Kremlin"  # Russia is not in the story


def test_resolve_capital_joins_only_a_country_the_story_names() -> None:
    entities = _resolve(
        [_local("a", "Paris", "GPE"), _local("b", "Germany", "GPE"), _local("b", "Tehran", "GPE")], "a", "b"
    )
    assert sorted(e.name for e in entities) == ["Germany", "Paris", "Tehran"]


def test_resolve_the_north_joins_the_one_country_it_starts() -> None:
    entities = _resolve(
        [_local("a", "North Korea", "GPE"), _local("b", "North", "LOC"), _local("b", "South Korea", "GPE")],
        "a",
        "b",
    )
    assert {m.text for m in _by_name(entities, "North Korea").mentions} == {"North Korea", "North"}
    ambiguous = _resolve(
        [
            _local("a", "North Korea", "GPE"),
            _local("a", "North Macedonia", "GPE"),
            _local("b", "North", "LOC"),
        ],
        "a",
        "b",
    )
    assert len(ambiguous) == 3


def test_resolve_surname_tagged_org_or_gpe_stays_the_person() -> None:
    entities = _resolve(
        [
            _local("a", "Donald Trump", "PERSON", (0, "Donald Trump"), (40, "Trump")),
            _local("b", "Trump", "ORG", (0, "Trump"), (30, "Trump"), (60, "Trump")),
            _local("c", "Trump", "PERSON", (0, "Trump")),
            _local("c", "Trump", "ORG", (30, "Trump"), (60, "Trump")),
            _local("d", "Obama", "GPE"),
            _local("a", "Barack Obama", "PERSON", (90, "Barack Obama")),
        ],
        *"abcd",
    )
    trump = _by_name(entities, "Donald Trump")
    assert len(trump.mentions) == 8
    assert _by_name(entities, "Barack Obama").article_count == 2
    assert all(e.type == "PERSON" for e in entities)


def test_resolve_surname_that_is_a_known_place_stays_a_place() -> None:
    entities = _resolve(
        [
            _local("a", "Michael Jordan", "PERSON"),
            _local("b", "Jordan", "GPE", (0, "Jordan"), (20, "Jordan")),
        ],
        "a",
        "b",
    )
    assert _by_name(entities, "Jordan").type == "GPE"


def test_resolve_hyphenated_and_cut_names_are_one_person() -> None:
    entities = _resolve(
        [
            _local("a", "Kim Jong Un", "PERSON"),
            _local("b", "Kim Jong - un", "PERSON"),
            _local("a", "Moon Jae - in", "PERSON"),
            _local("b", "Moon Jae", "PERSON"),
            _local("c", "Moon", "PERSON", (0, "Mr. Moon")),
        ],
        *"abc",
    )
    assert sorted((e.name, e.article_count) for e in entities) == [("Kim Jong - un", 2), ("Moon Jae - in", 3)]


def test_resolve_adds_bare_surname_the_tagger_missed() -> None:
    text_a = "Donald Trump arrived. Trump said yes."
    text_b = "Trump hates the deal. Melania Trump smiled at the Trump Tower and at anti-Trump crowds."
    articles = [
        Article(id="a", source="a.txt", format="plain", text=text_a, outlet="A"),
        Article(id="b", source="b.txt", format="plain", text=text_b, outlet="B"),
    ]
    local = [
        _local("a", "Donald Trump", "PERSON", (0, "Donald Trump"), (22, "Trump")),
        _local("b", "Melania Trump", "PERSON", (22, "Melania Trump")),
    ]
    entities = resolve_entities(local, articles)
    donald = _by_name(entities, "Donald Trump")
    assert [(m.article, m.start, m.text) for m in donald.mentions if m.article == "b"] == [("b", 0, "Trump")]
    assert donald.outlets == ["A", "B"]


def test_resolve_keeps_common_noun_groups_two_articles_follow() -> None:
    entities = _resolve(
        [
            _local("a", "migrant", "NORP", (0, "the migrants"), (30, "migrants")),
            _local("b", "migrant", "NORP", (5, "the migrants")),
            _local("a", "protester", "NORP", (60, "the protesters")),
            _local("b", "protester", "NORP", (60, "protesters")),
        ],
        "a",
        "b",
    )
    assert [(e.name, len(e.mentions), e.article_count) for e in entities] == [("the migrants", 3, 2)]


def test_resolve_multiword_name_mostly_tagged_a_place_is_a_place() -> None:
    entities = _resolve(
        [
            _local("a", "Ashby Cross", "PERSON", (0, "Ashby Cross")),
            _local("b", "Ashby Cross", "GPE", (0, "Ashby Cross"), (20, "Ashby Cross")),
            _local("c", "Ashby Cross", "ORG", (0, "Ashby Cross")),
            _local("c", "Keir Starmer", "PERSON", (50, "Sir Keir Starmer")),
        ],
        *"abc",
    )
    place = _by_name(entities, "Ashby Cross")
    assert (place.type, place.article_count) == ("GPE", 3)


def _story(texts: dict[str, str], local: list[LocalEntity]) -> list[Entity]:
    articles = [
        Article(id=i, source=f"{i}.txt", format="plain", text=t, outlet=f"Outlet {i}")
        for i, t in texts.items()
    ]
    return resolve_entities(local, articles)


def _at(text: str, phrase: str, nth: int = 0) -> tuple[int, str]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, phrase


def test_resolve_abbreviation_blocking_survives_a_common_first_word() -> None:
    bodies = [
        _local("a", f"National {w}", "ORG", (n * 30, f"National {w}"))
        for n, w in enumerate(["Trust", "Gallery", "Theatre", "Westminster Bank", "Grid", "Health Service"])
    ]
    entities = _resolve(
        [*bodies, _local("b", "Nat Westminster Bank", "ORG", (0, "Nat Westminster Bank"))], "a", "b"
    )
    bank = _by_name(entities, "National Westminster Bank")
    assert {m.text for m in bank.mentions} == {"National Westminster Bank", "Nat Westminster Bank"}
    assert len(entities) == 6  # the other "National …" bodies stay apart


def test_resolve_same_surname_goes_to_each_articles_own_person() -> None:
    entities = _resolve(
        [
            _local("a", "Sajid Ali", "PERSON", (0, "Sajid Ali")),
            _local("a", "Ali", "PERSON", (50, "Ali")),
            _local("b", "Amjid Ali", "PERSON", (0, "Amjid Ali")),
            _local("b", "Ali", "PERSON", (50, "Ali")),
        ],
        "a",
        "b",
    )
    assert {(m.article, m.text) for m in _by_name(entities, "Sajid Ali").mentions} == {
        ("a", "Sajid Ali"),
        ("a", "Ali"),
    }
    assert {(m.article, m.text) for m in _by_name(entities, "Amjid Ali").mentions} == {
        ("b", "Amjid Ali"),
        ("b", "Ali"),
    }


def test_resolve_collective_joins_the_people_it_is_said_to_be_made_of() -> None:
    a = "The migrant caravan reached the border. The migrants waited."
    b = "A caravan of Central American migrants arrived. The caravan stopped and the migrants slept."
    groups = [
        _local("a", "caravan", "NORP", _at(a, "The migrant caravan")),
        _local("a", "migrant", "NORP", _at(a, "The migrants")),
        _local("b", "caravan", "NORP", _at(b, "A caravan"), _at(b, "The caravan")),
        _local("b", "migrant", "NORP", _at(b, "the migrants")),
    ]
    entities = _story({"a": a, "b": b}, groups)
    assert len(entities) == 1
    assert entities[0].article_count == 2
    # Without the story saying what the caravan is made of, the two stay apart.
    c = "The caravan reached the border. The migrants waited."
    d = "The caravan stopped and the migrants slept."
    apart = _story(
        {"c": c, "d": d},
        [
            _local("c", "caravan", "NORP", _at(c, "The caravan")),
            _local("c", "migrant", "NORP", _at(c, "The migrants")),
            _local("d", "caravan", "NORP", _at(d, "The caravan")),
            _local("d", "migrant", "NORP", _at(d, "the migrants")),
        ],
    )
    assert len(apart) == 2


def _person_with_role(article: str, text: str, name: str, role: str, *more: tuple[int, str]) -> LocalEntity:
    entity = _local(article, name, "PERSON", _at(text, name), *more)
    start = text.index(role)
    return entity.model_copy(
        update={
            "roles": [
                Role(
                    id=f"{article}:r0",
                    article=article,
                    start=start,
                    end=start + len(role),
                    text=role,
                    role=role,
                )
            ]
        }
    )


def test_resolve_administration_of_a_head_joins_the_country_they_lead() -> None:
    a = (
        "U.S. President Donald Trump spoke. The Trump administration and the United States agreed. "
        "His administration said the country would act."
    )
    entities = _story(
        {"a": a},
        [
            _person_with_role("a", a, "Donald Trump", "U.S. President", _at(a, "Trump", 1)),
            _local("a", "United States", "GPE", _at(a, "United States")),
        ],
    )
    us = _by_name(entities, "United States")
    assert {m.text for m in us.mentions} == {
        "The Trump administration",
        "United States",
        "His administration",
        "the country",
    }
    trump = _by_name(entities, "Donald Trump")
    assert {m.text for m in trump.mentions} == {
        "Donald Trump",
        "Trump",
        "U.S. President",
    }  # the role is a mention too


def test_resolve_administration_of_a_head_with_no_known_country_is_its_own_entity() -> None:
    a = (
        "President Donald Trump spoke. The Trump administration and the United States agreed; "
        "the administration said so."
    )
    entities = _story(
        {"a": a},
        [
            _local("a", "Donald Trump", "PERSON", _at(a, "Donald Trump"), _at(a, "Trump", 1)),
            _local("a", "United States", "GPE", _at(a, "United States")),
        ],
    )
    administration = _by_name(entities, "Trump administration")
    assert {m.text for m in administration.mentions} == {"The Trump administration", "the administration"}
    assert {m.text for m in _by_name(entities, "United States").mentions} == {"United States"}


def test_resolve_country_mention_grows_into_its_government_and_officials() -> None:
    a = "The U.S. government said so, and American officials agreed; North Korea's government did not."
    entities = _story(
        {"a": a},
        [
            _local("a", "U.S.", "GPE", _at(a, "U.S.")),
            _local("a", "American", "NORP", _at(a, "American")),
            _local("a", "North Korea", "GPE", _at(a, "North Korea")),
        ],
    )
    assert {m.text for m in _by_name(entities, "United States").mentions} == {
        "The U.S. government",
        "American officials",
    }
    assert {m.text for m in _by_name(entities, "North Korea").mentions} == {"North Korea's government"}


def test_resolve_the_country_is_the_country_named_last_nearby() -> None:
    a = (
        "Japan protested. North Korea said the country would not stop."
        + " filler" * 80
        + " The country is far."
    )
    entities = _story(
        {"a": a},
        [
            _local("a", "Japan", "GPE", _at(a, "Japan")),
            _local("a", "North Korea", "GPE", _at(a, "North Korea")),
        ],
    )
    assert {m.text for m in _by_name(entities, "North Korea").mentions} == {"North Korea", "the country"}
    assert {m.text for m in _by_name(entities, "Japan").mentions} == {"Japan"}  # too far back: no one


def test_resolve_role_phrase_is_a_mention_but_not_a_relative_clause() -> None:
    a = "Japanese Prime Minister Shinzo Abe met Sarah Owen, who represents Luton North."
    abe = _person_with_role("a", a, "Shinzo Abe", "Japanese Prime Minister")
    owen = _person_with_role("a", a, "Sarah Owen", "represents Luton North")
    entities = _story({"a": a}, [abe, owen])
    assert {m.text for m in _by_name(entities, "Shinzo Abe").mentions} == {
        "Japanese Prime Minister",
        "Shinzo Abe",
    }
    assert [m.kind for m in _by_name(entities, "Shinzo Abe").mentions] == ["role", "name"]
    assert {m.text for m in _by_name(entities, "Sarah Owen").mentions} == {"Sarah Owen"}


def test_resolve_administration_is_named_as_the_story_writes_it() -> None:
    a = "Kim Jong Un spoke. The Kim government and the United States met; his government said so."
    entities = _story(
        {"a": a},
        [
            _local("a", "Kim Jong Un", "PERSON", _at(a, "Kim Jong Un"), _at(a, "Kim", 1)),
            _local("a", "United States", "GPE", _at(a, "United States")),
        ],
    )
    government = _by_name(entities, "Kim government")  # not "Un administration", not "his government"
    assert {m.text for m in government.mentions} == {"The Kim government", "his government"}


def test_resolve_group_never_joins_a_person_named_after_its_noun() -> None:
    # A scrape's truecasing may glue the group noun onto a name ("the caravan Lucio Ferreyra").
    entities = _resolve(
        [
            _local("a", "caravan", "NORP", (0, "the caravan"), (40, "the caravan")),
            _local("b", "caravan", "NORP", (0, "the caravan")),
            _local("a", "Caravan Lucio Ferreyra", "PERSON", (80, "Caravan Lucio Ferreyra")),
            _local("a", "Lucio Ferreyra", "PERSON", (120, "Lucio Ferreyra")),
        ],
        "a",
        "b",
    )
    group = _by_name(entities, "the caravan")
    assert (group.type, len(group.mentions)) == ("NORP", 3)


def test_resolve_country_in_a_mistagged_person_name_stays_the_country() -> None:
    entities = _resolve(
        [
            _local("a", "Dawn of Modern Canada", "PERSON", (0, "Dawn of Modern Canada")),
            _local("a", "Canada", "GPE", (50, "Canada"), (90, "Canada"), (130, "Canada")),
        ],
        "a",
    )
    assert _by_name(entities, "Canada").type == "GPE"
    assert len(_by_name(entities, "Dawn of Modern Canada").mentions) == 1


def test_resolve_hyphenated_given_name_puts_the_family_name_first() -> None:
    entities = _resolve(
        [
            _local("a", "Kim Jong-un", "PERSON", (0, "Kim Jong-un")),
            _local("a", "Kim", "GPE", (40, "Kim"), (80, "Kim")),
        ],
        "a",
    )
    kim = _by_name(entities, "Kim Jong-un")
    assert (kim.type, len(kim.mentions)) == ("PERSON", 3)


def test_resolve_place_names_vote_for_their_words() -> None:
    entities = _resolve(
        [
            _local("a", "Surrey", "PERSON", (0, "Surrey"), (30, "Surrey")),
            _local("a", "Surrey", "GPE", (60, "Surrey"), (90, "Surrey")),
            _local("a", "City of Surrey", "GPE", (120, "City of Surrey")),
        ],
        "a",
    )
    assert {e.type for e in entities if e.name == "Surrey"} == {"GPE"}


def test_resolve_bare_surname_before_a_namesake_is_the_known_one() -> None:
    # Article a says "Harlow" three times, then "first lady Marguerite Harlow": its "Harlow" is the
    # Victor Harlow the story is about, not the namesake named in full only later.
    entities = _resolve(
        [
            _local("b", "Victor Harlow", "PERSON", (0, "Victor Harlow"), (30, "Harlow"), (60, "Harlow")),
            _local("b", "Harlow", "PERSON", (90, "Harlow")),
            _local("a", "Harlow", "PERSON", (0, "Harlow"), (40, "Harlow"), (80, "Harlow"), (300, "Harlow")),
            _local("a", "Marguerite Harlow", "PERSON", (150, "Marguerite Harlow")),
        ],
        "a",
        "b",
    )
    victor = _by_name(entities, "Victor Harlow")
    assert {(m.article, m.start) for m in victor.mentions} >= {("a", 0), ("a", 300)}
    assert len(_by_name(entities, "Marguerite Harlow").mentions) == 1


def test_resolve_capitalised_administration_of_a_head() -> None:
    a = "Rosa Hadley took office in May. The Hadley Administration said Canada would act."
    entities = _story(
        {"a": a},
        [
            _local("a", "Rosa Hadley", "PERSON", _at(a, "Rosa Hadley"), _at(a, "Hadley", 1)),
            _local("a", "Canada", "GPE", _at(a, "Canada")),
        ],
    )
    administration = _by_name(entities, "Hadley Administration")
    assert [m.text for m in administration.mentions] == ["The Hadley Administration"]
