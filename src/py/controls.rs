//! The test-author controls as functions of the native module: they convert
//! between Python and the engine's control methods, and decide nothing.

use pyo3::exceptions::{PyLookupError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};
use serde_json::Value;

use super::params::PyParam;
use super::{to_py, PyWorld};
use crate::engine::Context;
use crate::errors::ControlError;
use crate::model::service::{model, ShapeId, ShapeKind};
use crate::model::Timestamp;
use crate::validate::{botocore_report, validate_shape, Rejected};

/// A refused control as a Python exception.
fn control_error(e: ControlError) -> PyErr {
    match e {
        ControlError::NoSuchSnapshot { .. }
        | ControlError::NoSuchPolicy { .. }
        | ControlError::NoSuchCluster { .. } => PyLookupError::new_err(e.to_string()),
        _ => PyValueError::new_err(e.to_string()),
    }
}

/// Makes the next `count` calls of `operation` fail with `code`.
#[pyfunction]
#[pyo3(signature = (world, operation, code, message, count))]
fn world_inject_error(
    world: &Bound<'_, PyWorld>,
    operation: &str,
    code: &str,
    message: Option<&str>,
    count: i64,
) -> PyResult<()> {
    world
        .get()
        .engine()
        .inject_error(operation, code, message, count)
        .map_err(control_error)
}

/// How many calls the log holds.
#[pyfunction]
fn world_call_count(world: &Bound<'_, PyWorld>) -> usize {
    world.get().engine().controls.calls.len()
}

/// The logged call at `index` (from 0) as a tuple
/// `(operation_name, params, region_name, account_id, error_code, denial)`,
/// the denial as `(action, resource, reason)` or `None`.
#[pyfunction]
fn world_call<'py>(
    py: Python<'py>,
    world: &Bound<'py, PyWorld>,
    index: usize,
) -> PyResult<Bound<'py, PyTuple>> {
    // Copied out first: converting to Python may run Python code (the
    // garbage collector), which must never happen under the world's lock.
    let call = world.get().engine().controls.calls.get(index).map(|c| {
        (
            c.operation,
            c.params(),
            c.region.to_owned(),
            c.account.to_owned(),
            c.error_code.map(str::to_owned),
            c.denial
                .map(|d| (d.action.clone(), d.resource.clone(), d.reason.clone())),
        )
    });
    let Some((operation, params, region, account, error_code, denial)) = call else {
        return Err(pyo3::exceptions::PyIndexError::new_err(
            "call index out of range",
        ));
    };
    let shape = model().operation(operation).and_then(|o| o.input);
    PyTuple::new(
        py,
        [
            operation.into_pyobject(py)?.into_any(),
            params_to_py(py, &params, shape)?,
            region.into_pyobject(py)?.into_any(),
            account.into_pyobject(py)?.into_any(),
            error_code.into_pyobject(py)?.into_any(),
            denial.into_pyobject(py)?.into_any(),
        ],
    )
}

/// Attaches (or replaces) an inline policy of an IAM user or role; the
/// document is JSON text.
#[pyfunction]
fn world_put_identity_policy(
    world: &Bound<'_, PyWorld>,
    principal: &str,
    policy_name: &str,
    document: &str,
) -> PyResult<()> {
    world
        .get()
        .engine()
        .put_identity_policy(principal, policy_name, document)
        .map_err(control_error)
}

/// Removes an inline policy of an IAM user or role.
#[pyfunction]
fn world_delete_identity_policy(
    world: &Bound<'_, PyWorld>,
    principal: &str,
    policy_name: &str,
) -> PyResult<()> {
    world
        .get()
        .engine()
        .delete_identity_policy(principal, policy_name)
        .map_err(control_error)
}

/// Forgets the logged calls; the world stays as it is.
#[pyfunction]
fn world_clear_calls(world: &Bound<'_, PyWorld>) {
    world.get().engine().controls.calls.clear();
}

/// Whether the world records its calls.
#[pyfunction]
fn world_records_calls(world: &Bound<'_, PyWorld>) -> bool {
    world.get().engine().controls.calls.is_recording()
}

