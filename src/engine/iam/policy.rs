//! An identity-based policy document: read and checked once, when it is
//! attached, then evaluated for each request (doc: IAM User Guide, "IAM JSON
//! policy elements reference" and "Policy evaluation logic").
//!
//! What the fake does not evaluate is refused when the policy is attached,
//! named in the error, never ignored (SPEC section 8): another condition
//! operator or key, a policy variable, a `Principal`, an unknown element or
//! policy language version.

use serde_json::Value;

use super::pattern::{literal, Pattern, Text};

/// The policy language versions (doc): a policy without `Version` is read
/// as 2008-10-17, which has no policy variables.
const VERSIONS: [&str; 2] = ["2012-10-17", "2008-10-17"];

/// What the fake evaluates, for the errors that name what it does not.
const OPERATORS: &str = "StringEquals, StringNotEquals, StringEqualsIgnoreCase, \
     StringNotEqualsIgnoreCase, StringLike and StringNotLike (each also with IfExists, \
     ForAllValues: or ForAnyValue:) and Null";
const KEYS: &str =
    "aws:RequestedRegion, aws:ResourceTag/<key>, aws:RequestTag/<key> and aws:TagKeys";

/// A policy, read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Policy {
    statements: Vec<Statement>,
}

#[derive(Debug, Clone, PartialEq)]
struct Statement {
    /// `Sid`, or the statement's place (`Statement[1]`), for a denial's reason.
    name: String,
    deny: bool,
    /// `Action` (or, negated, `NotAction`): lowercase globs, since action
    /// names are case-insensitive (doc).
    actions: Element,
    /// `Resource` (or, negated, `NotResource`): ARN globs, case-sensitive (doc).
    resources: Element,
    /// Every condition must hold (doc: the operators of a `Condition`, and
    /// the keys of an operator, are ANDed).
    conditions: Vec<Condition>,
}

/// `Action`/`NotAction` or `Resource`/`NotResource`: whether it is the
/// `Not` form, and its patterns (any of which may match).
#[derive(Debug, Clone, PartialEq)]
struct Element {
    not: bool,
    patterns: Vec<Pattern>,
}

/// One key of one condition operator.
#[derive(Debug, Clone, PartialEq)]
struct Condition {
    set: Option<Set>,
    test: Test,
    /// A `Not` operator: a value matches when it matches none of the
    /// policy's values (doc: negated operators with several values are NORed).
    negated: bool,
    /// `...IfExists`: a key the request lacks makes the condition true.
    if_exists: bool,
    key: Key,
}

/// `ForAllValues:` or `ForAnyValue:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Set {
    All,
    Any,
}

/// How a request's value is held to the policy's values.
#[derive(Debug, Clone, PartialEq)]
enum Test {
    Equals(Vec<String>),
    /// Compared in lowercase.
    EqualsIgnoreCase(Vec<String>),
    Like(Vec<Pattern>),
    /// `Null`: whether the key is absent (`true`) or present (`false`).
    Null(Vec<bool>),
}

/// The condition keys the fake evaluates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    RequestedRegion,
    /// A tag of the resource, by key (matched ignoring case, doc).
    ResourceTag(String),
    /// A tag the request gives, by key (matched ignoring case, as
    /// `aws:ResourceTag`'s).
    RequestTag(String),
    /// The keys of the tags the request gives (multivalued).
    TagKeys,
}

/// What a request offers the conditions of a policy.
pub trait Facts {
    /// The values of a key in the request's context; `None` when the
    /// context has no such key (a single-valued key has one value).
    fn values(&self, key: &Key) -> Option<Vec<&str>>;
}

/// What one request is, for one of its resources.
pub struct Request<'a> {
    /// `redshift:<operation>`, lowercase.
    pub action: &'a str,
    /// The resource's ARN, or `*` for an action without a resource type.
    pub resource: &'a str,
    pub facts: &'a dyn Facts,
}

/// What a policy says of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict<'p> {
    /// A statement that applies denies it (the statement's name).
    Deny(&'p str),
    /// A statement that applies allows it, and none denies it.
    Allow,
    /// No statement applies.
    Silent,
}

