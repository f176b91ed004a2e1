"""Date the roles an article reports as a change ("continue as an independent councillor")."""

from __future__ import annotations

from storyline.model import Article, Entity

ROLE_CHANGE_CONTEXT = 40
"""Characters before a role that are read for "as"/"as a"/"as an": enough for those words and
the spaces around them, short enough not to reach into the previous clause (chosen on the
invented flood story and the seeds)."""


def date_role_changes(entities: list[Entity], articles: list[Article]) -> list[Entity]:
    """A role someone takes "as" ("continue as an independent councillor") dates from the article.

    That is a change the article reports, so it holds from the article's date; other roles are
    descriptions and stay undated.
    """
    texts = {a.id: a for a in articles}
    dated = []
    for entity in entities:
        roles = []
        for role in entity.roles:
            article = texts[role.article]
            before = article.text[max(0, role.start - ROLE_CHANGE_CONTEXT) : role.start].lower()
            is_change = before.rstrip().endswith(("as", "as a", "as an")) and "describ" not in before
            if role.date is None and article.published and is_change:
                role = role.model_copy(update={"date": article.published})
            roles.append(role)
        dated.append(entity.model_copy(update={"roles": roles}))
    return dated
