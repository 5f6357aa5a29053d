"""The test-author controls of a world: what a test can do that AWS cannot
(force a status, seed old snapshots, inject faults, read the calls made,
save and load the whole world)."""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple, TypeVar, Union, overload

from . import _core

_Self = TypeVar("_Self", bound="WorldControls")

#: The account of a world's clients unless they name another.
DEFAULT_ACCOUNT_ID = "123456789012"
#: The region of a client, and of a control, unless it names another.
DEFAULT_REGION = "us-east-1"
_ACCOUNT_ID = re.compile(r"[0-9]{12}")

#: A path to a saved world.
PathLike = Union[str, "os.PathLike[str]"]


class Denial(NamedTuple):
    """Why IAM refused a call (``Call.denial``)."""

    #: The IAM action, e.g. ``"redshift:DeleteClusterSnapshot"``.
    action: str
    #: The resource ARN the action was refused on (``"*"`` for an action
    #: without a resource type).
    resource: str
    #: What the policies said: ``"no identity-based policy allows the
    #: action"``, or the statement and policy that denied it explicitly.
    reason: str


class Call(NamedTuple):
    """One call the service answered, as ``fake.calls`` lists it."""

    #: The PascalCase operation name, e.g. ``"DeleteClusterSnapshot"``.
    operation_name: str
    #: The parameters as the service received them (after botocore's
    #: validation: timestamps as UTC datetimes).
    params: dict[str, Any]
    region_name: str
    account_id: str
    #: The AWS error code the call ended in (``"ClusterSnapshotNotFound"``,
    #: an injected ``"ThrottlingException"``, ...); ``None`` on success.
    error_code: str | None
    #: Why IAM refused the call (``error_code`` ``"UnauthorizedOperation"``);
    #: ``None`` for any other call.
    denial: Denial | None = None


class CallLog(Sequence[Call]):
    """The calls a world's service answered, read lazily from the engine."""

    def __init__(self, world: _core.World) -> None:
        self._world = world

    def __len__(self) -> int:
        return _core.world_call_count(self._world)

    @overload
    def __getitem__(self, index: int) -> Call: ...
    @overload
    def __getitem__(self, index: slice) -> list[Call]: ...
    def __getitem__(self, index: int | slice) -> Call | list[Call]:
        if isinstance(index, slice):
            return [self._get(i) for i in range(*index.indices(len(self)))]
        count = len(self)
        if index < 0:
            index += count
        if not 0 <= index < count:
            raise IndexError("call index out of range")
        return self._get(index)

    def _get(self, index: int) -> Call:
        operation, params, region, account, code, denial = _core.world_call(self._world, index)
        return Call(operation, params, region, account, code, None if denial is None else Denial(*denial))

    def __iter__(self) -> Iterator[Call]:
        # Calls made while iterating are read too, as a list's iterator would.
        index = 0
        while index < len(self):
            yield self._get(index)
            index += 1

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (CallLog, list, tuple)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<CallLog of {len(self)} calls>"

    def clear(self) -> None:
        """Forgets every call; the world stays as it is."""
        _core.world_clear_calls(self._world)

    @property
    def recording(self) -> bool:
        """Whether the world records its calls (``FakeRedshift(record_calls=...)``)."""
        return _core.world_records_calls(self._world)


def is_account_id(value: object) -> bool:
    """Whether `value` is an AWS account id: a string of exactly 12 digits."""
    return isinstance(value, str) and _ACCOUNT_ID.fullmatch(value) is not None


def check_account_id(account_id: str) -> str:
    """`account_id`, or ``ValueError`` if it is not an account id."""
    if not is_account_id(account_id):
        raise ValueError(f"account_id must be a string of 12 digits, got {account_id!r}")
    return account_id


def check_int(name: str, value: Any, *, minimum: int | None = None) -> int:
    """`value`, an int (not a bool), at least `minimum` when given."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return value


def world_settings(**settings: Any) -> str:
    """A world's settings (``FakeRedshift``'s keyword arguments), checked by
    kind (a ``*_quota`` is a count, a ``*_seconds`` a duration), as the
    engine reads them (JSON)."""
    for name, value in settings.items():
        if name.endswith("_seconds"):
            settings[name] = check_seconds(name, value)
        else:
            settings[name] = check_int(name, value, minimum=0)
    return json.dumps(settings)


def check_seconds(name: str, value: Any) -> float:
    """`value`, a finite number of seconds, at least 0."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a number of seconds, got {type(value).__name__}")
    if not (math.isfinite(value) and value >= 0):
        raise ValueError(f"{name} must be a finite number >= 0, got {value}")
    return float(value)


