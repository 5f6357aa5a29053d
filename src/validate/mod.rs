//! The one input validator. It walks a caller's parameters against the input
//! shape of an operation in a service model, reporting every problem of the
//! call at once in botocore's own words, and produces the parameters as a
//! `serde_json::Value` from which the engine's typed input is read.
//!
//! The parameters come through the [`Param`] trait, so the same walk serves
//! Python keyword arguments and decoded Query-protocol forms. A door reads
//! each scalar as what the service receives: for Python, the text boto3's
//! serializer would send ([`Read`]), so both doors refuse the same values the
//! same way, and the exceptions botocore would raise are the door's
//! [`Param::Error`], passed through unchanged ([`Rejected::Raised`]).

use serde_json::{Map, Number, Value};

use crate::errors::RedshiftError;
use crate::model::service::{model, ServiceModel, ShapeId, ShapeKind};
use crate::model::Timestamp;
use crate::wire::xml::is_xml_char;

/// What a door reads from a value for a scalar shape.
#[derive(Debug)]
pub enum Read<T, E> {
    /// The value, as the service receives it.
    Value(T),
    /// Not of a type botocore accepts for the shape: a line of its report.
    WrongType,
    /// Of a type botocore accepts, but sent as this text, which the service
    /// cannot read as the shape's type (`True` for an integer, say).
    Unreadable(String),
    /// Of a type botocore accepts, but boto3's serializer raises this for it
    /// (a lone surrogate in a string, say); with the value as botocore's
    /// validator measures it, where a check needs it (a string's length).
    Unsendable(Option<T>, E),
}

/// What a door's read gives: `Err` is an exception botocore's validator
/// raises on the spot, which ends the walk.
pub type Reading<T, E> = Result<Read<T, E>, E>;

/// A parameter value as a door presents it to the validator.
pub trait Param: Sized {
    /// An exception the client would raise (never, for a decoded form).
    type Error;
    /// The `(key, key is a string, value)` entries when it is a mapping,
    /// for the structure shape of kind `kind`.
    fn entries(&self, kind: &ShapeKind) -> Option<Vec<(String, bool, Self)>>;
    /// The `(key, value)` pairs when it is a mapping, for a map shape: its
    /// keys are values too, which botocore type-checks like any value.
    fn pairs(&self) -> Option<Vec<(Self, Self)>>;
    /// The items when it is a list (or tuple) of the list shape of kind `kind`.
    fn items(&self, kind: &ShapeKind) -> Option<Vec<Self>>;
    fn string(&self) -> Reading<String, Self::Error>;
    fn integer(&self) -> Reading<i64, Self::Error>;
    /// A finite number.
    fn double(&self) -> Reading<f64, Self::Error>;
    fn boolean(&self) -> Reading<bool, Self::Error>;
    /// Microseconds since the epoch, UTC.
    fn timestamp(&self) -> Reading<i64, Self::Error>;
    /// Its text and its type as botocore's report prints them.
    fn describe(&self) -> Result<(String, String), Self::Error>;
}

/// The kinds of value a shape accepts, as botocore lists them in a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Structure,
    List,
    String,
    Integer,
    Double,
    Boolean,
    Timestamp,
    Blob,
}

impl Expected {
    fn botocore_types(self) -> &'static str {
        match self {
            Expected::Structure => "<class 'dict'>",
            Expected::List => "<class 'list'>, <class 'tuple'>",
            Expected::String => "<class 'str'>",
            Expected::Integer => "<class 'int'>",
            Expected::Double => "<class 'float'>, <class 'decimal.Decimal'>, <class 'int'>",
            Expected::Boolean => "<class 'bool'>",
            Expected::Timestamp => "<class 'datetime.datetime'>, timestamp-string",
            Expected::Blob => "<class 'bytes'>, <class 'bytearray'>, file-like object",
        }
    }
}

