//! A resource policy document, read and evaluated as IAM does for the
//! questions the fake asks of it: may this account do this action (from this
//! source)?

use serde_json::{Map, Value};

use crate::engine::identifiers::is_account_id;
use crate::errors::RedshiftError;

/// Who a statement is about.
#[derive(Debug, Clone, PartialEq)]
enum Principal {
    /// `"*"` or `{"AWS": "*"}`: everyone.
    Anyone,
    /// AWS accounts, from account ids and IAM ARNs of those accounts; and
    /// service principals, which are no account.
    Accounts(Vec<String>),
}

/// A condition the fake evaluates: `aws:SourceArn` with a string or ARN
/// operator.
#[derive(Debug, Clone, PartialEq)]
struct SourceArnCondition {
    /// `*Like` operators match with wildcards.
    like: bool,
    values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
struct Statement {
    allow: bool,
    principal: Principal,
    /// `Action` patterns, or with `not_action` those of `NotAction`.
    actions: Vec<String>,
    not_action: bool,
    /// `None` when the statement has a condition the fake cannot evaluate:
    /// it then never applies (choice).
    conditions: Option<Vec<SourceArnCondition>>,
}

/// A parsed resource policy.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyDocument {
    statements: Vec<Statement>,
}

fn invalid(message: impl Into<String>) -> RedshiftError {
    RedshiftError::InvalidPolicy(message.into())
}

/// A string or a non-empty list of strings (IAM's grammar for most elements).
fn strings(value: &Value, element: &str) -> Result<Vec<String>, RedshiftError> {
    let list: Vec<&Value> = match value {
        Value::Array(items) if !items.is_empty() => items.iter().collect(),
        Value::String(_) => vec![value],
        _ => {
            return Err(invalid(format!(
                "{element} must be a string or a non-empty list of strings."
            )))
        }
    };
    list.into_iter()
        .map(|v| {
            v.as_str().map(str::to_owned).ok_or_else(|| {
                invalid(format!(
                    "{element} must be a string or a non-empty list of strings."
                ))
            })
        })
        .collect()
}

/// The account an AWS principal names: an account id, or an IAM ARN of it.
fn principal_account(text: &str) -> Result<String, RedshiftError> {
    if is_account_id(text) {
        return Ok(text.to_owned());
    }
    let parts: Vec<&str> = text.splitn(6, ':').collect();
    match parts[..] {
        ["arn", _, "iam" | "sts", "", account, _] if is_account_id(account) => {
            Ok(account.to_owned())
        }
        _ => Err(invalid(format!(
            "Invalid principal in policy: \"AWS\":\"{text}\""
        ))),
    }
}

fn principal(value: Option<&Value>) -> Result<Principal, RedshiftError> {
    match value {
        Some(Value::String(s)) if s == "*" => Ok(Principal::Anyone),
        Some(Value::Object(map)) if !map.is_empty() => {
            let mut accounts = Vec::new();
            for (kind, names) in map {
                let names = strings(names, "Principal")?;
                match kind.as_str() {
                    "AWS" if names.iter().any(|n| n == "*") => return Ok(Principal::Anyone),
                    "AWS" => {
                        for name in names {
                            accounts.push(principal_account(&name)?);
                        }
                    }
                    "Service" | "Federated" | "CanonicalUser" => {}
                    other => {
                        return Err(invalid(format!(
                            "Invalid principal type in policy: {other}"
                        )))
                    }
                }
            }
            Ok(Principal::Accounts(accounts))
        }
        None => Err(invalid(
            "A resource policy statement must name a Principal.",
        )),
        Some(_) => Err(invalid(
            "Principal must be \"*\" or an object of principals.",
        )),
    }
}

fn conditions(value: Option<&Value>) -> Result<Option<Vec<SourceArnCondition>>, RedshiftError> {
    let Some(value) = value else {
        return Ok(Some(Vec::new()));
    };
    let operators = value
        .as_object()
        .ok_or_else(|| invalid("Condition must be an object of condition operators."))?;
    let mut read = Vec::new();
    for (operator, keys) in operators {
        let keys: &Map<String, Value> = keys.as_object().ok_or_else(|| {
            invalid(format!(
                "The {operator} condition must be an object of keys."
            ))
        })?;
        let like = match operator.as_str() {
            "StringEquals" | "ArnEquals" => false,
            "StringLike" | "ArnLike" => true,
            _ => return Ok(None),
        };
        for (key, values) in keys {
            if !key.eq_ignore_ascii_case("aws:SourceArn") {
                return Ok(None);
            }
            read.push(SourceArnCondition {
                like,
                values: strings(values, "A condition's value")?,
            });
        }
    }
    Ok(Some(read))
}

