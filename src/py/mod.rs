//! The in-process door: Python keyword arguments in, dicts and botocore
//! exceptions out. It converts; the engine decides.

mod controls;
mod params;
pub mod to_py;

use std::cell::RefCell;
use std::sync::{Mutex, MutexGuard};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyString};

use crate::engine::principal::client_principal;
use crate::engine::{Context, Settings, World};
use crate::errors::RedshiftError;
use crate::model::service::{model, ServiceModel, ShapeId, ShapeKind, SERVICE_JSON};
use crate::model::Timestamp;
use crate::ops;
use crate::validate::{botocore_report, validate, Rejected};
use params::PyParam;

/// One simulated AWS world, shared by every client made from it.
#[pyclass(frozen, name = "World", module = "redshift_fake._core")]
pub struct PyWorld {
    inner: Mutex<World>,
}

impl PyWorld {
    /// The engine, locked. The lock is never held while Python code runs.
    fn engine(&self) -> MutexGuard<'_, World> {
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The clock's reading for a call: the fixed time, or the system clock as
    /// Python reads it (so freezegun and time-machine move it).
    fn now(&self, py: Python<'_>) -> PyResult<Timestamp> {
        let fixed = self.engine().clock.fixed;
        match fixed {
            Some(t) => Ok(t),
            None => system_now(py),
        }
    }
}

/// A clock reading a test asks for, at AWS's precision (the millisecond),
/// or `ValueError` when it is beyond what a door can render: Python's
/// `datetime` range. `None`: not even a 64-bit count of microseconds.
fn clock_reading(how: &str, micros: Option<i64>) -> PyResult<Timestamp> {
    match micros.map(|m| Timestamp(m).to_millis()) {
        Some(t) if (Timestamp::MIN..=Timestamp::MAX).contains(&t) => Ok(t),
        _ => Err(PyValueError::new_err(format!(
            "the clock cannot be {how} beyond {} or before {}, the range of Python's datetime",
            Timestamp::MAX.iso8601(),
            Timestamp::MIN.iso8601(),
        ))),
    }
}

/// `time.time()`, looked up on each call because freezegun replaces it.
/// Read to the millisecond, the precision of AWS's timestamps, so the
/// in-process and XML doors answer the same instants.
fn system_now(py: Python<'_>) -> PyResult<Timestamp> {
    static TIME: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
    let module = TIME.get_or_try_init(py, || Ok::<_, PyErr>(py.import("time")?.unbind()))?;
    let seconds: f64 = module
        .bind(py)
        .getattr(pyo3::intern!(py, "time"))?
        .call0()?
        .extract()?;
    Ok(Timestamp((seconds * 1e3).floor() as i64 * 1000))
}

#[pymethods]
impl PyWorld {
    /// A new world with the settings `settings` (JSON, the keyword arguments
    /// of `FakeRedshift`), recording its calls unless `record_calls` is false.
    #[new]
    #[pyo3(signature = (settings = "{}", record_calls = true))]
    fn new(settings: &str, record_calls: bool) -> PyResult<Self> {
        let settings: Settings =
            serde_json::from_str(settings).map_err(|e| PyValueError::new_err(e.to_string()))?;
        settings.check().map_err(PyValueError::new_err)?;
        let mut world = World::new(settings);
        world.controls.calls = crate::engine::controls::CallLog::new(record_calls);
        Ok(PyWorld {
            inner: Mutex::new(world),
        })
    }

    /// Empties the world: every account, region, cluster and snapshot.
    fn reset(&self) {
        self.engine().reset();
    }

