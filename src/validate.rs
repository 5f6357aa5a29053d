//! The one input validator. It walks a caller's parameters against the input
//! shape of an operation in the service model, reporting every problem of the
//! call at once in botocore's own words, and produces the parameters as a
//! `serde_json::Value` from which the engine's typed input is read.
//!
//! The parameters come through the [`Param`] trait, so the same walk serves
//! Python keyword arguments and decoded Query-protocol forms.

use serde_json::{Map, Number, Value};

use crate::model::service::{model, ShapeId, ShapeKind};

/// A parameter value as a door presents it to the validator.
pub trait Param: Sized {
    /// The `(key, key is a string, value)` entries when it is a mapping.
    fn entries(&self) -> Option<Vec<(String, bool, Self)>>;
    /// The `(key, value)` pairs of a mapping with its keys as values, for a
    /// map shape whose keys botocore type-checks like any value. A door whose
    /// keys are always strings need not give them (the default).
    fn pairs(&self) -> Option<Vec<(Self, Self)>> {
        None
    }
    /// The items when it is a list (or tuple).
    fn items(&self) -> Option<Vec<Self>>;
    /// The text when it is a string.
    fn string(&self) -> Option<String>;
    /// The value when it is an integer (botocore counts booleans as integers).
    fn integer(&self) -> Option<i64>;
    /// The value when it is a number botocore accepts for a double.
    fn double(&self) -> Option<f64>;
    /// The value when it is a boolean.
    fn boolean(&self) -> Option<bool>;
    /// Microseconds since the epoch, UTC, when it is a timestamp botocore accepts.
    fn timestamp(&self) -> Option<i64>;
    /// Its `str()` and its type as Python prints it, for error reports.
    fn describe(&self) -> (String, String);
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

/// botocore's report: a line a problem (`ParamValidationError` puts
/// `Parameter validation failed:` above it).
pub fn botocore_report(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(Problem::botocore_line)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Validates `params` against the input shape of `operation`. On success the
/// parameters come back as JSON (timestamps as microseconds since the epoch).
pub fn validate<P: Param>(operation: &str, params: &P) -> Result<Value, Vec<Problem>> {
    let m = model();
    let Some(input) = m.operation(operation).and_then(|o| o.input) else {
        return Ok(Value::Object(Map::new()));
    };
    let mut problems = Vec::new();
    let value = walk(params, input, &Path::Root, &mut problems);
    if problems.is_empty() {
        Ok(value)
    } else {
        Err(problems)
    }
}

/// Validates `params` against the named shape of the model (for a test
/// control that takes a shape's members, such as a seeded `Snapshot`).
/// `None` when the model has no shape of that name.
pub fn validate_shape<P: Param>(shape: &str, params: &P) -> Option<Result<Value, Vec<Problem>>> {
    let m = model();
    let id = m.shape_id(shape)?;
    let mut problems = Vec::new();
    let value = walk(params, id, &Path::Root, &mut problems);
    Some(if problems.is_empty() {
        Ok(value)
    } else {
        Err(problems)
    })
}

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

fn invalid_type<P: Param>(
    param: &P,
    path: &Path,
    expected: Expected,
    problems: &mut Vec<Problem>,
) -> Value {
    let (value, type_name) = param.describe();
    problems.push(Problem::InvalidType {
        path: display_path(path),
        value,
        type_name,
        expected,
    });
    Value::Null
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

fn walk<P: Param>(param: &P, shape_id: ShapeId, path: &Path, problems: &mut Vec<Problem>) -> Value {
    let shape = &model().shapes[shape_id];
    match &shape.kind {
        ShapeKind::Structure {
            members,
            required,
            union,
        } => {
            let Some(entries) = param.entries() else {
                return invalid_type(param, path, Expected::Structure, problems);
            };
            if *union && entries.len() != 1 {
                let members = members.iter().map(|m| m.name.clone()).collect();
                let path = display_path(path);
                problems.push(if entries.is_empty() {
                    Problem::UnionEmpty { path, members }
                } else {
                    Problem::UnionMany { path, members }
                });
            }
            for name in required {
                if !entries.iter().any(|(k, is_str, _)| *is_str && k == name) {
                    problems.push(Problem::Missing {
                        path: display_path(path),
                        member: name.clone(),
                    });
                }
            }
            let mut known = Vec::with_capacity(entries.len());
            for (key, is_str, value) in entries {
                match members.iter().find(|m| is_str && m.name == key) {
                    Some(member) => known.push((key, member.shape, value)),
                    None => problems.push(Problem::Unknown {
                        path: display_path(path),
                        member: key,
                        valid: members.iter().map(|m| m.name.clone()).collect(),
                    }),
                }
            }
            let mut out = Map::with_capacity(known.len());
            for (key, member_shape, value) in known {
                let child = walk(&value, member_shape, &Path::Member(path, &key), problems);
                out.insert(key, child);
            }
            Value::Object(out)
        }
        ShapeKind::List { member, .. } => {
            let Some(items) = param.items() else {
                return invalid_type(param, path, Expected::List, problems);
            };
            check_min(items.len() as i64, shape.min, path, true, problems);
            let out = items
                .iter()
                .enumerate()
                .map(|(i, item)| walk(item, *member, &Path::Index(path, i), problems))
                .collect();
            Value::Array(out)
        }
        ShapeKind::Map { key, value } => {
            if let Some(pairs) = param.pairs() {
                let mut out = Map::with_capacity(pairs.len());
                for (k, v) in pairs {
                    // botocore checks the key, then the value, whatever the key's type.
                    let (text, _) = k.describe();
                    let key_value = walk(&k, *key, &Path::Key(path, &text), problems);
                    let child = walk(&v, *value, &Path::Member(path, &text), problems);
                    if let Value::String(k) = key_value {
                        out.insert(k, child);
                    }
                }
                return Value::Object(out);
            }
            let Some(entries) = param.entries() else {
                return invalid_type(param, path, Expected::Structure, problems);
            };
            let mut out = Map::with_capacity(entries.len());
            for (k, _, v) in entries {
                let key_path = Path::Key(path, &k);
                if let Value::String(k) = walk(&DescribedKey(k.clone()), *key, &key_path, problems)
                {
                    let child = walk(&v, *value, &Path::Member(path, &k), problems);
                    out.insert(k, child);
                }
            }
            Value::Object(out)
        }
        ShapeKind::String => match param.string() {
            Some(s) => {
                check_min(s.chars().count() as i64, shape.min, path, true, problems);
                Value::String(s)
            }
            None => invalid_type(param, path, Expected::String, problems),
        },
        ShapeKind::Integer | ShapeKind::Long => match param.integer() {
            Some(i) => {
                check_min(i, shape.min, path, false, problems);
                Value::Number(i.into())
            }
            None => invalid_type(param, path, Expected::Integer, problems),
        },
        // No double of the Redshift model has a `min`, so only the type is checked.
        ShapeKind::Double | ShapeKind::Float => match param.double() {
            Some(f) => Number::from_f64(f)
                .map(Value::Number)
                .unwrap_or(Value::Null),
            None => invalid_type(param, path, Expected::Double, problems),
        },
        ShapeKind::Boolean => match param.boolean() {
            Some(b) => Value::Bool(b),
            None => invalid_type(param, path, Expected::Boolean, problems),
        },
        ShapeKind::Timestamp => match param.timestamp() {
            Some(micros) => Value::Number(micros.into()),
            None => invalid_type(param, path, Expected::Timestamp, problems),
        },
        ShapeKind::Blob => match param.string() {
            Some(s) => Value::String(s),
            None => invalid_type(param, path, Expected::Blob, problems),
        },
    }
}

/// A mapping key, as the walk sees it: its text. Only string keys reach a
/// map of the Redshift model (`EncryptionContextMap`), whose keys are strings.
struct DescribedKey(String);

impl Param for DescribedKey {
    fn entries(&self) -> Option<Vec<(String, bool, Self)>> {
        None
    }
    fn items(&self) -> Option<Vec<Self>> {
        None
    }
    fn string(&self) -> Option<String> {
        Some(self.0.clone())
    }
    fn integer(&self) -> Option<i64> {
        None
    }
    fn double(&self) -> Option<f64> {
        None
    }
    fn boolean(&self) -> Option<bool> {
        None
    }
    fn timestamp(&self) -> Option<i64> {
        None
    }
    fn describe(&self) -> (String, String) {
        (self.0.clone(), "<class 'str'>".to_owned())
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
    }

    impl Param for V {
        fn pairs(&self) -> Option<Vec<(Self, Self)>> {
            match self {
                V::Pairs(p) => Some(p.clone()),
                _ => None,
            }
        }
        fn entries(&self) -> Option<Vec<(String, bool, Self)>> {
            match self {
                V::Map(e) => Some(
                    e.iter()
                        .map(|(k, v)| (k.to_string(), true, v.clone()))
                        .collect(),
                ),
                _ => None,
            }
        }
        fn items(&self) -> Option<Vec<Self>> {
            match self {
                V::List(i) => Some(i.clone()),
                _ => None,
            }
        }
        fn string(&self) -> Option<String> {
            match self {
                V::Str(s) => Some(s.to_string()),
                _ => None,
            }
        }
        fn integer(&self) -> Option<i64> {
            match self {
                V::Int(i) => Some(*i),
                _ => None,
            }
        }
        fn double(&self) -> Option<f64> {
            self.integer().map(|i| i as f64)
        }
        fn boolean(&self) -> Option<bool> {
            None
        }
        fn timestamp(&self) -> Option<i64> {
            None
        }
        fn describe(&self) -> (String, String) {
            match self {
                V::Int(i) => (i.to_string(), "<class 'int'>".into()),
                V::Str(s) => (s.to_string(), "<class 'str'>".into()),
                _ => ("?".into(), "<class 'object'>".into()),
            }
        }
    }

    #[test]
    fn reports_every_problem_in_botocore_order() {
        let params = V::Map(vec![
            ("Foo", V::Int(1)),
            ("SnapshotClusterIdentifier", V::Int(2)),
        ]);
        let problems = validate("DeleteClusterSnapshot", &params).unwrap_err();
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
        let problems = validate("CreateClusterSnapshot", &params).unwrap_err();
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
        let problems = validate("CreateIntegration", &params).unwrap_err();
        assert_eq!(
            botocore_report(&problems),
            "Invalid type for parameter AdditionalEncryptionContext (key: 1), value: 1, type: <class 'int'>, valid types: <class 'str'>\n\
             Invalid type for parameter AdditionalEncryptionContext.k, value: 2, type: <class 'int'>, valid types: <class 'str'>"
        );
    }

    #[test]
    fn valid_input_becomes_json() {
        let params = V::Map(vec![("SnapshotIdentifier", V::Str("s1"))]);
        let value = validate("DeleteClusterSnapshot", &params).unwrap();
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
            validate_shape("Snapshot", &good),
            Some(Ok(
                serde_json::json!({"SnapshotIdentifier": "s1", "Port": 5439})
            ))
        );
        let bad = V::Map(vec![("Port", V::Str("x"))]);
        let problems = validate_shape("Snapshot", &bad)
            .and_then(Result::err)
            .unwrap_or_default();
        assert_eq!(
            botocore_report(&problems),
            "Invalid type for parameter Port, value: x, type: <class 'str'>, valid types: <class 'int'>"
        );
    }
}
