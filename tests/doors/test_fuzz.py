"""The fuzzers, as property tests (hypothesis).

- Every operation the client has, with inputs made from the model's shapes
  (hostile values included): the in-process client and a genuine botocore
  client on the XML door, each on a fresh twin world, end the same way
  (botocore's own ParamValidator report or exception, the serializer's
  exception, the service's error, or the same answer).
- A state machine over the implemented operations and the controls, across
  accounts and regions, on two twin worlds driven through the two doors:
  equal answers, a refused call changes nothing, save and load lose nothing.
  Written against the public API only.
- The Query handler on random and malformed bodies: it always answers, with
  well-formed XML and the status of the code it names.

Bounded for CI (a fixed, derandomized budget); ``scripts/fuzz.py`` runs the
same tests longer with a seed (``REDSHIFT_FAKE_FUZZ_EXAMPLES``).
"""

from __future__ import annotations

import datetime
import enum
import functools
import os
import tempfile
import xml.etree.ElementTree as ElementTree
from typing import Any

import hypothesis.strategies as st
import pytest
from botocore import xform_name
from hypothesis import HealthCheck, given, settings
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

import redshift_fake
from conftest import BOTOCORE_MODEL

UTC = datetime.timezone.utc
#: Examples per property (and runs of the state machine): 0 is the CI budget.
EXAMPLES = int(os.environ.get("REDSHIFT_FAKE_FUZZ_EXAMPLES", "0"))


def budget(ci: int, **more: Any) -> settings:
    """The CI budget `ci`, the same examples every run; or, from scripts/fuzz.py,
    the number asked for, from the seed given."""
    return settings(
        max_examples=EXAMPLES or ci,
        derandomize=not EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
        **more,
    )


# --- values made from the model's shapes ------------------------------------------------


class Named(str, enum.Enum):
    C1 = "c1"


class Unprintable:
    """A value botocore cannot write into its report."""

    def __str__(self) -> str:
        raise KeyError("unprintable")

    def __repr__(self) -> str:
        return "Unprintable()"


IDENTIFIERS = ["c1", "s1", "c2", "s2", "C1", "c-1", "1c", "c--1", "", "x" * 64]
PRINTABLE_TEXT = st.one_of(
    st.sampled_from(IDENTIFIERS),
    st.text(max_size=6),
    st.text(st.sampled_from("a\x00\x01\x1f\ufffe\uffff\r\n\t<&>é日"), max_size=4),
    st.just(Named.C1),
)
# A lone surrogate only where a string belongs: botocore would print one of
# the wrong type into its report, which the fake writes with U+FFFD (README).
TEXT = st.one_of(PRINTABLE_TEXT, st.just("\ud800"))
INTEGERS = st.one_of(
    st.integers(-3, 120),
    st.sampled_from([-1, 0, 1, 20, 100, 101, 3653, 3654, 2**31, 2**63, 2**70, -(2**63) - 1]),
    st.booleans(),
)
DOUBLES = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-5, 5),
    st.decimals(allow_nan=True, allow_infinity=True, places=2),
    st.just(10**400),
)
TIMESTAMPS = st.one_of(
    st.datetimes(timezones=st.sampled_from([None, UTC, datetime.timezone(datetime.timedelta(hours=-5))])),
    st.sampled_from(["2024-01-01", "2024-01-01T00:00:00Z", "noon", "0", 0, 1.7e9, 10**20, float("inf"), b"2024"]),
)
# Values of no type a shape accepts.
WRONG = st.sampled_from([None, Unprintable(), object(), b"bytes", 1.5, "text", 7, True, ("t",), ["l"], {"k": 1}])


@functools.cache
def values(shape_name: str) -> st.SearchStrategy[Any]:
    """Values for a shape of the model: mostly of its type, sometimes not."""
    shape = BOTOCORE_MODEL.shape_for(shape_name)
    kind = shape.type_name
    if kind == "structure":
        members = shape.members
        required = set(shape.required_members)
        dicts = st.fixed_dictionaries(
            {k: st.deferred(lambda s=s: values(s.name)) for k, s in members.items() if k in required},
            optional={k: st.deferred(lambda s=s: values(s.name)) for k, s in members.items() if k not in required},
        )
        names = st.sampled_from(["Foo", "clusterIdentifier", *members][:8])
        unknown = st.dictionaries(names, PRINTABLE_TEXT, max_size=2)
        typed = st.one_of(dicts, st.builds(lambda d, u: {**d, **u}, dicts, unknown))
    elif kind == "list":
        items = st.lists(st.deferred(lambda: values(shape.member.name)), max_size=3)
        typed = st.one_of(items, items.map(tuple))
    elif kind == "map":
        typed = st.dictionaries(TEXT, st.deferred(lambda: values(shape.value.name)), max_size=2)
    else:
        typed = {"string": TEXT, "integer": INTEGERS, "long": INTEGERS, "double": DOUBLES, "float": DOUBLES,
                 "boolean": st.booleans(), "timestamp": TIMESTAMPS, "blob": st.binary(max_size=4)}[kind]
    return st.one_of(typed, typed, typed, WRONG)


