//! Renders the response model as Python objects, the way botocore's parser
//! leaves a response: dicts with the model's member names, absent members
//! left out, timestamps as timezone-aware UTC datetimes.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use chrono::{Datelike, Timelike};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyString, PyTzInfo};
use serde::ser::{self, Serialize};

use crate::model::Timestamp;

/// A conversion failure (only a Python error, such as memory exhaustion).
#[derive(Debug)]
pub struct ToPyError(pub PyErr);

impl std::fmt::Display for ToPyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for ToPyError {}

impl ser::Error for ToPyError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        ToPyError(pyo3::exceptions::PyValueError::new_err(msg.to_string()))
    }
}

impl From<PyErr> for ToPyError {
    fn from(e: PyErr) -> Self {
        ToPyError(e)
    }
}

/// Converts any serializable value into a Python object.
pub fn to_py<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    match value.serialize(ToPy(py)) {
        Ok(Some(obj)) => Ok(obj),
        Ok(None) => Ok(py.None().into_bound(py)),
        Err(e) => Err(e.0),
    }
}

/// A timezone-aware UTC datetime for a timestamp.
pub fn datetime<'py>(py: Python<'py>, t: Timestamp) -> PyResult<Bound<'py, PyAny>> {
    let d = t.datetime();
    let utc = PyTzInfo::utc(py)?;
    Ok(PyDateTime::new(
        py,
        d.year(),
        d.month() as u8,
        d.day() as u8,
        d.hour() as u8,
        d.minute() as u8,
        d.second() as u8,
        d.timestamp_subsec_micros(),
        Some(&utc),
    )?
    .into_any())
}

/// The serializer. `Ok(None)` stands for a value to leave out (`None`).
struct ToPy<'py>(Python<'py>);

type Out<'py> = Result<Option<Bound<'py, PyAny>>, ToPyError>;

impl<'py> ser::Serializer for ToPy<'py> {
    type Ok = Option<Bound<'py, PyAny>>;
    type Error = ToPyError;
    type SerializeSeq = Seq<'py>;
    type SerializeTuple = Seq<'py>;
    type SerializeTupleStruct = Seq<'py>;
    type SerializeTupleVariant = Seq<'py>;
    type SerializeMap = Dict<'py>;
    type SerializeStruct = Dict<'py>;
    type SerializeStructVariant = Dict<'py>;

    fn serialize_bool(self, v: bool) -> Out<'py> {
        Ok(Some(PyBool::new(self.0, v).to_owned().into_any()))
    }
    fn serialize_i8(self, v: i8) -> Out<'py> {
        self.serialize_i64(v as i64)
    }
    fn serialize_i16(self, v: i16) -> Out<'py> {
        self.serialize_i64(v as i64)
    }
    fn serialize_i32(self, v: i32) -> Out<'py> {
        self.serialize_i64(v as i64)
    }
    fn serialize_i64(self, v: i64) -> Out<'py> {
        Ok(Some(PyInt::new(self.0, v).into_any()))
    }
    fn serialize_u8(self, v: u8) -> Out<'py> {
        self.serialize_i64(v as i64)
    }
    fn serialize_u16(self, v: u16) -> Out<'py> {
        self.serialize_i64(v as i64)
    }
    fn serialize_u32(self, v: u32) -> Out<'py> {
        self.serialize_i64(v as i64)
    }
    fn serialize_u64(self, v: u64) -> Out<'py> {
        Ok(Some(PyInt::new(self.0, v).into_any()))
    }
    fn serialize_f32(self, v: f32) -> Out<'py> {
        self.serialize_f64(v as f64)
    }
    fn serialize_f64(self, v: f64) -> Out<'py> {
        Ok(Some(PyFloat::new(self.0, v).into_any()))
    }
    fn serialize_char(self, v: char) -> Out<'py> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Out<'py> {
        Ok(Some(PyString::new(self.0, v).into_any()))
    }
    fn serialize_bytes(self, v: &[u8]) -> Out<'py> {
        Ok(Some(pyo3::types::PyBytes::new(self.0, v).into_any()))
    }
    fn serialize_none(self) -> Out<'py> {
        Ok(None)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Out<'py> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Out<'py> {
        Ok(None)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Out<'py> {
        Ok(Some(PyDict::new(self.0).into_any()))
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Out<'py> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Out<'py> {
        let py = self.0;
        let inner = value.serialize(self)?;
        match (name, inner) {
            (Timestamp::NAME, Some(micros)) => {
                Ok(Some(datetime(py, Timestamp(micros.extract::<i64>()?))?))
            }
            (_, inner) => Ok(inner),
        }
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Out<'py> {
        let dict = PyDict::new(self.0);
        if let Some(v) = value.serialize(ToPy(self.0))? {
            dict.set_item(variant, v)?;
        }
        Ok(Some(dict.into_any()))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq<'py>, ToPyError> {
        Ok(Seq {
            py: self.0,
            items: Vec::with_capacity(len.unwrap_or(0)),
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'py>, ToPyError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Seq<'py>, ToPyError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        len: usize,
    ) -> Result<Seq<'py>, ToPyError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Dict<'py>, ToPyError> {
        Ok(Dict {
            py: self.0,
            dict: PyDict::new(self.0),
            key: None,
        })
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Dict<'py>, ToPyError> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Dict<'py>, ToPyError> {
        self.serialize_map(None)
    }
}

struct Seq<'py> {
    py: Python<'py>,
    items: Vec<Bound<'py, PyAny>>,
}

impl<'py> Seq<'py> {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ToPyError> {
        if let Some(v) = value.serialize(ToPy(self.py))? {
            self.items.push(v);
        }
        Ok(())
    }
    fn finish(self) -> Out<'py> {
        Ok(Some(PyList::new(self.py, self.items)?.into_any()))
    }
}

/// serde's four sequence traits, all served by [`Seq`].
macro_rules! seq_traits {
    ($($trait:ident::$method:ident),*) => {$(
        impl<'py> ser::$trait for Seq<'py> {
            type Ok = Option<Bound<'py, PyAny>>;
            type Error = ToPyError;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ToPyError> {
                self.push(value)
            }
            fn end(self) -> Out<'py> {
                self.finish()
            }
        }
    )*};
}