/// One problem with a call's parameters. `path` is botocore's name for the
/// place (`input`, `Tags[0].Key`, ...).
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    Missing {
        path: String,
        member: String,
    },
    Unknown {
        path: String,
        member: String,
        valid: Vec<String>,
    },
    InvalidType {
        path: String,
        value: String,
        type_name: String,
        expected: Expected,
    },
    InvalidRange {
        path: String,
        value: i64,
        min: i64,
    },
    /// A tagged union with no member set.
    UnionEmpty {
        path: String,
        members: Vec<String>,
    },
    /// A tagged union with more than one member set.
    UnionMany {
        path: String,
        members: Vec<String>,
    },
    InvalidLength {
        path: String,
        length: i64,
        min: i64,
    },
}

impl Problem {
    /// The line botocore's `ParamValidator` writes for this problem.
    pub fn botocore_line(&self) -> String {
        match self {
            // botocore's own text, its missing space included.
            Problem::UnionEmpty { path, members } => format!(
                "Must set one of the following keys for tagged unionstructure {path}: {}.",
                members.join(", ")
            ),
            Problem::UnionMany { path, members } => format!(
                "Invalid number of parameters set for tagged union structure {path}. Can only set one of the following keys: {}.",
                members.join(", ")
            ),
            Problem::Missing { path, member } => {
                format!("Missing required parameter in {path}: \"{member}\"")
            }
            Problem::Unknown { path, member, valid } => format!(
                "Unknown parameter in {path}: \"{member}\", must be one of: {}",
                valid.join(", ")
            ),
            Problem::InvalidType { path, value, type_name, expected } => format!(
                "Invalid type for parameter {path}, value: {value}, type: {type_name}, valid types: {}",
                expected.botocore_types()
            ),
            Problem::InvalidRange { path, value, min } => {
                format!("Invalid value for parameter {path}, value: {value}, valid min value: {min}")
            }
            Problem::InvalidLength { path, length, min } => {
                format!("Invalid length for parameter {path}, value: {length}, valid min length: {min}")
            }
        }
    }
}

impl Problem {
    /// What the service answers for this problem in a request it receives.
    pub fn service_error(&self) -> RedshiftError {
        match self.clone() {
            Problem::Missing { path, member } => {
                RedshiftError::MissingParameter(if path == "input" {
                    member
                } else {
                    format!("{path}.{member}")
                })
            }
            Problem::InvalidType {
                path,
                value,
                expected,
                ..
            } => RedshiftError::InvalidParameterType {
                parameter: path,
                value,
                expected,
            },
            Problem::InvalidRange { path, value, min } => RedshiftError::ParameterBelowMinimum {
                parameter: path,
                value,
                min,
            },
            Problem::InvalidLength { path, length, min } => RedshiftError::ParameterBelowMinimum {
                parameter: path,
                value: length,
                min,
            },
            // A decoded form drops members it does not know, so none is reported.
            Problem::Unknown { .. } => RedshiftError::MalformedQueryString,
            Problem::UnionEmpty { path, members } | Problem::UnionMany { path, members } => {
                RedshiftError::UnionMemberCount {
                    parameter: path,
                    members: members.join(", "),
                }
            }
        }
    }
}