impl Policy {
    /// Reads a policy document, or names what is wrong with it.
    pub fn parse(document: &Value) -> Result<Policy, String> {
        let Value::Object(top) = document else {
            return Err("a policy document is a JSON object".to_owned());
        };
        let mut variables = false;
        let mut statements = None;
        for (name, value) in top {
            match name.as_str() {
                "Version" => {
                    let version = value.as_str().filter(|v| VERSIONS.contains(v));
                    let Some(version) = version else {
                        return Err(format!(
                            "Version must be \"2012-10-17\" or \"2008-10-17\", got {value}"
                        ));
                    };
                    variables = version == VERSIONS[0];
                }
                "Id" => {
                    value.as_str().ok_or("Id must be a string")?;
                }
                "Statement" => statements = Some(value),
                other => {
                    return Err(format!(
                        "{other:?} is not an element of a policy (Version, Id, Statement)"
                    ))
                }
            }
        }
        let statements = match statements.ok_or("a policy needs a Statement")? {
            Value::Array(list) => list
                .iter()
                .enumerate()
                .map(|(i, s)| Statement::parse(&format!("Statement[{i}]"), s, variables))
                .collect::<Result<Vec<_>, _>>()?,
            single => vec![Statement::parse("Statement", single, variables)?],
        };
        let sids: Vec<&str> = statements
            .iter()
            .filter(|s| !s.name.starts_with("Statement"))
            .map(|s| s.name.as_str())
            .collect();
        if let Some(twice) = sids
            .iter()
            .enumerate()
            .find(|(i, s)| sids[..*i].contains(s))
        {
            return Err(format!(
                "Sid {:?} is used twice: the Sids of a policy are unique (IAM)",
                twice.1
            ));
        }
        Ok(Policy { statements })
    }

    /// What the policy says of a request: an explicit deny wins over an
    /// allow (doc: policy evaluation logic).
    pub fn evaluate(&self, request: &Request) -> Verdict<'_> {
        let mut verdict = Verdict::Silent;
        for statement in &self.statements {
            if statement.applies(request) {
                if statement.deny {
                    return Verdict::Deny(&statement.name);
                }
                verdict = Verdict::Allow;
            }
        }
        verdict
    }
}

impl Statement {
    fn parse(at: &str, value: &Value, variables: bool) -> Result<Statement, String> {
        let Value::Object(fields) = value else {
            return Err(format!("{at} must be a JSON object"));
        };
        let mut name = at.to_owned();
        let mut deny = None;
        let (mut actions, mut resources, mut conditions) = (None, None, Vec::new());
        for (element, value) in fields {
            let here = format!("{at}.{element}");
            match element.as_str() {
                "Sid" => {
                    let sid = value
                        .as_str()
                        .filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric()));
                    // IAM's Sids are ASCII letters and digits (doc).
                    name = sid
                        .ok_or_else(|| format!("{here} must be ASCII letters and digits"))?
                        .to_owned();
                }
                "Effect" => {
                    deny = Some(match value.as_str() {
                        Some("Allow") => false,
                        Some("Deny") => true,
                        _ => return Err(format!("{here} must be \"Allow\" or \"Deny\"")),
                    });
                }
                "Action" | "NotAction" => {
                    let patterns = strings(&here, value)?
                        .into_iter()
                        .map(|text| action_pattern(&here, text))
                        .collect::<Result<_, _>>()?;
                    set_once(&mut actions, at, "Action", element, patterns)?;
                }
                "Resource" | "NotResource" => {
                    let patterns = strings(&here, value)?
                        .into_iter()
                        .map(|text| resource_pattern(&here, text, variables))
                        .collect::<Result<_, _>>()?;
                    set_once(&mut resources, at, "Resource", element, patterns)?;
                }
                "Condition" => conditions = Condition::parse_all(&here, value, variables)?,
                "Principal" | "NotPrincipal" => {
                    return Err(format!(
                        "{here}: an identity-based policy has no {element} (IAM refuses it: \
                         the policy applies to the identity it is attached to)"
                    ))
                }
                other => {
                    return Err(format!(
                        "{other:?} is not an element of a statement ({at}); a statement has \
                         Sid, Effect, Action or NotAction, Resource or NotResource, Condition"
                    ))
                }
            }
        }
        Ok(Statement {
            name,
            deny: deny.ok_or_else(|| format!("{at} needs an Effect"))?,
            actions: actions.ok_or_else(|| format!("{at} needs an Action or a NotAction"))?,
            resources: resources
                .ok_or_else(|| format!("{at} needs a Resource or a NotResource"))?,
            conditions,
        })
    }

    fn applies(&self, request: &Request) -> bool {
        self.actions.matches(request.action, Text::Glob)
            && self.resources.matches(request.resource, Text::Arn)
            && self.conditions.iter().all(|c| c.holds(request.facts))
    }
}

impl Element {
    fn matches(&self, text: &str, kind: Text) -> bool {
        self.patterns.iter().any(|p| p.is_match(text, kind)) != self.not
    }
}

/// Sets `Action`/`NotAction` (or `Resource`/`NotResource`) once.
fn set_once(
    slot: &mut Option<Element>,
    at: &str,
    base: &str,
    element: &str,
    patterns: Vec<Pattern>,
) -> Result<(), String> {
    if slot.is_some() {
        return Err(format!("{at} has both {base} and Not{base}"));
    }
    *slot = Some(Element {
        not: element.starts_with("Not"),
        patterns,
    });
    Ok(())
}

