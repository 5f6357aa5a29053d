//! The constraints of the service model that botocore leaves to the service:
//! a string's or list's `max` length and a string's `pattern`. The service
//! checks them on every request it receives, before the operation runs, and
//! refuses a request that breaks any with one `ValidationError` listing them
//! all, in the words AWS's request validation uses (fact, seen from
//! Redshift: `1 validation error detected: Value '...' at 'targetArn' failed
//! to satisfy constraint: Member must satisfy regular expression pattern:
//! ...`).

use std::sync::OnceLock;

use fancy_regex::Regex;
use serde_json::Value;

use crate::errors::RedshiftError;
use crate::model::service::{model, ShapeId, ShapeKind};

/// The compiled `pattern` of every shape that has one, by shape, and, by
/// the operation's place in [`crate::ops::OPERATIONS`], the input shape of
/// each operation whose input holds any constraint at all (most hold none,
/// and cost nothing).
struct Compiled {
    patterns: Vec<Option<Regex>>,
    constrained: Vec<Option<ShapeId>>,
}

fn compiled() -> &'static Compiled {
    static COMPILED: OnceLock<Compiled> = OnceLock::new();
    COMPILED.get_or_init(|| {
        let m = model();
        let patterns = m
            .shapes
            .iter()
            .map(|s| {
                s.pattern
                    .as_deref()
                    .and_then(|p| Regex::new(&anchored(p)).ok())
            })
            .collect();
        let constrained = crate::ops::OPERATIONS
            .iter()
            .map(|name| {
                m.operation(name)
                    .and_then(|o| o.input)
                    .filter(|input| holds_constraints(*input, &mut Vec::new()))
            })
            .collect();
        Compiled {
            patterns,
            constrained,
        }
    })
}

/// A model pattern as AWS applies it: to the whole value (Java's
/// `matches`), with `\w` meaning ASCII word characters, as in Java.
fn anchored(pattern: &str) -> String {
    let ascii = pattern.replace(r"\w", "0-9A-Za-z_");
    format!("^(?:{ascii})$")
}

/// Whether a shape, or any shape inside it, has a `max` below the model's
/// "no limit" (2^31 - 1) or a `pattern`.
fn holds_constraints(id: ShapeId, seen: &mut Vec<ShapeId>) -> bool {
    if seen.contains(&id) {
        return false;
    }
    seen.push(id);
    let shape = &model().shapes[id];
    if shape.pattern.is_some() || shape.max.is_some_and(|m| m < i64::from(i32::MAX)) {
        return true;
    }
    match &shape.kind {
        ShapeKind::Structure { members, .. } => {
            members.iter().any(|m| holds_constraints(m.shape, seen))
        }
        ShapeKind::List { member, .. } => holds_constraints(*member, seen),
        ShapeKind::Map { key, value } => {
            holds_constraints(*key, seen) || holds_constraints(*value, seen)
        }
        _ => false,
    }
}

/// Checks validated parameters of `operation` against the model's `max`
/// and `pattern` constraints.
pub fn check(operation: &str, params: &Value) -> Result<(), RedshiftError> {
    crate::ops::operation_index(operation).map_or(Ok(()), |index| check_at(index, params))
}

/// [`check`] for the operation at `index` in [`crate::ops::OPERATIONS`],
/// as every call's way through the service does it.
pub fn check_at(index: usize, params: &Value) -> Result<(), RedshiftError> {
    let Some(input) = compiled().constrained.get(index).copied().flatten() else {
        return Ok(());
    };
    let mut broken = Vec::new();
    walk(input, params, "", &mut broken);
    if broken.is_empty() {
        return Ok(());
    }
    let plural = if broken.len() == 1 { "" } else { "s" };
    Err(RedshiftError::ValidationFailed(format!(
        "{} validation error{plural} detected: {}",
        broken.len(),
        broken.join("; ")
    )))
}

