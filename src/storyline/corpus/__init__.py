"""Corpus stage: group a stream of analysed articles into stories.

Story features and clustering (online, revising and batch), sentence embeddings, and the
engines that parse articles in this process or on a Dask cluster.
"""

from storyline.corpus.cluster import (
    Assignment,
    ClusterConfig,
    ObservedArticle,
    RevisedAssignment,
    RevisingClusterer,
    StoryClusterer,
    StoryFeatures,
    StoryState,
    combine,
    features_from_doc,
    recluster,
    story_states,
    with_stems,
)

__all__ = [
    "Assignment",
    "ClusterConfig",
    "ObservedArticle",
    "RevisedAssignment",
    "RevisingClusterer",
    "StoryClusterer",
    "StoryFeatures",
    "StoryState",
    "combine",
    "features_from_doc",
    "recluster",
    "story_states",
    "with_stems",
]