def operation_inputs(operation: str) -> st.SearchStrategy[dict[str, Any]]:
    shape = BOTOCORE_MODEL.operation_model(operation).input_shape
    if shape is None:
        return st.just({})
    return values(shape.name).filter(lambda v: isinstance(v, dict) and all(isinstance(k, str) for k in v))


# --- 1. every operation: the two doors end a call the same way ---------------------------


def comparable(result: Any) -> Any:
    """A call's outcome, as two doors must agree on it."""
    if isinstance(result, BaseException):
        return type(result).__name__, str(result)
    result = dict(result)
    result.pop("ResponseMetadata", None)
    return result


def call(client: Any, method: str, params: dict[str, Any]) -> Any:
    try:
        return comparable(getattr(client, method)(**params))
    except Exception as e:  # the exception is the outcome compared
        return comparable(e)


class Twins:
    """Two equal worlds, one behind each door, with a cluster and a snapshot."""

    def __init__(self) -> None:
        self.worlds = [redshift_fake.FakeRedshift(), redshift_fake.FakeRedshift()]
        self.clients = [self.worlds[0].client(), self.worlds[1].botocore_client()]

    def fresh(self) -> None:
        for world in self.worlds:
            world.reset()
            world.clock.set(datetime.datetime(2030, 1, 1, tzinfo=UTC))
            client = world.client()
            client.create_cluster(
                ClusterIdentifier="c1", NodeType="dc2.large", MasterUsername="admin", MasterUserPassword="Secret123"
            )
            client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")


@pytest.fixture(scope="module")
def twins() -> Twins:
    return Twins()


@budget(600)
@given(data=st.data())
def test_every_operation_ends_the_same_way_through_both_doors(twins, data):
    operation = data.draw(st.sampled_from(sorted(BOTOCORE_MODEL.operation_names)), label="operation")
    params = data.draw(operation_inputs(operation), label="params")
    twins.fresh()
    ours, theirs = twins.clients
    # The in-process door itself, and a genuine botocore client on the XML door.
    outcomes = [call(ours, "_call", {"operation": operation, "params": params}),
                call(theirs, xform_name(operation), params)]
    assert outcomes[0] == outcomes[1]


# --- 2. the state machine ----------------------------------------------------------------

ACCOUNTS = ["123456789012", "210987654321"]
REGIONS = ["us-east-1", "eu-west-1"]
CLUSTERS = st.sampled_from(["c1", "c2", "C1"])
SNAPSHOTS = st.sampled_from(["s1", "s2", "S1", "rs:c1-2030-01-01-00-00-00"])
WHO = st.tuples(st.sampled_from(ACCOUNTS), st.sampled_from(REGIONS))
RETENTION = st.sampled_from([None, -1, 1, 7, 0, 3653])
TAG = {"Key": st.sampled_from(["k", "env", "aws:x", "k\x01"]), "Value": st.sampled_from(["v", "", "#"])}
TAGS = st.lists(st.fixed_dictionaries(TAG), max_size=2)
# Codes botocore does not retry, so both doors see an injected fault once.
INJECTED = st.sampled_from(["ClusterSnapshotNotFound", "InvalidClusterState", "AccessDenied", "ValidationError"])
# DescribeClusters is left out: every call starts with one, to let the clock act.
FAULTED = st.sampled_from(["DeleteClusterSnapshot", "CreateClusterSnapshot", "DescribeTags"])


def without_none(**params: Any) -> dict[str, Any]:
    return {k: v for k, v in params.items() if v is not None}


