//! Python values as the validator sees them, with botocore's notion of each
//! type (`bool` counts as `int`; `Decimal` and `int` count as `float`;
//! timestamps are whatever `botocore.utils.parse_to_aware_datetime` accepts).

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};

use crate::validate::Param;

/// A parameter value handed in from Python.
pub struct PyParam<'py>(pub Bound<'py, PyAny>);

fn cached<'py>(
    py: Python<'py>,
    cell: &'static PyOnceLock<Py<PyAny>>,
    module: &str,
    name: &str,
) -> PyResult<Bound<'py, PyAny>> {
    cell.get_or_try_init(py, || {
        Ok::<_, PyErr>(py.import(module)?.getattr(name)?.unbind())
    })
    .map(|v| v.bind(py).clone())
}

impl PyParam<'_> {
    fn is_decimal(&self) -> bool {
        static DECIMAL: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
        cached(self.0.py(), &DECIMAL, "decimal", "Decimal")
            .is_ok_and(|d| self.0.is_instance(&d).unwrap_or(false))
    }

    fn micros_since_epoch(&self) -> PyResult<i64> {
        static PARSE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
        static EPOCH: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
        let py = self.0.py();
        let parsed =
            cached(py, &PARSE, "botocore.utils", "parse_to_aware_datetime")?.call1((&self.0,))?;
        let epoch = EPOCH.get_or_try_init(py, || {
            let datetime = py.import("datetime")?;
            let utc = datetime.getattr("timezone")?.getattr("utc")?;
            Ok::<_, PyErr>(
                datetime
                    .getattr("datetime")?
                    .call1((1970, 1, 1, 0, 0, 0, 0, utc))?
                    .unbind(),
            )
        })?;
        let delta = parsed.call_method1("__sub__", (epoch.bind(py),))?;
        let days: i64 = delta.getattr("days")?.extract()?;
        let seconds: i64 = delta.getattr("seconds")?.extract()?;
        let micros: i64 = delta.getattr("microseconds")?.extract()?;
        Ok(days * 86_400_000_000 + seconds * 1_000_000 + micros)
    }
}

impl<'py> Param for PyParam<'py> {
    fn entries(&self) -> Option<Vec<(String, bool, Self)>> {
        let dict = self.0.cast::<PyDict>().ok()?;
        Some(
            dict.iter()
                .map(|(k, v)| match k.cast::<PyString>() {
                    Ok(s) => (s.to_string(), true, PyParam(v)),
                    Err(_) => (
                        k.str().map(|s| s.to_string()).unwrap_or_default(),
                        false,
                        PyParam(v),
                    ),
                })
                .collect(),
        )
    }

    fn pairs(&self) -> Option<Vec<(Self, Self)>> {
        let dict = self.0.cast::<PyDict>().ok()?;
        Some(dict.iter().map(|(k, v)| (PyParam(k), PyParam(v))).collect())
    }

    fn items(&self) -> Option<Vec<Self>> {
        if let Ok(list) = self.0.cast::<PyList>() {
            return Some(list.iter().map(PyParam).collect());
        }
        let tuple = self.0.cast::<PyTuple>().ok()?;
        Some(tuple.iter().map(PyParam).collect())
    }

    fn string(&self) -> Option<String> {
        self.0.cast::<PyString>().ok().map(|s| s.to_string())
    }

    fn integer(&self) -> Option<i64> {
        if !self.0.is_instance_of::<PyInt>() {
            return None;
        }
        // An int beyond 64 bits is still an int to botocore; the engine's
        // range checks then refuse it.
        Some(self.0.extract::<i64>().unwrap_or_else(|_| {
            if self.0.gt(0).unwrap_or(false) {
                i64::MAX
            } else {
                i64::MIN
            }
        }))
    }

    fn double(&self) -> Option<f64> {
        if self.0.is_instance_of::<PyFloat>()
            || self.0.is_instance_of::<PyInt>()
            || self.is_decimal()
        {
            self.0.extract::<f64>().ok()
        } else {
            None
        }
    }

    fn boolean(&self) -> Option<bool> {
        self.0.cast::<PyBool>().ok().map(|b| b.is_true())
    }

    fn timestamp(&self) -> Option<i64> {
        self.micros_since_epoch().ok()
    }

    fn describe(&self) -> (String, String) {
        // botocore writes both into an f-string, so `format()` decides the
        // text, not `str()` (they differ for e.g. an IntEnum before 3.11).
        static FORMAT: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
        let py = self.0.py();
        let text = |o: &Bound<'_, PyAny>| {
            cached(py, &FORMAT, "builtins", "format")
                .and_then(|f| f.call1((o,)))
                .and_then(|s| s.str())
                .map(|s| s.to_string())
                .unwrap_or_default()
        };
        (text(&self.0), text(self.0.get_type().as_any()))
    }
}