/// A value, or a non-empty list of values (IAM's elements take either).
fn one_or_more<'v>(at: &str, value: &'v Value) -> Result<Vec<&'v Value>, String> {
    match value {
        Value::Array(items) if !items.is_empty() => Ok(items.iter().collect()),
        Value::Array(_) => Err(format!("{at} is an empty list")),
        single => Ok(vec![single]),
    }
}

/// A string, or a non-empty list of strings.
fn strings<'v>(at: &str, value: &'v Value) -> Result<Vec<&'v str>, String> {
    one_or_more(at, value)?
        .into_iter()
        .map(|v| {
            v.as_str()
                .ok_or_else(|| format!("{at} must be a string or a list of strings"))
        })
        .collect()
}

/// `*`, or `<service>:<action glob>`; matched ignoring case (doc).
fn action_pattern(at: &str, text: &str) -> Result<Pattern, String> {
    let valid = text == "*"
        || text.split_once(':').is_some_and(|(service, action)| {
            !service.is_empty()
                && service
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !action.is_empty()
                && action
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'*' || b == b'?')
        });
    if !valid {
        return Err(format!(
            "{at}: {text:?} is not an action (\"*\" or \"<service>:<action>\", such as \
             \"redshift:DeleteClusterSnapshot\" or \"redshift:Describe*\")"
        ));
    }
    Pattern::new(&text.to_ascii_lowercase(), Text::Glob, false)
}

/// `*`, or an ARN glob of at least six colon-separated parts without a
/// wildcard in its service (doc: "You can't use a wildcard in the service
/// segment").
fn resource_pattern(at: &str, text: &str, variables: bool) -> Result<Pattern, String> {
    if text != "*" {
        let parts: Vec<&str> = text.splitn(6, ':').collect();
        if parts.len() < 6 || parts[0] != "arn" {
            return Err(format!(
                "{at}: {text:?} is not \"*\" or an ARN (arn:<partition>:<service>:<region>:<account>:<resource>)"
            ));
        }
        if parts[2].is_empty() || parts[2].contains(['*', '?']) {
            return Err(format!(
                "{at}: {text:?} must name its service without a wildcard (IAM)"
            ));
        }
    }
    Pattern::new(text, Text::Arn, variables).map_err(|e| format!("{at}: {e}"))
}

impl Condition {
    /// Reads a `Condition` element: operator -> key -> value(s).
    fn parse_all(at: &str, value: &Value, variables: bool) -> Result<Vec<Condition>, String> {
        let Value::Object(operators) = value else {
            return Err(format!("{at} must be a JSON object of condition operators"));
        };
        let mut conditions = Vec::new();
        for (operator, keys) in operators {
            let here = format!("{at}.{operator}");
            let Value::Object(keys) = keys else {
                return Err(format!("{here} must be a JSON object of condition keys"));
            };
            for (key, values) in keys {
                conditions.push(Condition::parse(&here, operator, key, values, variables)?);
            }
        }
        Ok(conditions)
    }

    fn parse(
        at: &str,
        operator: &str,
        key: &str,
        values: &Value,
        variables: bool,
    ) -> Result<Condition, String> {
        let (set, base) = match operator.split_once(':') {
            Some(("ForAllValues", base)) => (Some(Set::All), base),
            Some(("ForAnyValue", base)) => (Some(Set::Any), base),
            Some(_) => (None, ""),
            None => (None, operator),
        };
        let (base, if_exists) = match base.strip_suffix("IfExists") {
            Some(base) => (base, true),
            None => (base, false),
        };
        let unknown = || {
            format!("{at}: the condition operator {operator} is not evaluated by redshift-fake (it evaluates {OPERATORS})")
        };
        type Read = fn(&str, &[String], bool) -> Result<Test, String>;
        let (read, negated): (Read, bool) = match base {
            "StringEquals" => (Test::equals, false),
            "StringNotEquals" => (Test::equals, true),
            "StringEqualsIgnoreCase" => (Test::equals_ignoring_case, false),
            "StringNotEqualsIgnoreCase" => (Test::equals_ignoring_case, true),
            "StringLike" => (Test::like, false),
            "StringNotLike" => (Test::like, true),
            "Null" if set.is_none() && !if_exists => (Test::null, false),
            _ => return Err(unknown()),
        };
        if set.is_some() && if_exists {
            return Err(format!(
                "{at}: IfExists with ForAllValues:/ForAnyValue: is not evaluated by redshift-fake \
                 (IAM documents no one meaning for it)"
            ));
        }
        let key_at = format!("{at}.{key}");
        let key = Key::parse(&key_at, key)?;
        let test = read(&key_at, &condition_values(&key_at, values)?, variables)?;
        if key == Key::TagKeys && set.is_none() && !matches!(test, Test::Null(_)) {
            return Err(format!(
                "{key_at}: aws:TagKeys is a multivalued key, which IAM evaluates with \
                 ForAllValues: or ForAnyValue: (doc); say which"
            ));
        }
        Ok(Condition {
            set,
            test,
            negated,
            if_exists,
            key,
        })
    }