/// A member's name as AWS's validation messages write it: lowerCamelCase.
fn camel(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_ascii_lowercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

fn walk(id: ShapeId, value: &Value, path: &str, broken: &mut Vec<String>) {
    let shape = &model().shapes[id];
    let too_long = |length: usize| shape.max.is_some_and(|max| length as i64 > max);
    let mut fail = |shown: String, constraint: String| {
        broken.push(format!(
            "Value {shown} at '{path}' failed to satisfy constraint: {constraint}"
        ));
    };
    match (&shape.kind, value) {
        (ShapeKind::String, Value::String(text)) => {
            let shown = format!("'{text}'");
            if too_long(text.chars().count()) {
                let max = shape.max.unwrap_or_default();
                fail(
                    shown.clone(),
                    format!("Member must have length less than or equal to {max}"),
                );
            }
            // An empty value is left to the length rules and to the
            // operation's own (choice: some operations document their own
            // error for an empty name).
            let pattern = compiled().patterns[id].as_ref();
            if let (false, Some(regex)) = (text.is_empty(), pattern) {
                if !regex.is_match(text).unwrap_or(true) {
                    let source = shape.pattern.as_deref().unwrap_or_default();
                    fail(
                        shown,
                        format!("Member must satisfy regular expression pattern: {source}"),
                    );
                }
            }
        }
        (ShapeKind::List { member, .. }, Value::Array(items)) => {
            if too_long(items.len()) {
                let shown: Vec<String> = items
                    .iter()
                    .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                    .collect();
                let max = shape.max.unwrap_or_default();
                fail(
                    format!("'[{}]'", shown.join(", ")),
                    format!("Member must have length less than or equal to {max}"),
                );
            }
            for (i, item) in items.iter().enumerate() {
                walk(*member, item, &format!("{path}.{}.member", i + 1), broken);
            }
        }
        (ShapeKind::Structure { members, .. }, Value::Object(map)) => {
            for m in members {
                if let Some(v) = map.get(&m.name) {
                    let name = camel(&m.name);
                    let inner = if path.is_empty() {
                        name
                    } else {
                        format!("{path}.{name}")
                    };
                    walk(m.shape, v, &inner, broken);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn message(operation: &str, params: Value) -> Option<String> {
        check(operation, &params).err().map(|e| {
            assert_eq!(e.code(), "ValidationError");
            e.to_string()
        })
    }

    #[test]
    fn a_pattern_is_held_to_the_whole_value() {
        let target = "arn:aws:redshift:us-east-1:123456789012:cluster:c1";
        assert_eq!(
            message(
                "CreateIntegration",
                json!({"SourceArn": "arn:aws:s3:::b", "TargetArn": target, "IntegrationName": "i1"})
            )
            .as_deref(),
            Some(concat!(
                "1 validation error detected: Value 'arn:aws:redshift:us-east-1:123456789012:cluster:c1' ",
                "at 'targetArn' failed to satisfy constraint: Member must satisfy regular expression pattern: ",
                r"^arn:aws[a-z\-]*:redshift(-serverless)?:[a-z0-9\-]+:[0-9]{12}:(namespace\/|namespace:)[a-z0-9\-]+$"
            ))
        );
        // Unanchored model patterns match whole values too.
        let app = |name: &str| {
            message(
                "CreateQev2IdcApplication",
                json!({"IdcInstanceArn": "x", "Qev2IdcApplicationName": name, "IdcDisplayName": "d"}),
            )
        };
        assert_eq!(app("app-1"), None);
        assert!(app("App").is_some());
        assert!(app("app_1").is_some());
    }

    #[test]
    fn lengths_and_every_problem_at_once() {
        let long = "a".repeat(64);
        let text = message(
            "CreateAuthenticationProfile",
            json!({"AuthenticationProfileName": long, "AuthenticationProfileContent": "{}"}),
        )
        .unwrap();
        assert!(text.starts_with("1 validation error detected: Value 'aaaa"));
        assert!(text.ends_with("Member must have length less than or equal to 63"));
        let text = message(
            "AddPartner",
            json!({"AccountId": "12345678901x", "ClusterIdentifier": "c_1",
                   "DatabaseName": "dev", "PartnerName": "p"}),
        )
        .unwrap();
        assert!(
            text.starts_with("2 validation errors detected: Value '12345678901x' at 'accountId'")
        );
        assert!(text.contains("; Value 'c_1' at 'clusterIdentifier'"));
        let text = message(
            "RegisterNamespace",
            json!({"NamespaceIdentifier": {"ProvisionedIdentifier": {"ClusterIdentifier": "c1"}},
                   "ConsumerIdentifiers": ["111122223333", "210987654321"]}),
        )
        .unwrap();
        assert!(text.contains("Value '[111122223333, 210987654321]' at 'consumerIdentifiers'"));
    }

    #[test]
    fn java_word_characters_are_ascii_and_empty_values_are_left_alone() {
        let display = |name: &str| {
            message(
                "ModifyQev2IdcApplication",
                json!({"Qev2IdcApplicationArn": "x", "IdcDisplayName": name}),
            )
        };
        assert_eq!(display("My_App.1@x"), None);
        assert!(display("é").is_some());
        assert_eq!(
            message(
                "DeleteAuthenticationProfile",
                json!({"AuthenticationProfileName": ""})
            ),
            None
        );
    }

    #[test]
    fn operations_without_constraints_are_not_walked() {
        let c = compiled();
        let constrained =
            |name| c.constrained[crate::ops::operation_index(name).unwrap()].is_some();
        assert!(!constrained("DeleteClusterSnapshot"));
        assert!(constrained("AddPartner"));
        assert_eq!(
            message("DeleteClusterSnapshot", json!({"SnapshotIdentifier": "x"})),
            None
        );
        // Every pattern of the model compiles.
        for (shape, regex) in model().shapes.iter().zip(&c.patterns) {
            assert_eq!(shape.pattern.is_some(), regex.is_some(), "{}", shape.name);
        }
    }
}