class TwoDoors(RuleBasedStateMachine):
    """Twin worlds, one driven through in-process clients, the other through
    genuine botocore clients on the XML door, kept equal call after call."""

    def __init__(self) -> None:
        super().__init__()
        self.worlds: list[redshift_fake.FakeRedshift] = []

    @initialize(creation=st.sampled_from([0.0, 60.0]), change=st.sampled_from([0.0, 90.0]))
    def start(self, creation: float, change: float) -> None:
        self.worlds = [
            redshift_fake.FakeRedshift(
                snapshot_creation_seconds=creation, cluster_creation_seconds=creation, manual_snapshot_quota=3,
                cluster_pausing_seconds=change, cluster_resuming_seconds=change, cluster_rebooting_seconds=change,
                cluster_modifying_seconds=change, cluster_resizing_seconds=change,
            )
            for _ in range(2)
        ]
        for world in self.worlds:
            world.clock.set(datetime.datetime(2030, 1, 1, tzinfo=UTC))

    def clients(self, who: tuple[str, str]) -> list[Any]:
        account, region = who
        ours, theirs = self.worlds
        return [ours.client(region, account_id=account), theirs.botocore_client(region, account_id=account)]

    def state(self) -> list[str]:
        """Each world as `save` writes it."""
        texts = []
        for world in self.worlds:
            path = os.path.join(tempfile.gettempdir(), f"redshift-fake-fuzz-{os.getpid()}-{id(world)}.json")
            world.save(path)
            with open(path, encoding="utf-8") as f:
                texts.append(f.read())
            os.remove(path)
        return texts

    def both(self, who: tuple[str, str], method: str, **params: Any) -> Any:
        """One call through each door: the same outcome, and nothing changed by a refusal."""
        clients = self.clients(who)
        # Let the clock's passage act first, so the state compared is the call's doing.
        for client in clients:
            call(client, "describe_clusters", {})
        before = self.state()
        ours, theirs = (call(client, method, params) for client in clients)
        assert ours == theirs, method
        if isinstance(ours, tuple):
            assert self.state() == before, f"refused {method} changed the world: {ours}"
        return ours

    @rule(who=WHO, cluster=CLUSTERS, nodes=st.sampled_from([None, 1, 2]), retention=RETENTION, tags=TAGS)
    def create_cluster(self, who, cluster, nodes, retention, tags):
        self.both(who, "create_cluster", **without_none(
            ClusterIdentifier=cluster, NodeType="dc2.large", MasterUsername="admin", MasterUserPassword="Secret123",
            NumberOfNodes=nodes, ManualSnapshotRetentionPeriod=retention, Tags=tags,
        ))

    @rule(who=WHO, cluster=CLUSTERS, final=st.sampled_from([None, "final", "s1"]))
    def delete_cluster(self, who, cluster, final):
        self.both(who, "delete_cluster", ClusterIdentifier=cluster,
                  **({"FinalClusterSnapshotIdentifier": final} if final else {"SkipFinalClusterSnapshot": True}))

    @rule(who=WHO, snapshot=SNAPSHOTS, cluster=CLUSTERS, retention=RETENTION, tags=TAGS)
    def create_cluster_snapshot(self, who, snapshot, cluster, retention, tags):
        self.both(who, "create_cluster_snapshot", **without_none(
            SnapshotIdentifier=snapshot, ClusterIdentifier=cluster, ManualSnapshotRetentionPeriod=retention, Tags=tags
        ))

    @rule(who=WHO, snapshot=SNAPSHOTS, cluster=st.one_of(st.none(), CLUSTERS))
    def delete_cluster_snapshot(self, who, snapshot, cluster):
        self.both(who, "delete_cluster_snapshot",
                  **without_none(SnapshotIdentifier=snapshot, SnapshotClusterIdentifier=cluster))

    @rule(who=WHO, snapshots=st.lists(SNAPSHOTS, max_size=3))
    def batch_delete(self, who, snapshots):
        self.both(who, "batch_delete_cluster_snapshots", Identifiers=[{"SnapshotIdentifier": s} for s in snapshots])

    @rule(who=WHO, snapshots=st.lists(SNAPSHOTS, max_size=3), retention=RETENTION, force=st.booleans())
    def batch_modify(self, who, snapshots, retention, force):
        self.both(who, "batch_modify_cluster_snapshots", **without_none(
            SnapshotIdentifierList=snapshots, ManualSnapshotRetentionPeriod=retention, Force=force
        ))

    @rule(who=WHO, snapshot=SNAPSHOTS, retention=RETENTION, force=st.booleans())
    def modify(self, who, snapshot, retention, force):
        self.both(who, "modify_cluster_snapshot", **without_none(
            SnapshotIdentifier=snapshot, ManualSnapshotRetentionPeriod=retention, Force=force
        ))

    @rule(who=WHO, snapshot=SNAPSHOTS, copy=SNAPSHOTS)
    def copy(self, who, snapshot, copy):
        self.both(who, "copy_cluster_snapshot", SourceSnapshotIdentifier=snapshot, TargetSnapshotIdentifier=copy)

    @rule(who=WHO, snapshot=SNAPSHOTS, account=st.sampled_from(ACCOUNTS + ["1"]), grant=st.booleans())
    def share(self, who, snapshot, account, grant):
        method = "authorize_snapshot_access" if grant else "revoke_snapshot_access"
        self.both(who, method, SnapshotIdentifier=snapshot, AccountWithRestoreAccess=account)

    @rule(who=WHO, cluster=CLUSTERS, snapshot=SNAPSHOTS, owner=st.sampled_from([None, *ACCOUNTS]))
    def restore(self, who, cluster, snapshot, owner):
        self.both(who, "restore_from_cluster_snapshot",
                  **without_none(ClusterIdentifier=cluster, SnapshotIdentifier=snapshot, OwnerAccount=owner))

    @rule(who=WHO, name=st.one_of(CLUSTERS, SNAPSHOTS), kind=st.sampled_from(["cluster", "snapshot"]), tags=TAGS,
          delete=st.booleans())
    def tag(self, who, name, kind, tags, delete):
        account, region = who
        arn = f"arn:aws:redshift:{region}:{account}:{kind}:{'c1/' if kind == 'snapshot' else ''}{name}"
        if delete:
            self.both(who, "delete_tags", ResourceName=arn, TagKeys=[t["Key"] for t in tags])
        else:
            self.both(who, "create_tags", ResourceName=arn, Tags=tags)

    @rule(who=WHO, max_records=st.sampled_from([None, 20, 19]), owner=st.sampled_from([None, *ACCOUNTS]),
          kind=st.sampled_from([None, "manual", "automated"]), keys=st.sampled_from([None, ["k"], ["env", "k"]]))
    def describe(self, who, max_records, owner, kind, keys):
        self.both(who, "describe_cluster_snapshots",
                  **without_none(MaxRecords=max_records, OwnerAccount=owner, SnapshotType=kind, TagKeys=keys))
        self.both(who, "describe_clusters", **without_none(MaxRecords=max_records, TagKeys=keys))
        self.both(who, "describe_tags", **without_none(MaxRecords=max_records, TagKeys=keys))

    @rule(who=WHO, cluster=CLUSTERS, action=st.sampled_from(["pause_cluster", "resume_cluster", "reboot_cluster",
                                                             "cancel_resize", "describe_resize"]))
    def lifecycle(self, who, cluster, action):
        self.both(who, action, ClusterIdentifier=cluster)

    @rule(who=WHO, cluster=CLUSTERS, nodes=st.sampled_from([1, 2, 3]), classic=st.booleans())
    def resize(self, who, cluster, nodes, classic):
        self.both(who, "resize_cluster", ClusterIdentifier=cluster, NumberOfNodes=nodes, Classic=classic)

    @rule(who=WHO, cluster=CLUSTERS, new=st.sampled_from([None, "c2", "c3"]),
          password=st.sampled_from([None, "Changed123", "weak"]), track=st.sampled_from([None, "trailing", "x"]),
          retention=st.sampled_from([None, 0, 2]))
    def modify_cluster(self, who, cluster, new, password, track, retention):
        self.both(who, "modify_cluster", **without_none(
            ClusterIdentifier=cluster, NewClusterIdentifier=new, MasterUserPassword=password,
            MaintenanceTrackName=track, AutomatedSnapshotRetentionPeriod=retention,
        ))

    @rule(who=WHO, cluster=CLUSTERS, role=st.sampled_from(["arn:aws:iam::123456789012:role/r", "bad"]),
          add=st.booleans())
    def iam_roles(self, who, cluster, role, add):
        self.both(who, "modify_cluster_iam_roles", ClusterIdentifier=cluster,
                  **({"AddIamRoles": [role]} if add else {"RemoveIamRoles": [role]}))

    @rule(who=WHO, cluster=CLUSTERS, user=st.sampled_from(["bob", "public"]))
    def credentials(self, who, cluster, user):
        self.both(who, "get_cluster_credentials", ClusterIdentifier=cluster, DbUser=user)
        self.both(who, "get_cluster_credentials_with_iam", ClusterIdentifier=cluster)

    @rule(seconds=st.sampled_from([1, 59, 61, 3600, 86_400, 8 * 86_400]))
    def advance(self, seconds):
        for world in self.worlds:
            world.clock.advance(seconds)

    @rule(who=WHO, snapshot=SNAPSHOTS, status=st.sampled_from([None, "available", "failed", "creating", "bogus"]))
    def force_status(self, who, snapshot, status):
        account, region = who
        outcomes = []
        for world in self.worlds:
            try:
                world.set_snapshot_status(snapshot, status, region_name=region, account_id=account)
                outcomes.append(None)
            except (LookupError, ValueError) as e:
                outcomes.append(comparable(e))
        assert outcomes[0] == outcomes[1]

    @rule(who=WHO, snapshot=SNAPSHOTS, cluster=CLUSTERS, days=st.sampled_from([0, 1, 30, 4000]),
          kind=st.sampled_from(["manual", "automated"]))
    def seed(self, who, snapshot, cluster, days, kind):
        account, region = who
        outcomes = []
        for world in self.worlds:
            when = world.clock.now() - datetime.timedelta(days=days)
            try:
                seeded = world.seed_snapshot(region_name=region, account_id=account, SnapshotIdentifier=snapshot,
                                             ClusterIdentifier=cluster, SnapshotType=kind, SnapshotCreateTime=when)
                outcomes.append(seeded)
            except (LookupError, ValueError) as e:
                outcomes.append(comparable(e))
        assert outcomes[0] == outcomes[1]

    @rule(operation=FAULTED, code=INJECTED)
    def inject(self, operation, code):
        for world in self.worlds:
            world.inject_error(operation, code)

    @rule()
    def save_and_load(self):
        """Each world, saved and loaded, is as it was, and runs on in its own
        place (injected faults are not saved: both twins lose theirs)."""
        before = self.state()
        path = os.path.join(tempfile.gettempdir(), f"redshift-fake-fuzz-{os.getpid()}.json")
        for i, world in enumerate(self.worlds):
            world.save(path)
            self.worlds[i] = type(world).load(path)
        os.remove(path)
        assert self.state() == before

    @invariant()
    def the_twins_are_equal(self):
        if self.worlds:
            ours, theirs = self.state()
            assert ours == theirs