    /// The clock's reading, as a UTC datetime.
    fn clock_now<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py::datetime(py, self.now(py)?)
    }

    /// Lets the clock's passage act now, as the next call would.
    fn tick(&self, py: Python<'_>) -> PyResult<()> {
        let now = self.now(py)?;
        self.engine().tick(now);
        Ok(())
    }

    /// Whether a test has taken the clock over (it no longer follows the system clock).
    fn clock_is_fixed(&self) -> bool {
        self.engine().clock.fixed.is_some()
    }

    /// Stops the clock at `micros` since the epoch (UTC), to the millisecond.
    fn clock_set(&self, micros: &Bound<'_, PyAny>) -> PyResult<()> {
        let at = clock_reading("set", micros.extract::<i64>().ok())?;
        self.engine().clock.fixed = Some(at);
        Ok(())
    }

    /// Moves the clock `micros` forward from its reading, and stops it there.
    fn clock_advance(&self, py: Python<'_>, micros: &Bound<'_, PyAny>) -> PyResult<()> {
        let step = micros.extract::<i64>().ok();
        if step.is_some_and(|m| m < 0) {
            return Err(PyValueError::new_err("the clock only moves forward"));
        }
        let now = self.now(py)?;
        let at = clock_reading("advanced", step.and_then(|m| now.0.checked_add(m)))?;
        self.engine().clock.fixed = Some(at);
        Ok(())
    }

    /// Answers a Query-protocol request body (form-encoded) as `account` in
    /// `region`, acting as `principal` (default: the account's default
    /// principal): `(status, headers, XML body)`. A body beyond
    /// `MAX_REQUEST_BYTES` is refused unread. The request is decoded, run
    /// and written without holding the GIL (the engine's lock is taken only
    /// to run it, and no Python runs meanwhile).
    #[pyo3(signature = (body, account, region, principal = None))]
    fn handle_query<'py>(
        &self,
        py: Python<'py>,
        body: &[u8],
        account: &str,
        region: &str,
        principal: Option<&str>,
    ) -> PyResult<(u16, crate::wire::Headers, Bound<'py, PyBytes>)> {
        let principal =
            client_principal(account, region, principal).map_err(PyValueError::new_err)?;
        let now = self.now(py)?;
        let reply = py.detach(|| {
            crate::wire::handle(body, account, region, &principal, now, |ctx, op, input| {
                ops::invoke(&mut self.engine(), ctx, op, input)
            })
        });
        Ok((reply.status, reply.headers, PyBytes::new(py, &reply.body)))
    }
}

/// A service model other than the embedded one: that of the botocore the
/// user has installed, when it differs.
#[pyclass(frozen, name = "ServiceModel", module = "redshift_fake._core")]
pub struct PyServiceModel {
    model: ServiceModel,
}

#[pymethods]
impl PyServiceModel {
    /// Compiles a model from its JSON text (botocore's `service-2.json`).
    #[new]
    fn new(json: &str) -> PyResult<Self> {
        let model = ServiceModel::compile(json).map_err(PyValueError::new_err)?;
        Ok(PyServiceModel { model })
    }
}

/// A client's way into a world: its account, region and principal, the
/// exception classes it raises, and the model of the user's botocore when it
/// is not the embedded one.
#[pyclass(frozen, name = "Door", module = "redshift_fake._core")]
pub struct Door {
    world: Py<PyWorld>,
    account: String,
    region: String,
    principal: String,
    /// Error code -> exception class, as botocore's error factory builds them.
    exceptions: Py<PyDict>,
    /// `botocore.exceptions.ClientError`, for codes the model does not know.
    client_error: Py<PyAny>,
    /// The installed botocore's model, when it differs from the embedded one:
    /// calls are validated against it and answers keep only its members.
    client_model: Option<Py<PyServiceModel>>,
}

#[pymethods]
impl Door {
    /// A door for `account` in `region`, acting as `principal` (checked:
    /// a user, role or assumed-role ARN of that account; default: the
    /// account's default principal), or `ValueError`.
    #[new]
    #[pyo3(signature = (world, account, region, exceptions, client_error, client_model = None, principal = None))]
    fn new(
        world: Py<PyWorld>,
        account: String,
        region: String,
        exceptions: Py<PyDict>,
        client_error: Py<PyAny>,
        client_model: Option<Py<PyServiceModel>>,
        principal: Option<&str>,
    ) -> PyResult<Self> {
        let principal =
            client_principal(&account, &region, principal).map_err(PyValueError::new_err)?;
        Ok(Door {
            world,
            account,
            region,
            principal,
            exceptions,
            client_error,
            client_model,
        })
    }