/// Validated parameters as Python values, timestamps as UTC datetimes (the
/// shape tells which numbers are timestamps).
fn params_to_py<'py>(
    py: Python<'py>,
    value: &Value,
    shape: Option<ShapeId>,
) -> PyResult<Bound<'py, PyAny>> {
    let kind = shape.map(|id| &model().shapes[id].kind);
    match (value, kind) {
        (Value::Number(n), Some(ShapeKind::Timestamp)) => {
            to_py::datetime(py, Timestamp(n.as_i64().unwrap_or_default()))
        }
        (Value::Object(map), _) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                let child = match kind {
                    Some(ShapeKind::Structure { members, .. }) => {
                        members.iter().find(|m| &m.name == k).map(|m| m.shape)
                    }
                    Some(ShapeKind::Map { value, .. }) => Some(*value),
                    _ => None,
                };
                dict.set_item(k, params_to_py(py, v, child)?)?;
            }
            Ok(dict.into_any())
        }
        (Value::Array(items), _) => {
            let member = match kind {
                Some(ShapeKind::List { member, .. }) => Some(*member),
                _ => None,
            };
            let list = PyList::empty(py);
            for item in items {
                list.append(params_to_py(py, item, member)?)?;
            }
            Ok(list.into_any())
        }
        _ => to_py::ToPython::to_python(value, py),
    }
}

/// Forces (or, with `None`, releases) a snapshot's status.
#[pyfunction]
#[pyo3(signature = (world, region, account, snapshot_identifier, status))]
fn world_set_snapshot_status(
    world: &Bound<'_, PyWorld>,
    region: &str,
    account: &str,
    snapshot_identifier: &str,
    status: Option<&str>,
) -> PyResult<()> {
    world
        .get()
        .engine()
        .set_snapshot_status(region, account, snapshot_identifier, status)
        .map_err(control_error)
}

/// Seeds a snapshot from a dict of `Snapshot` members; returns it as
/// DescribeClusterSnapshots shows it.
#[pyfunction]
#[pyo3(signature = (world, region, account, members, automated_retention_days))]
fn world_seed_snapshot<'py>(
    py: Python<'py>,
    world: &Bound<'py, PyWorld>,
    region: &str,
    account: &str,
    members: Bound<'py, PyDict>,
    automated_retention_days: Option<i64>,
) -> PyResult<Bound<'py, PyAny>> {
    let members = match validate_shape("Snapshot", &PyParam(members.into_any())) {
        Some(Ok(members)) => members,
        Some(Err(Rejected::Invalid(problems))) => {
            return Err(control_error(ControlError::InvalidSeed(botocore_report(
                &problems,
            ))))
        }
        Some(Err(Rejected::Refused(e))) => {
            return Err(control_error(ControlError::InvalidSeed(e.to_string())))
        }
        Some(Err(Rejected::Raised(e))) => return Err(e),
        None => return Err(control_error(ControlError::NoShape("Snapshot"))),
    };
    let world = world.get();
    let principal = crate::engine::principal::default_principal(account, region);
    let ctx = Context {
        account,
        region,
        principal: &principal,
        now: world.now(py)?,
    };
    let snapshot = world
        .engine()
        .seed_snapshot(&ctx, members, automated_retention_days)
        .map_err(control_error)?;
    to_py::ToPython::to_python(&snapshot, py)
}

/// Declares the `(database, schema, table)` triples a snapshot holds.
#[pyfunction]
#[pyo3(signature = (world, region, account, snapshot_identifier, tables))]
fn world_add_snapshot_tables(
    world: &Bound<'_, PyWorld>,
    region: &str,
    account: &str,
    snapshot_identifier: &str,
    tables: Vec<(String, String, String)>,
) -> PyResult<()> {
    world
        .get()
        .engine()
        .add_snapshot_tables(region, account, snapshot_identifier, tables)
        .map_err(control_error)
}

/// Declares an S3 bucket.
#[pyfunction]
fn world_add_bucket(
    world: &Bound<'_, PyWorld>,
    name: &str,
    region: &str,
    redshift_can_write: bool,
) -> PyResult<()> {
    world
        .get()
        .engine()
        .add_bucket(name, region, redshift_can_write)
        .map_err(control_error)
}