def test_two_doors_state_machine():
    run_state_machine_as_test(TwoDoors, settings=budget(25, stateful_step_count=30))


# --- 3. the Query handler on random and malformed bodies ---------------------------------

# The status each error code is answered with: the model's, or AWS's common one.
STATUS = {shape.error_code: shape.metadata.get("error", {}).get("httpStatusCode", 400)
          for shape in BOTOCORE_MODEL.error_shapes}
STATUS.update(MissingAction=400, InvalidAction=400, MissingParameter=400, InvalidParameterValue=400,
              InvalidParameterCombination=400, MalformedQueryString=404, RequestEntityTooLarge=413)
OPERATIONS = sorted(BOTOCORE_MODEL.operation_names)
# Name parts: the wire names of the model, list item names and indexes, and junk.
PARTS = sorted(
    {m.serialization.get("name", n) for s in map(BOTOCORE_MODEL.shape_for, BOTOCORE_MODEL.shape_names)
     if s.type_name == "structure" for n, m in s.members.items()}
    | {"member", "entry", "key", "value", "1", "2", "0", "99999999999", "", "x", "Tag", "TagKey"}
)
ESCAPED = st.sampled_from(["%zz", "%4", "%ff", "%E0%80", "%00", "%01", "%EF%BF%BE", "+", "%2B", "&", "=", "%26"])
NAMES = st.lists(st.sampled_from(PARTS), min_size=1, max_size=6).map(".".join)
VALUES = st.one_of(st.text(max_size=8), st.sampled_from(IDENTIFIERS + ["true", "True", "1", "-1", "2030-01-01"]),
                   ESCAPED)


def encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


BODIES = st.one_of(
    st.binary(max_size=64),
    st.builds(
        lambda action, version, pairs: b"&".join(
            [b"Action=" + encode(action), b"Version=" + encode(version)]
            + [encode(k) + b"=" + encode(v) for k, v in pairs]
        ),
        st.one_of(st.sampled_from(OPERATIONS), VALUES),
        st.sampled_from(["2012-12-01", "2012-12-01", "", "2099-01-01"]),
        st.lists(st.tuples(st.one_of(NAMES, VALUES), VALUES), max_size=8),
    ),
)


@pytest.fixture(scope="module")
def world() -> redshift_fake.FakeRedshift:
    world = redshift_fake.FakeRedshift()
    world.clock.set(datetime.datetime(2030, 1, 1, tzinfo=UTC))
    return world


@budget(1500)
@given(body=BODIES)
def test_the_query_handler_always_answers_well_formed_xml(world, body):
    status, headers, content = world._world.handle_query(body, "123456789012", "us-east-1")
    root = ElementTree.fromstring(content)
    assert dict(headers)["Content-Length"] == str(len(content))
    if status == 200:
        assert root.tag.endswith("Response") and not root.tag.endswith("}ErrorResponse")
    else:
        code = root.findtext("*/{*}Code")
        assert code is not None and root.findtext("*/{*}Message") is not None
        assert status == STATUS.get(code, 400), code