    /// Whether the condition holds for the request (doc: condition
    /// operators, "...IfExists", the set operators, and "a key that is not
    /// present": false, but true for a negated operator).
    fn holds(&self, facts: &dyn Facts) -> bool {
        let values = facts.values(&self.key).filter(|v| !v.is_empty());
        if let Test::Null(expected) = &self.test {
            return expected.contains(&values.is_none());
        }
        let Some(values) = values else {
            return match self.set {
                Some(Set::All) => true,
                Some(Set::Any) => false,
                None => self.if_exists || self.negated,
            };
        };
        let each = |value: &&str| self.matches_one(value) != self.negated;
        match self.set {
            Some(Set::Any) => values.iter().any(each),
            Some(Set::All) | None => values.iter().all(each),
        }
    }

    /// Whether one request value matches one of the policy's values.
    fn matches_one(&self, value: &str) -> bool {
        match &self.test {
            Test::Equals(expected) => expected.iter().any(|e| e == value),
            Test::EqualsIgnoreCase(expected) => {
                let value = value.to_lowercase();
                expected.contains(&value)
            }
            Test::Like(patterns) => patterns.iter().any(|p| p.is_match(value, Text::Glob)),
            Test::Null(_) => false,
        }
    }
}

impl Test {
    /// The values of a `String(Not)Equals` operator at `at`, escapes read.
    fn literals(at: &str, texts: &[String], variables: bool) -> Result<Vec<String>, String> {
        let read = |t: &String| literal(t, variables).map_err(|e| format!("{at}: {e}"));
        texts.iter().map(read).collect()
    }

    fn equals(at: &str, texts: &[String], variables: bool) -> Result<Test, String> {
        Test::literals(at, texts, variables).map(Test::Equals)
    }

    fn equals_ignoring_case(at: &str, texts: &[String], variables: bool) -> Result<Test, String> {
        let values = Test::literals(at, texts, variables)?;
        Ok(Test::EqualsIgnoreCase(
            values.iter().map(|v| v.to_lowercase()).collect(),
        ))
    }

    fn like(at: &str, texts: &[String], variables: bool) -> Result<Test, String> {
        let read =
            |t: &String| Pattern::new(t, Text::Glob, variables).map_err(|e| format!("{at}: {e}"));
        Ok(Test::Like(
            texts.iter().map(read).collect::<Result<_, _>>()?,
        ))
    }

    fn null(at: &str, texts: &[String], _: bool) -> Result<Test, String> {
        let read = |t: &String| match t.to_ascii_lowercase().as_str() {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(format!("{at}: Null takes \"true\" or \"false\", got {t:?}")),
        };
        Ok(Test::Null(
            texts.iter().map(read).collect::<Result<_, _>>()?,
        ))
    }
}

impl Key {
    /// Reads a condition key; their names are case-insensitive (doc).
    fn parse(at: &str, key: &str) -> Result<Key, String> {
        let lower = key.to_ascii_lowercase();
        let tag = |prefix: &str| {
            lower
                .starts_with(prefix)
                .then(|| key[prefix.len()..].to_owned())
                .filter(|k| !k.is_empty() && !k.contains("${"))
        };
        if lower == "aws:requestedregion" {
            Ok(Key::RequestedRegion)
        } else if lower == "aws:tagkeys" {
            Ok(Key::TagKeys)
        } else if let Some(k) = tag("aws:resourcetag/") {
            Ok(Key::ResourceTag(k))
        } else if let Some(k) = tag("aws:requesttag/") {
            Ok(Key::RequestTag(k))
        } else {
            Err(format!(
                "{at}: the condition key {key} is not evaluated by redshift-fake (it evaluates {KEYS})"
            ))
        }
    }
}

/// A condition's values: a string, number or boolean (as its JSON text),
/// or a non-empty list of them.
fn condition_values(at: &str, value: &Value) -> Result<Vec<String>, String> {
    one_or_more(at, value)?
        .into_iter()
        .map(|v| match v {
            Value::String(s) => Ok(s.clone()),
            Value::Number(_) | Value::Bool(_) => Ok(v.to_string()),
            _ => Err(format!(
                "{at} must be a string, a number, a boolean or a list of them"
            )),
        })
        .collect()
}