    /// Runs one operation with keyword arguments, as boto3 would send them:
    /// validated as the installed botocore validates them, read as boto3
    /// would send them, answered with what that botocore's parser would keep.
    fn call<'py>(
        &self,
        py: Python<'py>,
        operation: &str,
        params: Bound<'py, PyDict>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let client_model = self.client_model.as_ref().map(|m| &m.get().model);
        let world = self.world.get();
        let input = match validate(
            client_model.unwrap_or(model()),
            operation,
            &PyParam(params.into_any()),
        ) {
            Ok(input) => input,
            Err(Rejected::Invalid(problems)) => {
                return Err(param_validation_error(py, &botocore_report(&problems)))
            }
            Err(Rejected::Raised(e)) => return Err(e),
            Err(Rejected::Refused(error)) => {
                return Err(self.client_error(py, operation, &error, world.now(py)?))
            }
        };
        let now = world.now(py)?;
        let ctx = Context {
            account: &self.account,
            region: &self.region,
            principal: &self.principal,
            now,
        };
        let result = ops::invoke(&mut world.engine(), &ctx, operation, input);
        match result {
            Ok(output) => {
                let response = to_py::ToPython::to_python(&output, py)?;
                if let Some(m) = client_model {
                    if let Some(shape) = m.operation(operation).and_then(|o| o.output) {
                        keep_known_members(&response, m, shape)?;
                    }
                }
                let response = response.cast_into::<PyDict>()?;
                response.set_item(
                    pyo3::intern!(py, "ResponseMetadata"),
                    response_metadata(py, now, 200)?,
                )?;
                Ok(response.into_any())
            }
            Err(error) => Err(self.client_error(py, operation, &error, now)),
        }
    }
}

impl Door {
    /// The botocore exception for a service error: the model's class for its
    /// code, with the response dict botocore's parser would have built.
    fn client_error(
        &self,
        py: Python<'_>,
        operation: &str,
        error: &RedshiftError,
        now: Timestamp,
    ) -> PyErr {
        let build = || -> PyResult<PyErr> {
            let detail = PyDict::new(py);
            detail.set_item("Type", error.fault_type())?;
            detail.set_item("Code", error.code())?;
            detail.set_item("Message", error.to_string())?;
            let response = PyDict::new(py);
            response.set_item("Error", detail)?;
            response.set_item(
                "ResponseMetadata",
                response_metadata(py, now, error.status())?,
            )?;
            let class = match self.exceptions.bind(py).get_item(error.code())? {
                Some(class) => class,
                None => self.client_error.bind(py).clone(),
            };
            Ok(PyErr::from_value(class.call1((response, operation))?))
        };
        build().unwrap_or_else(|e| e)
    }
}

/// Drops from an answer the members `shape` of `model` does not have, as
/// that botocore's parser would never have read them.
fn keep_known_members(
    value: &Bound<'_, PyAny>,
    model: &ServiceModel,
    shape: ShapeId,
) -> PyResult<()> {
    match &model.shapes[shape].kind {
        ShapeKind::Structure { members, .. } => {
            let Ok(dict) = value.cast::<PyDict>() else {
                return Ok(());
            };
            for (key, child) in dict.iter().collect::<Vec<_>>() {
                let name = key.cast::<PyString>()?.to_cow()?;
                match members.iter().find(|m| m.name == name) {
                    Some(member) => keep_known_members(&child, model, member.shape)?,
                    None => dict.del_item(&key)?,
                }
            }
        }
        ShapeKind::List { member, .. } => {
            for item in value.try_iter()? {
                keep_known_members(&item?, model, *member)?;
            }
        }
        ShapeKind::Map { value: shape, .. } => {
            if let Ok(dict) = value.cast::<PyDict>() {
                for (_, child) in dict.iter() {
                    keep_known_members(&child, model, *shape)?;
                }
            }
        }
        _ => {}
    }
    Ok(())
}

