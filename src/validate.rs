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
mod tests {
    use super::*;

    /// A plain test value, standing in for what a door decodes.
    #[derive(Clone)]
    enum V {
        Map(Vec<(&'static str, V)>),
        /// A mapping whose keys need not be strings.
        Pairs(Vec<(V, V)>),
        List(Vec<V>),
        Str(&'static str),
        Int(i64),
        /// An integer the service cannot read, sent as this text.
        Unreadable(&'static str),
        /// A string the serializer refuses with this error.
        Unsendable(&'static str),
        /// A value of no accepted type whose description raises this error.
        Undescribable(&'static str),
        /// A value whose reading raises this error at once.
        Raises(&'static str),
    }

    fn read<T>(v: &V, value: impl FnOnce(&V) -> Option<T>) -> Reading<T, String> {
        Ok(match v {
            V::Raises(e) => return Err(e.to_string()),
            V::Unsendable(e) => Read::Unsendable(None, e.to_string()),
            V::Unreadable(text) => Read::Unreadable(text.to_string()),
            other => value(other).map_or(Read::WrongType, Read::Value),
        })
    }

    impl Param for V {
        type Error = String;
        fn pairs(&self) -> Option<Vec<(Self, Self)>> {
            match self {
                V::Pairs(p) => Some(p.clone()),
                _ => None,
            }
        }
        fn entries(&self, _: &ShapeKind) -> Option<Vec<(String, bool, Self)>> {
            match self {
                V::Map(e) => Some(
                    e.iter()
                        .map(|(k, v)| (k.to_string(), true, v.clone()))
                        .collect(),
                ),
                _ => None,
            }
        }
        fn items(&self, _: &ShapeKind) -> Option<Vec<Self>> {
            match self {
                V::List(i) => Some(i.clone()),
                _ => None,
            }
        }
        fn string(&self) -> Reading<String, String> {
            read(self, |v| match v {
                V::Str(s) => Some(s.to_string()),
                _ => None,
            })
        }
        fn integer(&self) -> Reading<i64, String> {
            read(self, |v| match v {
                V::Int(i) => Some(*i),
                _ => None,
            })
        }
        fn double(&self) -> Reading<f64, String> {
            read(self, |v| match v {
                V::Int(i) => Some(*i as f64),
                _ => None,
            })
        }
        fn boolean(&self) -> Reading<bool, String> {
            read(self, |_| None)
        }
        fn timestamp(&self) -> Reading<i64, String> {
            read(self, |_| None)
        }
        fn describe(&self) -> Result<(String, String), String> {
            Ok(match self {
                V::Int(i) => (i.to_string(), "<class 'int'>".into()),
                V::Str(s) => (s.to_string(), "<class 'str'>".into()),
                V::Undescribable(e) => return Err(e.to_string()),
                _ => ("?".into(), "<class 'object'>".into()),
            })
        }
    }

    fn check<P: Param>(operation: &str, params: &P) -> Result<Value, Rejected<P::Error>> {
        validate(model(), operation, params)
    }

    fn problems(rejected: Result<Value, Rejected<String>>) -> Vec<Problem> {
        match rejected {
            Err(Rejected::Invalid(problems)) => problems,
            other => panic!("not invalid: {other:?}"),
        }
    }

    #[test]
    fn reports_every_problem_in_botocore_order() {
        let params = V::Map(vec![
            ("Foo", V::Int(1)),
            ("SnapshotClusterIdentifier", V::Int(2)),
        ]);
        let problems = problems(check("DeleteClusterSnapshot", &params));
        assert_eq!(
            botocore_report(&problems),
            "Missing required parameter in input: \"SnapshotIdentifier\"\n\
             Unknown parameter in input: \"Foo\", must be one of: SnapshotIdentifier, SnapshotClusterIdentifier\n\
             Invalid type for parameter SnapshotClusterIdentifier, value: 2, type: <class 'int'>, valid types: <class 'str'>"
        );
    }

    #[test]
    fn nested_paths_name_the_place() {
        let params = V::Map(vec![
            ("SnapshotIdentifier", V::Str("s1")),
            ("ClusterIdentifier", V::Str("c1")),
            ("Tags", V::List(vec![V::Map(vec![("Key", V::Int(3))])])),
        ]);
        let problems = problems(check("CreateClusterSnapshot", &params));
        assert_eq!(
            problems[0].botocore_line(),
            "Invalid type for parameter Tags[0].Key, value: 3, type: <class 'int'>, valid types: <class 'str'>"
        );
    }

    #[test]
    fn map_keys_are_checked_like_values() {
        let params = V::Map(vec![
            (
                "SourceArn",
                V::Str("arn:aws:redshift:us-east-1:1:namespace:x"),
            ),
            (
                "TargetArn",
                V::Str("arn:aws:redshift:us-east-1:1:namespace:y"),
            ),
            ("IntegrationName", V::Str("i1")),
            (
                "AdditionalEncryptionContext",
                V::Pairs(vec![(V::Int(1), V::Str("x")), (V::Str("k"), V::Int(2))]),
            ),
        ]);
        let problems = problems(check("CreateIntegration", &params));
        assert_eq!(
            botocore_report(&problems),
            "Invalid type for parameter AdditionalEncryptionContext (key: 1), value: 1, type: <class 'int'>, valid types: <class 'str'>\n\
             Invalid type for parameter AdditionalEncryptionContext.k, value: 2, type: <class 'int'>, valid types: <class 'str'>"
        );
    }

    #[test]
    fn valid_input_becomes_json() {
        let params = V::Map(vec![("SnapshotIdentifier", V::Str("s1"))]);
        let value = check("DeleteClusterSnapshot", &params).unwrap();
        assert_eq!(value, serde_json::json!({"SnapshotIdentifier": "s1"}));
    }

    #[test]
    fn a_named_shape_validates_like_an_input() {
        assert!(validate_shape("NoSuchShape", &V::Map(vec![])).is_none());
        let good = V::Map(vec![
            ("SnapshotIdentifier", V::Str("s1")),
            ("Port", V::Int(5439)),
        ]);
        assert_eq!(
            validate_shape("Snapshot", &good).and_then(Result::ok),
            Some(serde_json::json!({"SnapshotIdentifier": "s1", "Port": 5439}))
        );
        let bad = V::Map(vec![("Port", V::Str("x"))]);
        let problems = problems(validate_shape("Snapshot", &bad).unwrap());
        assert_eq!(
            botocore_report(&problems),
            "Invalid type for parameter Port, value: x, type: <class 'str'>, valid types: <class 'int'>"
        );
    }

    fn delete(members: Vec<(&'static str, V)>) -> Result<Value, Rejected<String>> {
        check("DeleteClusterSnapshot", &V::Map(members))
    }

    #[test]
    fn botocore_reports_first_then_the_serializer_then_the_service() {
        let unreadable = ("SnapshotClusterIdentifier", V::Unreadable("True"));
        let refused = delete(vec![
            ("SnapshotIdentifier", V::Str("s1")),
            unreadable.clone(),
        ]);
        let Err(Rejected::Refused(e)) = refused else {
            panic!("{refused:?}")
        };
        assert_eq!(
            e.to_string(),
            "Value (True) for parameter SnapshotClusterIdentifier is invalid. Expected a string."
        );
        let unsendable = ("SnapshotIdentifier", V::Unsendable("surrogate"));
        assert!(matches!(
            delete(vec![unreadable.clone(), unsendable.clone()]),
            Err(Rejected::Raised(e)) if e == "surrogate"
        ));
        let invalid = delete(vec![unsendable, ("Foo", V::Int(1))]);
        assert_eq!(problems(invalid).len(), 1);
    }

    #[test]
    fn exceptions_come_when_botocore_raises_them() {
        // A value whose text raises: raised when the report is written, so
        // after an exception of the walk itself.
        let late = delete(vec![("SnapshotIdentifier", V::Undescribable("str"))]);
        assert!(matches!(late, Err(Rejected::Raised(e)) if e == "str"));
        let early = delete(vec![
            ("SnapshotIdentifier", V::Undescribable("str")),
            ("SnapshotClusterIdentifier", V::Raises("walk")),
        ]);
        assert!(matches!(early, Err(Rejected::Raised(e)) if e == "walk"));
    }

    #[test]
    fn characters_xml_cannot_carry_are_refused_but_in_tags() {
        let refused = delete(vec![("SnapshotIdentifier", V::Str("a\u{1}b"))]);
        let Err(Rejected::Refused(e)) = refused else {
            panic!("{refused:?}")
        };
        assert_eq!(e.code(), "InvalidParameterValue");
        assert_eq!(
            e.to_string(),
            "The value of parameter SnapshotIdentifier contains the character U+0001, which is not allowed."
        );
        let tagged = V::Map(vec![
            ("ResourceName", V::Str("arn")),
            (
                "Tags",
                V::List(vec![V::Map(vec![
                    ("Key", V::Str("k")),
                    ("Value", V::Str("\u{fffe}")),
                ])]),
            ),
        ]);
        assert!(check("CreateTags", &tagged).is_ok());
        let keys = V::Map(vec![
            ("ResourceName", V::Str("arn")),
            ("TagKeys", V::List(vec![V::Str("\u{0}")])),
        ]);
        assert!(matches!(
            check("DeleteTags", &keys),
            Err(Rejected::Refused(_))
        ));
    }
}