/// botocore's report: a line a problem (`ParamValidationError` puts
/// `Parameter validation failed:` above it).
pub fn botocore_report(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(Problem::botocore_line)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Why a call did not pass: what the door answers instead of running it.
#[derive(Debug)]
pub enum Rejected<E> {
    /// botocore's `ParamValidationError`: its report's problems, in its order.
    Invalid(Vec<Problem>),
    /// An exception the client raises: botocore's validator while it checks
    /// or writes its report, or boto3's serializer after validation passed.
    Raised(E),
    /// What boto3 would send, the service refuses (before the engine runs).
    Refused(RedshiftError),
}

/// Validates `params` against the input shape of `operation` in `model`. On
/// success the parameters come back as JSON (timestamps as microseconds
/// since the epoch).
pub fn validate<P: Param>(
    model: &ServiceModel,
    operation: &str,
    params: &P,
) -> Result<Value, Rejected<P::Error>> {
    let Some(input) = model.operation(operation).and_then(|o| o.input) else {
        return Ok(Value::Object(Map::new()));
    };
    Walk::new(model).run(params, input)
}

/// Validates `params` against the named shape of the embedded model (for a
/// test control that takes a shape's members, such as a seeded `Snapshot`).
/// Its timestamps are taken to the millisecond, as AWS keeps them (choice).
/// `None` when the model has no shape of that name.
pub fn validate_shape<P: Param>(
    shape: &str,
    params: &P,
) -> Option<Result<Value, Rejected<P::Error>>> {
    let m = model();
    let id = m.shape_id(shape)?;
    let walk = Walk {
        millis: true,
        ..Walk::new(m)
    };
    Some(walk.run(params, id))
}

/// The structure whose string members the engine checks itself (tag keys
/// and values have AWS's own pattern and error, `InvalidTagFault`).
const ENGINE_CHECKED_TEXT: &str = "Tag";

/// Where a value sits in the parameters. Built on the stack as the walk goes
/// down and only written out when there is a problem to report, so a valid
/// call formats no paths at all.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Member(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
    Key(&'a Path<'a>, &'a str),
}

impl Path<'_> {
    fn write(&self, out: &mut String) {
        match *self {
            Path::Root => {}
            Path::Member(parent, name) => {
                parent.write(out);
                out.push('.');
                out.push_str(name);
            }
            Path::Index(parent, i) => {
                parent.write(out);
                out.push_str(&format!("[{i}]"));
            }
            Path::Key(parent, key) => {
                parent.write(out);
                out.push_str(&format!(" (key: {key})"));
            }
        }
    }
}

/// botocore's name for a place: `input` for the top, else the path without
/// its leading dot.
fn display_path(path: &Path) -> String {
    let mut out = String::new();
    path.write(&mut out);
    if out.is_empty() {
        return "input".to_owned();
    }
    match out.strip_prefix('.') {
        Some(p) => p.to_owned(),
        None => out,
    }
}

fn check_min(value: i64, min: Option<i64>, path: &Path, length: bool, problems: &mut Vec<Problem>) {
    if let Some(min) = min {
        if value < min {
            let path = display_path(path);
            problems.push(if length {
                Problem::InvalidLength {
                    path,
                    length: value,
                    min,
                }
            } else {
                Problem::InvalidRange { path, value, min }
            });
        }
    }
}

/// One walk over a call's parameters: what it found so far.
struct Walk<'m, E> {
    model: &'m ServiceModel,
    problems: Vec<Problem>,
    /// The first exception writing the report would raise (a value whose
    /// `format()` raises): botocore raises it once the walk is over.
    report_error: Option<E>,
    /// The first exception boto3's serializer would raise.
    unsendable: Option<E>,
    /// The first required member given but of which nothing is sent.
    unsent: Option<RedshiftError>,
    /// The first value the service would refuse.
    refusal: Option<RedshiftError>,
    /// Timestamps truncated to the millisecond.
    millis: bool,
}

impl<'m, E> Walk<'m, E> {
    fn new(model: &'m ServiceModel) -> Self {
        Walk {
            model,
            problems: Vec::new(),
            report_error: None,
            unsendable: None,
            unsent: None,
            refusal: None,
            millis: false,
        }
    }

