//! A Query-protocol request body, decoded: the form's flat keys
//! (`Tags.Tag.1.Key=k`) become a tree, which the validator reads through
//! [`FormParam`] with the input shape in hand, so wire names (list item names,
//! member `locationName`s) turn into the model's member names, and text turns
//! into integers, booleans and timestamps where the shape asks for them.

use std::convert::Infallible;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use indexmap::IndexMap;

use crate::errors::RedshiftError;
use crate::model::service::ShapeKind;
use crate::validate::{Param, Read, Reading};

/// The most dot-separated parts a parameter name may have (choice): the
/// deepest input member of the model has 8
/// (`ServiceIntegrations.member.1.LakeFormation.member.1.LakeFormationQuery.Authorization`),
/// so 32 leaves room for a newer model while keeping the tree shallow.
pub const MAX_NAME_PARTS: usize = 32;

/// One node of a decoded form: `A.B.1=x` is the path A -> B -> 1 to the
/// value `x`. Children keep the order of the form and are found by name in
/// constant time, so decoding is linear in the size of the body.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct FormNode {
    pub value: Option<String>,
    pub children: IndexMap<String, FormNode>,
}

impl FormNode {
    /// The child of that name.
    pub fn child(&self, name: &str) -> Option<&FormNode> {
        self.children.get(name)
    }

    /// Takes the child of that name out of the tree.
    pub fn take(&mut self, name: &str) -> Option<FormNode> {
        self.children.shift_remove(name)
    }

    fn child_mut(&mut self, name: &str) -> &mut FormNode {
        let i = match self.children.get_index_of(name) {
            Some(i) => i,
            None => {
                self.children
                    .insert_full(name.to_owned(), FormNode::default())
                    .0
            }
        };
        &mut self.children[i]
    }

    /// The children named 1, 2, ... in index order: the items of a list or
    /// the entries of a map. `None` when a child is not a positive index.
    fn numbered(&self) -> Option<Vec<&FormNode>> {
        let mut items = self
            .children
            .iter()
            .map(|(k, n)| match k.parse::<u32>() {
                Ok(i) if i > 0 && !k.starts_with('+') => Some((i, n)),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()?;
        items.sort_unstable_by_key(|(i, _)| *i);
        Some(items.into_iter().map(|(_, n)| n).collect())
    }

    /// The text of a leaf.
    fn text(&self) -> Option<&str> {
        if self.children.is_empty() {
            self.value.as_deref()
        } else {
            None
        }
    }
}

/// Whether a body is percent-encoded UTF-8: every `%` starts an escape of
/// two hex digits, and the bytes it stands for are UTF-8 (`&`, `=` and `+`
/// are ASCII, so the whole body is valid exactly when each name and value
/// is).
fn well_formed(body: &[u8]) -> bool {
    let escapes = body
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'%')
        .all(|(i, _)| {
            body.get(i + 1..i + 3)
                .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
        });
    escapes && percent_encoding::percent_decode(body).decode_utf8().is_ok()
}

/// Parses an `application/x-www-form-urlencoded` body into a tree:
/// `MalformedQueryString` when it is not percent-encoded UTF-8 or a name has
/// more than [`MAX_NAME_PARTS`] parts. Of a name given twice, the last
/// value counts.
pub fn parse_form(body: &[u8]) -> Result<FormNode, RedshiftError> {
    if !well_formed(body) {
        return Err(RedshiftError::MalformedQueryString);
    }
    let mut root = FormNode::default();
    for (key, value) in form_urlencoded::parse(body) {
        if key.bytes().filter(|&b| b == b'.').count() >= MAX_NAME_PARTS {
            return Err(RedshiftError::ParameterNameTooDeep {
                limit: MAX_NAME_PARTS,
            });
        }
        let mut node = &mut root;
        for segment in key.split('.') {
            node = node.child_mut(segment);
        }
        node.value = Some(value.into_owned());
    }
    Ok(root)
}

/// A timestamp as Query clients send it: ISO 8601 with an offset (botocore
/// writes `2024-05-01T12:00:00Z` or with microseconds), or without one, or a
/// date alone, both taken as UTC. Microseconds since the epoch.
pub fn parse_timestamp(text: &str) -> Option<i64> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t.timestamp_micros());
    }
    if let Ok(t) = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f") {
        return Some(t.and_utc().timestamp_micros());
    }
    let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    Some(day.and_hms_opt(0, 0, 0)?.and_utc().timestamp_micros())
}

