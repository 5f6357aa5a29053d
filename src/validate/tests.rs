//! The validator against botocore's own reports.

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
