"""Give each extracted number the calendar date its own sentence names."""

from __future__ import annotations

from storyline.model import Number, TimeExpression


def date_numbers(numbers: list[Number], timexes: list[TimeExpression]) -> list[Number]:
    """Give each number the calendar date named in its sentence, if one is."""
    dated = []
    for number in numbers:
        sentence = number.sentence
        date = None
        if sentence is not None:
            for timex in timexes:
                if (
                    timex.type == "DATE"
                    and sentence.start <= timex.start < sentence.end
                    and timex.value[:1].isdigit()
                ):
                    date = timex.value
                    break
        dated.append(number.model_copy(update={"date": date}) if date else number)
    return dated