/// A node of the form, as the validator reads it along the input shape.
#[derive(Clone, Copy)]
pub struct FormParam<'a>(pub &'a FormNode);

impl FormParam<'_> {
    /// The text of a leaf, read by `parse` where the shape asks for it: a
    /// text it cannot read is refused like one in-process boto3 would send.
    fn read<T>(&self, parse: impl FnOnce(&str) -> Option<T>) -> Reading<T, Infallible> {
        Ok(match self.0.text() {
            None => Read::WrongType,
            Some(text) => {
                parse(text).map_or_else(|| Read::Unreadable(text.to_owned()), Read::Value)
            }
        })
    }
}

impl Param for FormParam<'_> {
    /// The service's own reading: nothing to raise.
    type Error = Infallible;

    /// A structure's members by their model names, in the order of the form
    /// (wire names that match no member are ignored, as AWS ignores
    /// parameters it does not know).
    fn entries(&self, kind: &ShapeKind) -> Option<Vec<(String, bool, Self)>> {
        let ShapeKind::Structure {
            members, by_wire, ..
        } = kind
        else {
            return None;
        };
        if self.0.children.is_empty() && self.0.value.is_some() {
            return None;
        }
        Some(
            self.0
                .children
                .iter()
                .filter_map(|(wire, node)| {
                    let member = &members[*by_wire.get(wire)?];
                    Some((member.name.clone(), true, FormParam(node)))
                })
                .collect(),
        )
    }

    /// A map's `entry.N.key` / `entry.N.value` pairs.
    fn pairs(&self) -> Option<Vec<(Self, Self)>> {
        if self.0.children.is_empty() && self.0.value.is_some() {
            return None;
        }
        let Some(entries) = self.0.child("entry") else {
            return Some(Vec::new());
        };
        entries
            .numbered()?
            .into_iter()
            .map(|e| Some((FormParam(e.child("key")?), FormParam(e.child("value")?))))
            .collect()
    }

    /// A list's items: `Name.Item.N` with the item name of the model
    /// (`member` by default), `Name.N` when flattened; `Name=` is empty.
    fn items(&self, kind: &ShapeKind) -> Option<Vec<Self>> {
        let ShapeKind::List {
            location_name,
            flattened,
            ..
        } = kind
        else {
            return None;
        };
        if self.0.text() == Some("") {
            return Some(Vec::new());
        }
        let holder = if *flattened {
            self.0
        } else {
            self.0.child(location_name.as_deref().unwrap_or("member"))?
        };
        Some(holder.numbered()?.into_iter().map(FormParam).collect())
    }

    fn string(&self) -> Reading<String, Infallible> {
        self.read(|t| Some(t.to_owned()))
    }

    fn integer(&self) -> Reading<i64, Infallible> {
        self.read(|t| t.parse().ok())
    }

    fn double(&self) -> Reading<f64, Infallible> {
        self.read(|t| t.parse::<f64>().ok().filter(|f| f.is_finite()))
    }

    fn boolean(&self) -> Reading<bool, Infallible> {
        self.read(|t| {
            if t.eq_ignore_ascii_case("true") {
                Some(true)
            } else if t.eq_ignore_ascii_case("false") {
                Some(false)
            } else {
                None
            }
        })
    }

    fn timestamp(&self) -> Reading<i64, Infallible> {
        self.read(parse_timestamp)
    }

    fn describe(&self) -> Result<(String, String), Infallible> {
        Ok((
            self.0.text().unwrap_or_default().to_owned(),
            "<class 'str'>".to_owned(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_becomes_a_tree() {
        let root =
            parse_form(b"Action=X&Tags.Tag.1.Key=a%20b&Tags.Tag.1.Value=c+d&&Empty&Action=Y")
                .unwrap();
        assert_eq!(root.child("Action").unwrap().value.as_deref(), Some("Y"));
        let tag = root
            .child("Tags")
            .and_then(|t| t.child("Tag"))
            .and_then(|t| t.child("1"))
            .unwrap();
        assert_eq!(tag.child("Key").unwrap().value.as_deref(), Some("a b"));
        assert_eq!(tag.child("Value").unwrap().value.as_deref(), Some("c d"));
        assert_eq!(root.child("Empty").unwrap().value.as_deref(), Some(""));
    }

    #[test]
    fn bad_encoding_is_refused() {
        for body in [&b"A=%zz"[..], b"A=%4", b"A=%ff", b"%E0%80=1", b"A=\xff"] {
            assert_eq!(parse_form(body), Err(RedshiftError::MalformedQueryString));
        }
        assert!(parse_form("A=%E2%82%AC+%2B&B=\u{20ac}".as_bytes()).is_ok());
    }

    #[test]
    fn names_nested_too_deep_are_refused_without_recursion() {
        let deep = format!("Action=X&{}a=1", "a.".repeat(300_000));
        assert_eq!(
            parse_form(deep.as_bytes()),
            Err(RedshiftError::ParameterNameTooDeep {
                limit: MAX_NAME_PARTS
            })
        );
        let limit = format!("{}a=1", "a.".repeat(MAX_NAME_PARTS - 1));
        assert!(parse_form(limit.as_bytes()).is_ok());
    }

    #[test]
    fn decoding_is_linear_in_distinct_names_and_list_items() {
        // Quadratic decoding took tens of seconds on these; linear, milliseconds.
        let keys: String = (0..80_000).map(|i| format!("K{i}=v&")).collect();
        assert_eq!(parse_form(keys.as_bytes()).unwrap().children.len(), 80_000);
        let items: String = (1..=100_000)
            .map(|i| format!("TagKeys.TagKey.{i}=k{i}&"))
            .collect();
        let root = parse_form(items.as_bytes()).unwrap();
        let list = root
            .child("TagKeys")
            .and_then(|n| n.child("TagKey"))
            .unwrap();
        assert_eq!(list.numbered().unwrap().len(), 100_000);
    }

    #[test]
    fn numbered_children_come_in_index_order() {
        let root = parse_form(b"L.2=b&L.10=c&L.1=a").unwrap();
        let items: Vec<_> = root
            .child("L")
            .unwrap()
            .numbered()
            .unwrap()
            .iter()
            .map(|n| n.value.clone().unwrap())
            .collect();
        assert_eq!(items, ["a", "b", "c"]);
        assert!(parse_form(b"L.0=a")
            .unwrap()
            .child("L")
            .unwrap()
            .numbered()
            .is_none());
        assert!(parse_form(b"L.x=a")
            .unwrap()
            .child("L")
            .unwrap()
            .numbered()
            .is_none());
    }

    #[test]
    fn timestamps_in_iso_8601() {
        assert_eq!(parse_timestamp("1970-01-01T00:00:01Z"), Some(1_000_000));
        assert_eq!(parse_timestamp("1970-01-01T00:00:01.5Z"), Some(1_500_000));
        assert_eq!(parse_timestamp("1970-01-01T01:00:00+01:00"), Some(0));
        assert_eq!(parse_timestamp("1970-01-01T00:00:02"), Some(2_000_000));
        assert_eq!(
            parse_timestamp("1970-01-01T00:00:02.000003"),
            Some(2_000_003)
        );
        assert_eq!(parse_timestamp("1970-01-02"), Some(86_400_000_000));
        assert_eq!(parse_timestamp("yesterday"), None);
        assert_eq!(parse_timestamp(""), None);
    }
}
