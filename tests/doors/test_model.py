"""The embedded service model is botocore's: every shape an implemented
operation reads or writes, and every error shape, equal member for member
(documentation aside), so the validator and the error table cannot drift from
the botocore a user has installed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import botocore.loaders
import pytest

from conftest import BOTOCORE_MODEL
from redshift_fake import _core
from redshift_fake._model import service_model

EMBEDDED: dict[str, Any] = json.loads(_core.SERVICE_MODEL_JSON)
BOTOCORE: dict[str, Any] = botocore.loaders.Loader().load_service_model("redshift", "service-2")
OPERATIONS = sorted(_core.OPERATIONS)


def _undocumented(value: Any) -> Any:
    """`value` without the documentation strings, which the engine does not need."""
    if isinstance(value, dict):
        return {k: _undocumented(v) for k, v in value.items() if k != "documentation"}
    if isinstance(value, list):
        return [_undocumented(v) for v in value]
    return value


def _reachable(model: dict[str, Any], name: str, seen: set[str]) -> Iterator[str]:
    """`name` and every shape it refers to, each once."""
    if name in seen:
        return
    seen.add(name)
    yield name
    shape = model["shapes"][name]
    refs = list(shape.get("members", {}).values())
    refs += [shape[k] for k in ("member", "key", "value") if k in shape]
    for ref in refs:
        yield from _reachable(model, ref["shape"], seen)


def test_metadata_and_operation_names_are_botocores():
    assert EMBEDDED["metadata"] == BOTOCORE["metadata"]
    assert EMBEDDED["version"] == BOTOCORE["version"]
    assert sorted(EMBEDDED["operations"]) == sorted(BOTOCORE["operations"])


def test_every_implemented_operation_is_in_the_model():
    assert OPERATIONS, "the engine implements no operation"
    assert set(OPERATIONS) <= set(BOTOCORE["operations"])


@pytest.mark.parametrize("operation", OPERATIONS)
def test_operation_definition_equals_botocores(operation):
    assert _undocumented(EMBEDDED["operations"][operation]) == _undocumented(BOTOCORE["operations"][operation])


@pytest.mark.parametrize(
    "operation, side",
    [(op, side) for op in OPERATIONS for side in ("input", "output") if side in BOTOCORE["operations"][op]],
)
def test_shapes_of_operation_equal_botocores_recursively(operation, side):
    ref = BOTOCORE["operations"][operation][side]
    names = list(_reachable(BOTOCORE, ref["shape"], set()))
    assert names == list(_reachable(EMBEDDED, ref["shape"], set()))
    for name in names:
        assert _undocumented(EMBEDDED["shapes"][name]) == _undocumented(BOTOCORE["shapes"][name]), name


@pytest.mark.parametrize("operation", OPERATIONS)
def test_loaded_input_shape_members_and_required_equal_botocores(operation):
    """The same through botocore's own `ServiceModel` classes, as the client sees it."""

    def describe(shape, seen):
        if shape.name in seen:
            return shape.name
        seen = seen | {shape.name}
        out = {"type": shape.type_name, "metadata": _undocumented(dict(shape.metadata))}
        if shape.type_name == "structure":
            out["required"] = list(shape.required_members)
            out["members"] = {n: describe(m, seen) for n, m in shape.members.items()}
        elif shape.type_name == "list":
            out["member"] = describe(shape.member, seen)
        elif shape.type_name == "map":
            out["key"] = describe(shape.key, seen)
            out["value"] = describe(shape.value, seen)
        return out

    ours = service_model().operation_model(operation)
    theirs = BOTOCORE_MODEL.operation_model(operation)
    for side in ("input_shape", "output_shape"):
        a, b = getattr(ours, side), getattr(theirs, side)
        assert (a is None) == (b is None)
        if a is not None:
            assert describe(a, set()) == describe(b, set())


def test_error_shapes_equal_botocores():
    ours = {s.name: s for s in service_model().error_shapes}
    theirs = {s.name: s for s in BOTOCORE_MODEL.error_shapes}
    assert sorted(ours) == sorted(theirs)
    for name, shape in theirs.items():
        assert ours[name].error_code == shape.error_code, name
        assert ours[name].metadata["error"] == shape.metadata["error"], name
        assert _undocumented(EMBEDDED["shapes"][name]) == _undocumented(BOTOCORE["shapes"][name]), name


@pytest.mark.parametrize("operation", OPERATIONS)
def test_operation_errors_equal_botocores(operation):
    ours = [e.name for e in service_model().operation_model(operation).error_shapes]
    theirs = [e.name for e in BOTOCORE_MODEL.operation_model(operation).error_shapes]
    assert ours == theirs
