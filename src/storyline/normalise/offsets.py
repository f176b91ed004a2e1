"""The offset map: normalised text built from pieces that remember their raw offsets, and the
way back from a normalised offset to the raw text (``Article.offset_map``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Piece:
    text: str
    raw: int  # raw offset of the first character
    glue: str = " "  # what goes before it: "", " " or "\n"


def join_pieces(pieces: list[Piece]) -> tuple[str, list[tuple[int, int]]]:
    """Concatenate pieces; anchors only where the raw position jumps (keeps the map small)."""
    out: list[str] = []
    anchors: list[tuple[int, int]] = []
    pos = 0
    for n, piece in enumerate(pieces):
        glue = piece.glue if n else ""
        out.append(glue)
        pos += len(glue)
        if not anchors or anchors[-1][1] + (pos - anchors[-1][0]) != piece.raw:
            anchors.append((pos, piece.raw))
        out.append(piece.text)
        pos += len(piece.text)
    return "".join(out), anchors


def raw_offset(offset_map: list[tuple[int, int]], offset: int) -> int:
    """The raw-text offset for a normalised offset (see Article.offset_map)."""
    best = (0, 0)
    for anchor in offset_map:
        if anchor[0] > offset:
            break
        best = anchor
    return best[1] + (offset - best[0])