/// IAM's wildcard match: `*` any run of characters, `?` any one.
pub fn glob(pattern: &str, text: &str, ignore_case: bool) -> bool {
    let fold = |s: &str| {
        if ignore_case {
            s.to_ascii_lowercase()
        } else {
            s.to_owned()
        }
    };
    let (p, t): (Vec<char>, Vec<char>) = (
        fold(pattern).chars().collect(),
        fold(text).chars().collect(),
    );
    let (mut pi, mut ti) = (0, 0);
    let mut back: Option<(usize, usize)> = None;
    while ti < t.len() {
        match p.get(pi) {
            Some('*') => {
                back = Some((pi, ti));
                pi += 1;
            }
            Some(&c) if c == '?' || c == t[ti] => {
                pi += 1;
                ti += 1;
            }
            _ => match back {
                Some((star, matched)) => {
                    pi = star + 1;
                    ti = matched + 1;
                    back = Some((star, matched + 1));
                }
                None => return false,
            },
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

impl PolicyDocument {
    /// Reads a policy: a JSON object with an optional `Version` of IAM's two,
    /// and one or more statements, each with an `Effect`, a `Principal` and
    /// an `Action` or `NotAction` (doc: IAM JSON policy grammar); otherwise
    /// `InvalidPolicyFault` saying what is wrong.
    pub fn parse(text: &str) -> Result<PolicyDocument, RedshiftError> {
        let root: Value = serde_json::from_str(text)
            .map_err(|e| invalid(format!("The policy is not valid JSON: {e}.")))?;
        let root = root
            .as_object()
            .ok_or_else(|| invalid("The policy must be a JSON object."))?;
        match root.get("Version").map(Value::as_str) {
            None | Some(Some("2012-10-17" | "2008-10-17")) => {}
            Some(_) => {
                return Err(invalid(
                    "The policy's Version must be 2012-10-17 or 2008-10-17.",
                ))
            }
        }
        let raw: Vec<&Value> = match root.get("Statement") {
            Some(Value::Array(items)) if !items.is_empty() => items.iter().collect(),
            Some(one @ Value::Object(_)) => vec![one],
            _ => return Err(invalid("The policy must have one or more statements.")),
        };
        let mut statements = Vec::with_capacity(raw.len());
        for statement in raw {
            let s = statement
                .as_object()
                .ok_or_else(|| invalid("Each statement must be a JSON object."))?;
            let allow = match s.get("Effect").and_then(Value::as_str) {
                Some("Allow") => true,
                Some("Deny") => false,
                _ => return Err(invalid("Each statement's Effect must be Allow or Deny.")),
            };
            let (actions, not_action) = match (s.get("Action"), s.get("NotAction")) {
                (Some(a), None) => (strings(a, "Action")?, false),
                (None, Some(a)) => (strings(a, "NotAction")?, true),
                _ => {
                    return Err(invalid(
                        "Each statement needs either an Action or a NotAction.",
                    ))
                }
            };
            statements.push(Statement {
                allow,
                principal: principal(s.get("Principal"))?,
                actions,
                not_action,
                conditions: conditions(s.get("Condition"))?,
            });
        }
        Ok(PolicyDocument { statements })
    }

    /// Whether the policy lets `account` do `action` (`service:Action`),
    /// `source` being the request's `aws:SourceArn`: some statement allows
    /// it and none denies it (doc: IAM's evaluation logic).
    pub fn allows(&self, account: &str, action: &str, source: Option<&str>) -> bool {
        let applies = |s: &Statement| {
            let principal = match &s.principal {
                Principal::Anyone => true,
                Principal::Accounts(accounts) => accounts.iter().any(|a| a == account),
            };
            let named = s.actions.iter().any(|p| glob(p, action, true));
            let conditions = s.conditions.as_ref().is_some_and(|cs| {
                cs.iter().all(|c| {
                    source.is_some_and(|src| {
                        c.values.iter().any(|v| {
                            if c.like {
                                glob(v, src, false)
                            } else {
                                v == src
                            }
                        })
                    })
                })
            });
            principal && named != s.not_action && conditions
        };
        let mut allowed = false;
        for s in self.statements.iter().filter(|s| applies(s)) {
            if !s.allow {
                return false;
            }
            allowed = true;
        }
        allowed
    }
}
