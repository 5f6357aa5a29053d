//! Python values as the validator sees them: of the types botocore's
//! `ParamValidator` accepts (`bool` counts as `int`; `Decimal` and `int` count
//! as `float`; timestamps are whatever `botocore.utils.parse_to_aware_datetime`
//! accepts), and read as the text boto3's Query serializer would send, so the
//! engine sees what AWS would receive. Exceptions botocore would raise are
//! raised as they are.

use pyo3::exceptions::{PyAttributeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};

use crate::model::service::ShapeKind;
use crate::validate::{Param, Read, Reading};
use crate::wire::form::parse_timestamp;

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

    /// The text boto3's Query serializer sends for the value as a scalar of
    /// botocore type `type_name`, read back by `parse` as the service reads
    /// it; an exception of the serializer makes the value unsendable.
    fn sent<T>(&self, type_name: &str, parse: impl FnOnce(&str) -> Option<T>) -> Read<T, PyErr> {
        static SENT_TEXT: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
        let text = cached(self.0.py(), &SENT_TEXT, "redshift_fake._sent", "sent_text")
            .and_then(|f| f.call1((&self.0, type_name)))
            .and_then(|t| t.extract::<String>());
        match text {
            Ok(text) => match parse(&text) {
                Some(v) => Read::Value(v),
                None => Read::Unreadable(text),
            },
            Err(e) => Read::Unsendable(None, e),
        }
    }
}

/// A string with each lone surrogate as U+FFFD, one character for each of
/// Python's code points.
fn one_char_per_code_point(s: &Bound<'_, PyString>) -> String {
    let units: Vec<u16> = s
        .call_method1("encode", ("utf-16-le", "surrogatepass"))
        .and_then(|b| b.extract::<Vec<u8>>())
        .unwrap_or_default()
        .chunks_exact(2)
        .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
        .collect();
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

impl<'py> Param for PyParam<'py> {
    type Error = PyErr;

    fn entries(&self, _: &ShapeKind) -> Option<Vec<(String, bool, Self)>> {
        let dict = self.0.cast::<PyDict>().ok()?;
        Some(
            dict.iter()
                .map(|(k, v)| match k.cast::<PyString>() {
                    // The string's own text, as `key in members` compares it
                    // (not `str()`, which a str-Enum overrides).
                    Ok(s) => (s.to_string_lossy().into_owned(), true, PyParam(v)),
                    Err(_) => {
                        let text = PyParam(k).describe().map(|(t, _)| t);
                        (text.unwrap_or_default(), false, PyParam(v))
                    }
                })
                .collect(),
        )
    }

    fn pairs(&self) -> Option<Vec<(Self, Self)>> {
        let dict = self.0.cast::<PyDict>().ok()?;
        Some(dict.iter().map(|(k, v)| (PyParam(k), PyParam(v))).collect())
    }

    fn items(&self, _: &ShapeKind) -> Option<Vec<Self>> {
        if let Ok(list) = self.0.cast::<PyList>() {
            return Some(list.iter().map(PyParam).collect());
        }
        let tuple = self.0.cast::<PyTuple>().ok()?;
        Some(tuple.iter().map(PyParam).collect())
    }

    /// A `str` (or subclass, such as a str-Enum) as its own text, which boto3
    /// encodes as UTF-8: a lone surrogate raises `UnicodeEncodeError` there.
    fn string(&self) -> Reading<String, PyErr> {
        let Ok(s) = self.0.cast::<PyString>() else {
            return Ok(Read::WrongType);
        };
        Ok(match s.to_str() {
            Ok(text) => Read::Value(text.to_owned()),
            // Measured as Python does, a lone surrogate counting one character.
            Err(e) => Read::Unsendable(Some(one_char_per_code_point(s)), e),
        })
    }

    /// An `int` (a `bool` too): boto3 sends its `str()`, so `True` and an
    /// integer beyond 64 bits reach the service as text it cannot read.
    fn integer(&self) -> Reading<i64, PyErr> {
        if !self.0.is_instance_of::<PyInt>() {
            return Ok(Read::WrongType);
        }
        if self.0.is_exact_instance_of::<PyInt>() {
            if let Ok(i) = self.0.extract::<i64>() {
                return Ok(Read::Value(i));
            }
        }
        Ok(self.sent("integer", |t| t.parse().ok()))
    }

    fn double(&self) -> Reading<f64, PyErr> {
        if self.0.is_exact_instance_of::<PyFloat>() {
            if let Ok(f) = self.0.extract::<f64>() {
                if f.is_finite() {
                    return Ok(Read::Value(f));
                }
            }
        } else if !(self.0.is_instance_of::<PyFloat>()
            || self.0.is_instance_of::<PyInt>()
            || self.is_decimal())
        {
            return Ok(Read::WrongType);
        }
        Ok(self.sent("double", |t| {
            t.parse::<f64>().ok().filter(|f| f.is_finite())
        }))
    }

    fn boolean(&self) -> Reading<bool, PyErr> {
        Ok(self
            .0
            .cast::<PyBool>()
            .map_or(Read::WrongType, |b| Read::Value(b.is_true())))
    }

    /// What `parse_to_aware_datetime` accepts, as botocore's validator calls
    /// it: its `TypeError`, `ValueError` and `AttributeError` make a wrong
    /// type, any other exception (a `RuntimeError` for 10**20) is raised.
    fn timestamp(&self) -> Reading<i64, PyErr> {
        static PARSE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
        let py = self.0.py();
        if let Err(e) =
            cached(py, &PARSE, "botocore.utils", "parse_to_aware_datetime")?.call1((&self.0,))
        {
            let wrong_type = e.is_instance_of::<PyTypeError>(py)
                || e.is_instance_of::<PyValueError>(py)
                || e.is_instance_of::<PyAttributeError>(py);
            return if wrong_type {
                Ok(Read::WrongType)
            } else {
                Err(e)
            };
        }
        Ok(self.sent("timestamp", parse_timestamp))
    }

    fn describe(&self) -> PyResult<(String, String)> {
        // botocore writes both into an f-string, so `format()` decides the
        // text, not `str()` (they differ for e.g. an IntEnum before 3.11).
        static FORMAT: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
        let py = self.0.py();
        let format = cached(py, &FORMAT, "builtins", "format")?;
        let text = |o: &Bound<'_, PyAny>| -> PyResult<String> {
            Ok(format
                .call1((o,))?
                .cast_into::<PyString>()?
                .to_string_lossy()
                .into_owned())
        };
        Ok((text(&self.0)?, text(self.0.get_type().as_any())?))
    }
}