/// Declares an SNS topic.
#[pyfunction]
fn world_add_sns_topic(world: &Bound<'_, PyWorld>, arn: &str) -> PyResult<()> {
    world
        .get()
        .engine()
        .add_sns_topic(arn)
        .map_err(control_error)
}

/// Declares a KMS key.
#[pyfunction]
fn world_add_kms_key(world: &Bound<'_, PyWorld>, arn: &str) -> PyResult<()> {
    world.get().engine().add_kms_key(arn).map_err(control_error)
}

/// Declares a VPC of `account` in `region` with its subnets (id -> zone).
#[pyfunction]
fn world_add_vpc(
    world: &Bound<'_, PyWorld>,
    region: &str,
    account: &str,
    vpc_id: &str,
    subnets: Vec<(String, String)>,
) -> PyResult<()> {
    world
        .get()
        .engine()
        .add_vpc(region, account, vpc_id, subnets)
        .map_err(control_error)
}

/// Creates a data share of a cluster, granted to `consumers`, as SQL does;
/// returns its ARN.
#[pyfunction]
#[pyo3(signature = (world, region, account, cluster, name, consumers, publicly_accessible))]
fn world_create_data_share(
    world: &Bound<'_, PyWorld>,
    region: &str,
    account: &str,
    cluster: &str,
    name: &str,
    consumers: Vec<String>,
    publicly_accessible: bool,
) -> PyResult<String> {
    let now = world.get().now(world.py())?;
    let world = world.get();
    let ctx = Context {
        account,
        region,
        now,
        principal: crate::engine::principal::SERVICE,
    };
    world
        .engine()
        .create_data_share(&ctx, cluster, name, &consumers, publicly_accessible)
        .map_err(control_error)
}

/// The whole world as JSON text, with the default account of its clients.
#[pyfunction]
fn world_save_json(world: &Bound<'_, PyWorld>, account_id: &str) -> PyResult<String> {
    world
        .get()
        .engine()
        .save_json(account_id)
        .map_err(control_error)
}

/// Replaces the world by one saved as JSON; returns the saved default account.
#[pyfunction]
fn world_load_json(world: &Bound<'_, PyWorld>, text: &str) -> PyResult<String> {
    let (mut loaded, account) = crate::engine::World::load_json(text).map_err(control_error)?;
    let mut engine = world.get().engine();
    loaded.controls.calls =
        crate::engine::controls::CallLog::new(engine.controls.calls.is_recording());
    *engine = loaded;
    Ok(account)
}

/// Adds the control functions to the native module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(world_inject_error, m)?)?;
    m.add_function(wrap_pyfunction!(world_call_count, m)?)?;
    m.add_function(wrap_pyfunction!(world_call, m)?)?;
    m.add_function(wrap_pyfunction!(world_put_identity_policy, m)?)?;
    m.add_function(wrap_pyfunction!(world_delete_identity_policy, m)?)?;
    m.add_function(wrap_pyfunction!(world_clear_calls, m)?)?;
    m.add_function(wrap_pyfunction!(world_records_calls, m)?)?;
    m.add_function(wrap_pyfunction!(world_set_snapshot_status, m)?)?;
    m.add_function(wrap_pyfunction!(world_seed_snapshot, m)?)?;
    m.add_function(wrap_pyfunction!(world_add_snapshot_tables, m)?)?;
    m.add_function(wrap_pyfunction!(world_add_bucket, m)?)?;
    m.add_function(wrap_pyfunction!(world_add_sns_topic, m)?)?;
    m.add_function(wrap_pyfunction!(world_add_kms_key, m)?)?;
    m.add_function(wrap_pyfunction!(world_add_vpc, m)?)?;
    m.add_function(wrap_pyfunction!(world_create_data_share, m)?)?;
    m.add_function(wrap_pyfunction!(world_save_json, m)?)?;
    m.add_function(wrap_pyfunction!(world_load_json, m)?)?;
    Ok(())
}
