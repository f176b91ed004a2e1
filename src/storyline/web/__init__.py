"""The web app and HTTP API (``storyline serve``): pages over a store, and JSON for tools.

Needs the ``[web]`` extra (FastAPI, uvicorn, python-multipart).
"""

from storyline.web.app import create_app

__all__ = ["create_app"]