    /// The whole walk, and what the client would do with its findings, in
    /// boto3's order: validate (raise or report), serialize, send.
    fn run<P: Param<Error = E>>(
        mut self,
        params: &P,
        shape: ShapeId,
    ) -> Result<Value, Rejected<E>> {
        let value = self
            .walk(params, shape, &Path::Root, false)
            .map_err(Rejected::Raised)?
            .unwrap_or_default();
        if !self.problems.is_empty() {
            return Err(match self.report_error {
                Some(e) => Rejected::Raised(e),
                None => Rejected::Invalid(self.problems),
            });
        }
        if let Some(e) = self.unsendable {
            return Err(Rejected::Raised(e));
        }
        // As a decoded form reports a missing member before a value it cannot read.
        match self.unsent.or(self.refusal) {
            Some(e) => Err(Rejected::Refused(e)),
            None => Ok(value),
        }
    }

    fn invalid_type<P: Param<Error = E>>(
        &mut self,
        param: &P,
        path: &Path,
        expected: Expected,
    ) -> Value {
        let (value, type_name) = match param.describe() {
            Ok(text) => text,
            Err(e) => {
                self.report_error.get_or_insert(e);
                Default::default()
            }
        };
        self.problems.push(Problem::InvalidType {
            path: display_path(path),
            value,
            type_name,
            expected,
        });
        Value::Null
    }

    fn refuse(&mut self, error: impl FnOnce() -> RedshiftError) {
        if self.refusal.is_none() {
            self.refusal = Some(error());
        }
    }

    /// A scalar read: its value, or what becomes of it.
    fn scalar<P: Param<Error = E>, T>(
        &mut self,
        param: &P,
        path: &Path,
        expected: Expected,
        read: Reading<T, E>,
    ) -> Result<Option<T>, E> {
        match read? {
            Read::Value(v) => return Ok(Some(v)),
            Read::WrongType => {
                self.invalid_type(param, path, expected);
            }
            Read::Unreadable(value) => self.refuse(|| RedshiftError::InvalidParameterType {
                parameter: display_path(path),
                value,
                expected,
            }),
            Read::Unsendable(value, e) => {
                self.unsendable.get_or_insert(e);
                return Ok(value);
            }
        }
        Ok(None)
    }

