"""Every operation, paginator and waiter of the model is served, through
the in-process client and through the XML door (a genuine botocore client):
a call answers or is refused as the service would refuse it."""

from __future__ import annotations

import botocore.loaders
import pytest
from botocore import xform_name
from botocore.exceptions import ClientError, ParamValidationError

import redshift_fake
from conftest import BOTOCORE_MODEL, valid_input

LOADER = botocore.loaders.create_loader()
PAGINATORS = LOADER.load_service_model("redshift", "paginators-1")["pagination"]
WAITERS = LOADER.load_service_model("redshift", "waiters-2")["waiters"]


@pytest.mark.parametrize("operation", sorted(BOTOCORE_MODEL.operation_names))
def test_every_operation_is_served_by_both_doors(operation):
    fake = redshift_fake.FakeRedshift()
    for client in (fake.client(), fake.botocore_client()):
        try:
            getattr(client, xform_name(operation))(**valid_input(operation))
        except ParamValidationError:
            pass  # refused as botocore refuses it
        except ClientError as e:  # refused as the service would: served
            assert e.response["Error"]["Code"] != "InvalidAction"


@pytest.mark.parametrize("operation", sorted(PAGINATORS))
def test_every_paginator_is_served(operation):
    client = redshift_fake.FakeRedshift().client()
    method = xform_name(operation)
    paginator = client.get_paginator(method)
    assert client.can_paginate(method)
    try:
        next(iter(paginator.paginate(**valid_input(operation))))
    except ClientError:
        pass


@pytest.mark.parametrize("name", sorted(WAITERS))
def test_every_waiter_is_served(name):
    client = redshift_fake.FakeRedshift().client()
    waiter = client.get_waiter(xform_name(name))
    assert waiter.config.operation == WAITERS[name]["operation"]
