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
        ControlError::NoSuchSnapshot { .. } => PyLookupError::new_err(e.to_string()),
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

/// The calls logged from index `start` on, as tuples
/// `(operation_name, params, region_name, account_id, error_code)`.
#[pyfunction]
fn world_calls<'py>(
    py: Python<'py>,
    world: &Bound<'py, PyWorld>,
    start: usize,
) -> PyResult<Bound<'py, PyList>> {
    // Copied out first: converting to Python may run Python code (the
    // garbage collector), which must never happen under the world's lock.
    let calls: Vec<(String, Value, String, String, Option<String>)> = world
        .get()
        .engine()
        .controls
        .calls
        .iter_from(start)
        .map(|c| {
            (
                c.operation.to_owned(),
                c.params(),
                c.region.to_owned(),
                c.account.to_owned(),
                c.error_code.map(str::to_owned),
            )
        })
        .collect();
    let out = PyList::empty(py);
    for (operation, params, region, account, error_code) in calls {
        let shape = model().operation(&operation).and_then(|o| o.input);
        let item = PyTuple::new(
            py,
            [
                operation.into_pyobject(py)?.into_any(),
                params_to_py(py, &params, shape)?,
                region.into_pyobject(py)?.into_any(),
                account.into_pyobject(py)?.into_any(),
                error_code.into_pyobject(py)?.into_any(),
            ],
        )?;
        out.append(item)?;
    }
    Ok(out)
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
        _ => to_py::to_py(py, value),
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
    let ctx = Context {
        account,
        region,
        now: world.now(py)?,
    };
    let snapshot = world
        .engine()
        .seed_snapshot(&ctx, members, automated_retention_days)
        .map_err(control_error)?;
    to_py::to_py(py, &snapshot)
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
    let (loaded, account) = crate::engine::World::load_json(text).map_err(control_error)?;
    *world.get().engine() = loaded;
    Ok(account)
}

/// Adds the control functions to the native module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(world_inject_error, m)?)?;
    m.add_function(wrap_pyfunction!(world_calls, m)?)?;
    m.add_function(wrap_pyfunction!(world_set_snapshot_status, m)?)?;
    m.add_function(wrap_pyfunction!(world_seed_snapshot, m)?)?;
    m.add_function(wrap_pyfunction!(world_save_json, m)?)?;
    m.add_function(wrap_pyfunction!(world_load_json, m)?)?;
    Ok(())
}
