"""The world's clock, as a test controls it."""

from __future__ import annotations

import datetime
import math

from . import _core

_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
_MICROSECOND = datetime.timedelta(microseconds=1)


def micros(when: datetime.datetime) -> int:
    """Microseconds since the epoch; a naive datetime is taken as UTC."""
    if not isinstance(when, datetime.datetime):
        raise TypeError(f"expected a datetime.datetime, got {type(when).__name__}")
    if when.tzinfo is None or when.utcoffset() is None:
        when = when.replace(tzinfo=datetime.timezone.utc)
    return (when - _EPOCH) // _MICROSECOND


class Clock:
    """The one clock of a world. It follows the system clock, read through
    Python (so freezegun and time-machine move it), until a test sets or
    advances it; from then on it stands still where the test put it."""

    def __init__(self, world: _core.World) -> None:
        self._world = world

    def now(self) -> datetime.datetime:
        """The clock's reading, a timezone-aware UTC datetime."""
        return self._world.clock_now()

    def set(self, when: datetime.datetime) -> None:
        """Stops the clock at `when` (a naive datetime is taken as UTC), to the
        millisecond, AWS's precision. A time beyond what a datetime can hold
        in UTC raises ``ValueError`` and leaves the clock as it was."""
        self._world.clock_set(micros(when))

    def advance(self, by: float | int | datetime.timedelta) -> None:
        """Moves the clock forward by `by` seconds (or a timedelta) and stops
        it there, to the millisecond. Past 9999-12-31 (the end of Python's
        datetime) raises ``ValueError`` and leaves the clock as it was."""
        if isinstance(by, datetime.timedelta):
            step = by // _MICROSECOND
        elif isinstance(by, (int, float)) and not isinstance(by, bool):
            if not math.isfinite(by):
                raise ValueError(f"advance() takes a finite number of seconds, got {by}")
            step = round(by * 1_000_000)
        else:
            raise TypeError(f"advance() takes seconds or a timedelta, got {type(by).__name__}")
        self._world.clock_advance(step)

    @property
    def is_fixed(self) -> bool:
        """Whether a test has set or advanced the clock."""
        return self._world.clock_is_fixed()
