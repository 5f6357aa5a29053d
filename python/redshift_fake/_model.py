"""The service model the engine is built on, seen through botocore's own classes.

The engine embeds botocore's Redshift model (``src/model/service-2.json``);
this module reads the same JSON so that the client's methods, its exception
classes and its paginators and waiters all come from one description.
"""

from __future__ import annotations

import functools
import json
from typing import cast

from botocore import xform_name
from botocore.errorfactory import BaseClientExceptions, ClientExceptionsFactory
from botocore.exceptions import ClientError
from botocore.model import ServiceModel, StructureShape

from . import _core


@functools.cache
def service_model() -> ServiceModel:
    """botocore's ``ServiceModel`` of the embedded model."""
    return ServiceModel(json.loads(_core.SERVICE_MODEL_JSON), service_name="redshift")


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
def implemented() -> frozenset[str]:
    """The operations the engine implements (PascalCase names)."""
    return frozenset(_core.IMPLEMENTED_OPERATIONS)


def not_implemented(operation: str) -> NotImplementedError:
    """What using an operation the engine lacks raises: the engine's one error."""
    return _core.not_implemented_error(operation)