class WorldControls:
    """The controls of ``FakeRedshift`` (mixed into it)."""

    _world: _core.World
    account_id: str

    def _account(self, account_id: str | None) -> str:
        """`account_id` (checked), or the world's default account for ``None``."""
        return self.account_id if account_id is None else check_account_id(account_id)

    def set_snapshot_status(
        self,
        snapshot_identifier: str,
        status: str | None,
        *,
        region_name: str = DEFAULT_REGION,
        account_id: str | None = None,
    ) -> None:
        """Forces a snapshot's status to ``creating``, ``available``, ``failed``
        or ``cancelled``, whatever the clock says; ``None`` hands it back to
        the clock. The snapshot must belong to the account (default: the
        world's) in the region: otherwise ``LookupError``."""
        _core.world_set_snapshot_status(
            self._world, region_name, self._account(account_id), snapshot_identifier, status
        )

    def seed_snapshot(
        self,
        *,
        region_name: str = DEFAULT_REGION,
        account_id: str | None = None,
        automated_retention_days: int | None = None,
        **members: Any,
    ) -> dict[str, Any]:
        """Puts a snapshot into the world without going through
        ``create_cluster_snapshot``, and returns it as
        ``describe_cluster_snapshots`` shows it.

        ``members`` are members of the ``Snapshot`` response shape, named as
        describe shows them: ``SnapshotIdentifier`` (generated in AWS's
        ``rs:`` form for automated snapshots when left out) and
        ``ClusterIdentifier`` are required; ``SnapshotCreateTime`` (default:
        the clock's now), ``SnapshotType`` (default ``manual``), ``Status``,
        ``TotalBackupSizeInMegaBytes``, ``Tags``, ``AccountsWithRestoreAccess``,
        ``ManualSnapshotRetentionPeriod``, ``NodeType``... are optional. The
        rest comes from the cluster when it exists, else from a single-node
        dc2.large cluster that no longer exists. Members the fake works out
        itself (``SnapshotArn``, ``OwnerAccount``, progress, remaining days)
        are refused. An automated snapshot is kept ``automated_retention_days``
        (default: its cluster's period, else 1). The manual snapshot quota
        does not apply. Retention acts as usual: a seed whose period has
        already ended is removed by the next call."""
        if automated_retention_days is not None:
            check_int("automated_retention_days", automated_retention_days)
        return _core.world_seed_snapshot(
            self._world, region_name, self._account(account_id), members, automated_retention_days
        )

    def add_snapshot_tables(
        self,
        snapshot_identifier: str,
        tables: Iterable[tuple[str, str, str]],
        *,
        region_name: str = DEFAULT_REGION,
        account_id: str | None = None,
    ) -> None:
        """Declares the tables a snapshot holds, as ``(database, schema,
        table)`` triples, added to those declared before:
        ``restore_table_from_cluster_snapshot`` naming a table the snapshot
        lacks then fails with ``InvalidTableRestoreArgument``. While none is
        declared, any well-formed name restores. The snapshot must belong to
        the account (default: the world's) in the region: otherwise
        ``LookupError``; a name that is not 1 to 127 bytes: ``ValueError``."""
        triples = []
        for table in tables:
            if not (isinstance(table, (tuple, list)) and len(table) == 3 and all(isinstance(n, str) for n in table)):
                raise TypeError(f"each table must be a (database, schema, table) triple of str, got {table!r}")
            triples.append((table[0], table[1], table[2]))
        _core.world_add_snapshot_tables(
            self._world, region_name, self._account(account_id), snapshot_identifier, triples
        )

    def create_data_share(
        self,
        cluster_identifier: str,
        data_share_name: str,
        *,
        consumers: Sequence[str] = (),
        allow_publicly_accessible_consumers: bool = False,
        region_name: str = DEFAULT_REGION,
        account_id: str | None = None,
    ) -> str:
        """Does what SQL does on a producer cluster, which the Redshift API
        cannot: ``CREATE DATASHARE data_share_name`` (``PUBLICACCESSIBLE`` with
        ``allow_publicly_accessible_consumers``) and ``GRANT USAGE ON DATASHARE
        ... TO ACCOUNT`` for each of ``consumers`` (other accounts' ids, or
        ``"ADX"``), each then pending the producer's ``authorize_data_share``.
        Returns the share's ARN. A cluster the account (default: the world's)
        does not have in the region raises ``LookupError``; a name that is not
        a SQL identifier, a share the cluster already has, or a consumer that is
        not another account raises ``ValueError``."""
        if isinstance(consumers, str):
            raise TypeError("consumers must be a sequence of account ids, not a str")
        return _core.world_create_data_share(
            self._world,
            region_name,
            self._account(account_id),
            cluster_identifier,
            data_share_name,
            list(consumers),
            bool(allow_publicly_accessible_consumers),
        )

    def inject_error(
        self,
        operation_name: str,
        code: str,
        *,
        message: str | None = None,
        count: int = 1,
    ) -> None:
        """Makes the next ``count`` calls of ``operation_name`` (PascalCase,
        e.g. ``"DeleteClusterSnapshot"``), from any client of this world,
        fail with ``code`` and change nothing. The exception class and HTTP
        status are the model's for a modeled code, otherwise those of AWS's
        common error of that code (``ThrottlingException`` 400,
        ``ServiceUnavailable`` 503, ...) raised as ``ClientError``. Errors
        injected for the same operation fire in the order they were injected."""
        check_int("count", count)
        _core.world_inject_error(self._world, operation_name, code, message, count)

    # What lives in other services. Once a test declares one resource of a
    # kind, names of that kind must be declared to be found; while it
    # declares none, any well-formed name of it is taken to exist.

    def add_bucket(self, name: str, *, region_name: str = DEFAULT_REGION, redshift_can_write: bool = True) -> None:
        """Declares an S3 bucket in ``region_name``; ``redshift_can_write=False``
        is a bucket whose policy does not let Redshift write its logs
        (``InsufficientS3BucketPolicyFault``). A name S3 would refuse raises
        ``ValueError``."""
        _core.world_add_bucket(self._world, name, region_name, bool(redshift_can_write))

    def add_sns_topic(self, arn: str) -> None:
        """Declares an SNS topic by its ARN (``arn:aws:sns:<region>:<account>:<name>``)."""
        _core.world_add_sns_topic(self._world, arn)

    def add_kms_key(self, arn: str) -> None:
        """Declares a KMS key by its ARN (``arn:aws:kms:<region>:<account>:key/<id>``)."""
        _core.world_add_kms_key(self._world, arn)

    def add_vpc(
        self,
        vpc_id: str,
        subnets: dict[str, str],
        *,
        region_name: str = DEFAULT_REGION,
        account_id: str | None = None,
    ) -> None:
        """Declares a VPC of ``account_id`` (default: the world's) in
        ``region_name``, with its subnets as ``{subnet_id: availability_zone}``.
        Declaring it again adds subnets; a subnet belongs to one VPC."""
        if not isinstance(subnets, dict):
            raise TypeError(f"subnets must be a dict of subnet id to availability zone, got {type(subnets).__name__}")
        pairs = [(str(k), str(v)) for k, v in subnets.items()]
        _core.world_add_vpc(self._world, region_name, self._account(account_id), vpc_id, pairs)
    def put_identity_policy(self, principal: str, policy_name: str, document: Mapping[str, Any] | str) -> None:
        """Attaches an identity-based inline policy to an IAM user or role
        (its ARN; a client acting as an assumed-role session of that role gets
        its policies), or replaces the one of that name, as IAM's
        ``PutUserPolicy``/``PutRolePolicy`` do. `document` is the policy as a
        dict or JSON text. From then on every call of that principal is
        authorized as IAM would: an explicit ``Deny`` wins, then an ``Allow``
        is needed; a refused call raises ``UnauthorizedOperation`` and changes
        nothing. A principal without policies is allowed everything.

        A malformed document, or one using what the fake does not evaluate (a
        condition operator or key, a policy variable, a ``Principal``...),
        raises ``ValueError`` naming it."""
        if isinstance(document, Mapping):
            text = json.dumps(document)
        elif isinstance(document, str):
            text = document
        else:
            raise TypeError(f"document must be a dict or JSON text, got {type(document).__name__}")
        _core.world_put_identity_policy(self._world, principal, policy_name, text)

    def delete_identity_policy(self, principal: str, policy_name: str) -> None:
        """Removes an inline policy from an IAM user or role, as IAM's
        ``DeleteUserPolicy``/``DeleteRolePolicy`` do; ``LookupError`` if it
        has none of that name. Without policies left, the principal is
        allowed everything again."""
        _core.world_delete_identity_policy(self._world, principal, policy_name)

    @property
    def calls(self) -> CallLog:
        """Every call the service answered, in order: a live view of the
        world's log that reads a call only when it is indexed or iterated.
        Calls refused by parameter validation are not in it: botocore refuses
        them before they leave the client. ``fake.calls.clear()`` empties the
        log and leaves the world as it is; ``FakeRedshift(record_calls=False)``
        makes a world that records nothing."""
        return CallLog(self._world)

    def save(self, path: PathLike) -> None:
        """Writes the whole world (clock, settings, accounts, regions,
        clusters, snapshots, grants, tags) to ``path`` as JSON. Injected
        faults and the call log are not part of it."""
        text = _core.world_save_json(self._world, self.account_id)
        with open(os.fspath(path), "w", encoding="utf-8") as f:
            f.write(text)

    @classmethod
    def load(cls: type[_Self], path: PathLike) -> _Self:
        """A new world, as ``save`` wrote it to ``path``."""
        with open(os.fspath(path), encoding="utf-8") as f:
            text = f.read()
        fake = cls()
        fake.account_id = _core.world_load_json(fake._world, text)
        return fake
