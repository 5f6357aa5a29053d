"""What boto3 puts on the wire for a scalar parameter, for the engine to read
as AWS would (used by the native in-process door, ``src/py/params.rs``).

boto3's Query serializer turns numbers and timestamps into text (``True``
for a ``bool`` given as an integer, ``Infinity`` for a float, ISO 8601 for a
datetime), and whatever it raises doing so, the client raises.
"""

from __future__ import annotations

from typing import Any

from botocore.model import Shape
from botocore.serialize import QuerySerializer

_SERIALIZER = QuerySerializer()
_SHAPES = {name: Shape(name, {"type": name}) for name in ("integer", "long", "double", "float", "timestamp")}


def sent_text(value: Any, type_name: str) -> str:
    """The text boto3 sends for `value` as a scalar of botocore type `type_name`."""
    serialized: dict[str, Any] = {}
    # The serializer's own dispatch on the shape's type (private, but it is
    # exactly what a client runs for each parameter).
    _SERIALIZER._serialize(serialized, value, _SHAPES[type_name], "value")  # type: ignore[attr-defined]
    text = serialized["value"]
    # What urlencode makes of a value that is not already a string.
    return text if isinstance(text, str) else str(text)
