"""The service model, seen through botocore's own classes.

The engine embeds botocore's Redshift model (``src/model/service-2.json``).
A user's botocore may be older or newer: the client is made from the
installed botocore's model, so its methods, parameters, exception classes,
paginators and waiters are that botocore's. When that model differs from the
embedded one, it is also handed to the engine's in-process door, which then
validates calls against it and answers with only the members its output
shapes have; when it is the same (the common case), that costs nothing.
"""

from __future__ import annotations

import functools
import json
from typing import Any, cast

import botocore.session
from botocore import xform_name
from botocore.errorfactory import BaseClientExceptions, ClientExceptionsFactory
from botocore.exceptions import ClientError, DataNotFoundError
from botocore.loaders import Loader
from botocore.model import ServiceModel, StructureShape

from . import _core


@functools.cache
def data_loader() -> Loader:
    """The installed botocore's loader of model files, with the search path a
    client of a default session has (``AWS_DATA_PATH`` included)."""
    loader: Loader = botocore.session.get_session().get_component("data_loader")
    return loader


#: What the embedded model leaves out of botocore's (``scripts/update_model.py``).
DOCUMENTATION = frozenset({"documentation", "documentationUrl", "deprecatedMessage"})


def undocumented(node: Any) -> Any:
    """A model (or part of one) without its documentation."""
    if isinstance(node, dict):
        return {k: undocumented(v) for k, v in node.items() if k not in DOCUMENTATION}
    if isinstance(node, list):
        return [undocumented(v) for v in node]
    return node


@functools.cache
def _installed_data() -> tuple[dict[str, Any], bool]:
    """The installed botocore's Redshift model, and whether it is the embedded
    one. Without a Redshift model of its own, botocore gets the embedded one."""
    embedded: dict[str, Any] = json.loads(_core.SERVICE_MODEL_JSON)
    try:
        installed: dict[str, Any] = data_loader().load_service_model("redshift", "service-2")
    except DataNotFoundError:
        return embedded, True
    return installed, undocumented(installed) == embedded


@functools.cache
def service_model() -> ServiceModel:
    """botocore's ``ServiceModel`` of the installed botocore's Redshift model."""
    return ServiceModel(_installed_data()[0], service_name="redshift")


@functools.cache
def client_model() -> _core.ServiceModel | None:
    """The installed model compiled for the engine when it is not the
    embedded one (``None`` when it is)."""
    data, same = _installed_data()
    return None if same else _core.ServiceModel(json.dumps(data))


@functools.cache
def client_exceptions() -> BaseClientExceptions:
    """The exception classes, made by botocore's own error factory."""
    return ClientExceptionsFactory().create_client_exceptions(service_model())


@functools.cache
def exceptions_by_code() -> dict[str, type[ClientError]]:
    """Error code -> exception class, for the engine to raise."""
    exceptions = client_exceptions()
    shapes = cast(list[StructureShape], service_model().error_shapes)
    return {shape.error_code: getattr(exceptions, shape.name) for shape in shapes}


@functools.cache
def method_names() -> dict[str, str]:
    """snake_case method name -> PascalCase operation name, for every operation."""
    return {xform_name(op): op for op in service_model().operation_names}


@functools.cache
def served() -> frozenset[str]:
    """The operations of the engine's model that the installed botocore has
    (PascalCase names). An operation of a newer botocore the engine does not
    know is answered `InvalidAction`, as AWS answers an action it lacks."""
    return frozenset(_core.OPERATIONS) & frozenset(service_model().operation_names)
