"""Corpus stage: group a stream of analysed articles into stories.

Story features and clustering (online, revising and batch), sentence embeddings, and the
engines that parse articles in this process or on a Dask cluster.
"""