    /// `param` as a value of `shape_id` at `path`. `engine_checked`: a string
    /// whose characters the engine checks itself.
    fn walk<P: Param<Error = E>>(
        &mut self,
        param: &P,
        shape_id: ShapeId,
        path: &Path,
        engine_checked: bool,
    ) -> Result<Option<Value>, E> {
        let shape = &self.model.shapes[shape_id];
        Ok(Some(match &shape.kind {
            kind @ ShapeKind::Structure {
                members,
                required,
                union,
                ..
            } => {
                let Some(entries) = param.entries(kind) else {
                    return Ok(Some(self.invalid_type(param, path, Expected::Structure)));
                };
                if *union && entries.len() != 1 {
                    let members = members.iter().map(|m| m.name.clone()).collect();
                    let path = display_path(path);
                    self.problems.push(if entries.is_empty() {
                        Problem::UnionEmpty { path, members }
                    } else {
                        Problem::UnionMany { path, members }
                    });
                }
                for name in required {
                    if !entries.iter().any(|(k, is_str, _)| *is_str && k == name) {
                        self.problems.push(Problem::Missing {
                            path: display_path(path),
                            member: name.clone(),
                        });
                    }
                }
                let mut known = Vec::with_capacity(entries.len());
                for (key, is_str, value) in entries {
                    match members.iter().find(|m| is_str && m.name == key) {
                        Some(member) => known.push((key, member.shape, value)),
                        None => self.problems.push(Problem::Unknown {
                            path: display_path(path),
                            member: key,
                            valid: members.iter().map(|m| m.name.clone()).collect(),
                        }),
                    }
                }
                let text_checked = shape.name == ENGINE_CHECKED_TEXT;
                let mut out = Map::with_capacity(known.len());
                for (key, member_shape, value) in known {
                    let child_path = Path::Member(path, &key);
                    match self.walk(&value, member_shape, &child_path, text_checked)? {
                        Some(child) => {
                            out.insert(key, child);
                        }
                        // Given, but nothing of it is sent: the service misses it.
                        None if required.contains(&key) => {
                            let missing = Problem::Missing {
                                path: display_path(path),
                                member: key,
                            };
                            self.unsent.get_or_insert(missing.service_error());
                        }
                        None => {}
                    }
                }
                if out.is_empty() && !matches!(path, Path::Root) {
                    return Ok(None);
                }
                Value::Object(out)
            }
            kind @ ShapeKind::List { member, .. } => {
                let Some(items) = param.items(kind) else {
                    return Ok(Some(self.invalid_type(param, path, Expected::List)));
                };
                check_min(
                    items.len() as i64,
                    shape.min,
                    path,
                    true,
                    &mut self.problems,
                );
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    out.extend(self.walk(item, *member, &Path::Index(path, i), false)?);
                }
                // An empty list is sent (`Name=`); a list of items of which
                // nothing is sent is not.
                if out.is_empty() && !items.is_empty() {
                    return Ok(None);
                }
                Value::Array(out)
            }
            ShapeKind::Map { key, value } => {
                let Some(pairs) = param.pairs() else {
                    return Ok(Some(self.invalid_type(param, path, Expected::Structure)));
                };
                let mut out = Map::with_capacity(pairs.len());
                for (k, v) in pairs {
                    // botocore checks the key, then the value, whatever the
                    // key's type, writing the key into both paths at once.
                    let (text, _) = k.describe()?;
                    let key_value = self.walk(&k, *key, &Path::Key(path, &text), false)?;
                    let child = self.walk(&v, *value, &Path::Member(path, &text), false)?;
                    if let (Some(Value::String(k)), Some(child)) = (key_value, child) {
                        out.insert(k, child);
                    }
                }
                if out.is_empty() {
                    return Ok(None);
                }
                Value::Object(out)
            }
            ShapeKind::String => {
                match self.scalar(param, path, Expected::String, param.string())? {
                    Some(s) => {
                        check_min(
                            s.chars().count() as i64,
                            shape.min,
                            path,
                            true,
                            &mut self.problems,
                        );
                        self.text(&s, path, engine_checked);
                        Value::String(s)
                    }
                    None => Value::Null,
                }
            }
            ShapeKind::Integer | ShapeKind::Long => {
                match self.scalar(param, path, Expected::Integer, param.integer())? {
                    Some(i) => {
                        check_min(i, shape.min, path, false, &mut self.problems);
                        Value::Number(i.into())
                    }
                    None => Value::Null,
                }
            }
            // No double of the Redshift model has a `min`, so only the type is checked.
            ShapeKind::Double | ShapeKind::Float => self
                .scalar(param, path, Expected::Double, param.double())?
                .and_then(Number::from_f64)
                .map_or(Value::Null, Value::Number),
            ShapeKind::Boolean => self
                .scalar(param, path, Expected::Boolean, param.boolean())?
                .map_or(Value::Null, Value::Bool),
            ShapeKind::Timestamp => {
                let at = self.scalar(param, path, Expected::Timestamp, param.timestamp())?;
                let at = at
                    .map(Timestamp)
                    .map(|t| if self.millis { t.to_millis() } else { t });
                at.map_or(Value::Null, |t| Value::Number(t.0.into()))
            }
            ShapeKind::Blob => self
                .scalar(param, path, Expected::Blob, param.string())?
                .map_or(Value::Null, Value::String),
        }))
    }

    /// Text the service stores or echoes must be writable as XML 1.0: a
    /// character XML cannot carry is refused (choice), unless the engine
    /// checks the text against a pattern of its own.
    fn text(&mut self, text: &str, path: &Path, engine_checked: bool) {
        if engine_checked {
            return;
        }
        if let Some(character) = text.chars().find(|&c| !is_xml_char(c)) {
            self.refuse(|| RedshiftError::InvalidCharacter {
                parameter: display_path(path),
                character,
            });
        }
    }
}

#[cfg(test)]
mod tests;