seq_traits!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

struct Dict<'py> {
    py: Python<'py>,
    dict: Bound<'py, PyDict>,
    key: Option<Bound<'py, PyAny>>,
}

impl<'py> Dict<'py> {
    fn field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), ToPyError> {
        if let Some(v) = value.serialize(ToPy(self.py))? {
            self.dict.set_item(member_name(self.py, key), v)?;
        }
        Ok(())
    }
}

/// Hashes a member name's address with one multiplication. SipHash, the
/// default, made the cache lookup cost about 4.6k instructions more per
/// snapshot response (callgrind); addresses need no protection from floods.
#[derive(Default)]
struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(self.0 << 8 | u64::from(b));
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

thread_local! {
    /// Member names as Python strings, made once: the model's names are
    /// `'static`, so their address identifies them.
    static MEMBER_NAMES: RefCell<HashMap<usize, Py<PyString>, BuildHasherDefault<AddressHasher>>> =
        RefCell::new(HashMap::default());
}

fn member_name<'py>(py: Python<'py>, key: &'static str) -> Bound<'py, PyString> {
    let address = key.as_ptr() as usize ^ (key.len() << 48);
    MEMBER_NAMES.with(|names| {
        names
            .borrow_mut()
            .entry(address)
            .or_insert_with(|| PyString::intern(py, key).unbind())
            .bind(py)
            .clone()
    })
}

impl<'py> ser::SerializeMap for Dict<'py> {
    type Ok = Option<Bound<'py, PyAny>>;
    type Error = ToPyError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), ToPyError> {
        self.key = key.serialize(ToPy(self.py))?;
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ToPyError> {
        if let (Some(k), Some(v)) = (self.key.take(), value.serialize(ToPy(self.py))?) {
            self.dict.set_item(k, v)?;
        }
        Ok(())
    }
    fn end(self) -> Out<'py> {
        Ok(Some(self.dict.into_any()))
    }
}

/// serde's two struct traits, both served by [`Dict`].
macro_rules! struct_traits {
    ($($trait:ident),*) => {$(
        impl<'py> ser::$trait for Dict<'py> {
            type Ok = Option<Bound<'py, PyAny>>;
            type Error = ToPyError;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), ToPyError> {
                self.field(key, value)
            }
            fn end(self) -> Out<'py> {
                Ok(Some(self.dict.into_any()))
            }
        }
    )*};
}

struct_traits!(SerializeStruct, SerializeStructVariant);