/// `botocore.exceptions.ParamValidationError` with botocore's report.
fn param_validation_error(py: Python<'_>, report: &str) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let class = py
            .import("botocore.exceptions")?
            .getattr("ParamValidationError")?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("report", report)?;
        Ok(PyErr::from_value(class.call((), Some(&kwargs))?))
    };
    build().unwrap_or_else(|e| e)
}

thread_local! {
    /// The last `date` header made, with its second: every call of the same
    /// second shares it rather than formatting it anew.
    static DATE_HEADER: RefCell<Option<(i64, Py<PyString>)>> = const { RefCell::new(None) };
}

/// The HTTP `date` header AWS sends, for the second of `now`.
fn date_header(py: Python<'_>, now: Timestamp) -> Bound<'_, PyString> {
    let second = now.0.div_euclid(1_000_000);
    DATE_HEADER.with(|cache| {
        let mut cache = cache.borrow_mut();
        match &*cache {
            Some((s, text)) if *s == second => text.bind(py).clone(),
            _ => {
                let text = PyString::new(
                    py,
                    &now.datetime()
                        .format("%a, %d %b %Y %H:%M:%S GMT")
                        .to_string(),
                );
                *cache = Some((second, text.clone().unbind()));
                text
            }
        }
    })
}

/// `ResponseMetadata` as botocore reports it for a Query-protocol answer.
fn response_metadata<'py>(
    py: Python<'py>,
    now: Timestamp,
    status: u16,
) -> PyResult<Bound<'py, PyDict>> {
    let id = PyString::new(py, &ops::request_id());
    let headers = to_py::presized_dict(py, 3)?;
    headers.set_item(pyo3::intern!(py, "x-amzn-requestid"), &id)?;
    headers.set_item(
        pyo3::intern!(py, "content-type"),
        pyo3::intern!(py, "text/xml"),
    )?;
    headers.set_item(pyo3::intern!(py, "date"), date_header(py, now))?;
    let metadata = to_py::presized_dict(py, 4)?;
    metadata.set_item(pyo3::intern!(py, "RequestId"), &id)?;
    metadata.set_item(pyo3::intern!(py, "HTTPStatusCode"), status)?;
    metadata.set_item(pyo3::intern!(py, "HTTPHeaders"), headers)?;
    metadata.set_item(pyo3::intern!(py, "RetryAttempts"), 0)?;
    Ok(metadata)
}

/// The principal a client of `account` in `region` acts as: `principal`,
/// checked (a user, role or assumed-role ARN of that account, in the
/// region's partition), or the account's default one; `ValueError` otherwise.
#[pyfunction]
#[pyo3(signature = (account, region, principal = None))]
fn check_principal(account: &str, region: &str, principal: Option<&str>) -> PyResult<String> {
    client_principal(account, region, principal).map_err(PyValueError::new_err)
}

/// The AWS partition of a region and the DNS suffix of its hosts
/// (`("aws", "amazonaws.com")`, `("aws-cn", "amazonaws.com.cn")`, ...).
#[pyfunction]
fn partition(region: &str) -> (&'static str, &'static str) {
    crate::engine::resources::partition(region)
}

/// The native module, `redshift_fake._core`.
#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyWorld>()?;
    m.add_class::<Door>()?;
    m.add_class::<PyServiceModel>()?;
    m.add_function(wrap_pyfunction!(partition, m)?)?;
    m.add_function(wrap_pyfunction!(check_principal, m)?)?;
    m.add("SERVICE_MODEL_JSON", SERVICE_JSON)?;
    m.add("OPERATIONS", ops::OPERATIONS.to_vec())?;
    m.add("MAX_REQUEST_BYTES", crate::wire::MAX_REQUEST_BYTES)?;
    controls::register(m)?;
    Ok(())
}
