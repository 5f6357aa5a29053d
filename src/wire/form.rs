//! A Query-protocol request body, decoded: the form's flat keys
//! (`Tags.Tag.1.Key=k`) become a tree, which the validator reads through
//! [`FormParam`] with the input shape in hand, so wire names (list item names,
//! member `locationName`s) turn into the model's member names, and text turns
//! into integers, booleans and timestamps where the shape asks for them.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

use crate::model::service::{model, ShapeId, ShapeKind};
use crate::validate::Param;

/// One node of a decoded form: `A.B.1=x` is the path A -> B -> 1 to the
/// value `x`. Children keep the order of the form.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct FormNode {
    pub value: Option<String>,
    pub children: Vec<(String, FormNode)>,
}

impl FormNode {
    /// The child of that name.
    pub fn child(&self, name: &str) -> Option<&FormNode> {
        self.children
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, n)| n)
    }

    /// Takes the child of that name out of the tree.
    pub fn take(&mut self, name: &str) -> Option<FormNode> {
        let i = self.children.iter().position(|(k, _)| k == name)?;
        Some(self.children.remove(i).1)
    }

    fn child_mut(&mut self, name: &str) -> &mut FormNode {
        let i = match self.children.iter().position(|(k, _)| k == name) {
            Some(i) => i,
            None => {
                self.children.push((name.to_owned(), FormNode::default()));
                self.children.len() - 1
            }
        };
        &mut self.children[i].1
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
        items.sort_by_key(|(i, _)| *i);
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

/// Parses an `application/x-www-form-urlencoded` body into a tree. `None`
/// when it is not valid percent-encoded UTF-8.
pub fn parse_form(body: &[u8]) -> Option<FormNode> {
    let mut root = FormNode::default();
    for pair in body.split(|&b| b == b'&') {
        if pair.is_empty() {
            continue;
        }
        let (key, value) = match pair.iter().position(|&b| b == b'=') {
            Some(i) => (&pair[..i], &pair[i + 1..]),
            None => (pair, &b""[..]),
        };
        let key = percent_decode(key)?;
        let value = percent_decode(value)?;
        let mut node = &mut root;
        for segment in key.split('.') {
            node = node.child_mut(segment);
        }
        node.value = Some(value);
    }
    Some(root)
}

fn percent_decode(raw: &[u8]) -> Option<String> {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let high = hex(*raw.get(i + 1)?)?;
                let low = hex(*raw.get(i + 2)?)?;
                out.push(high << 4 | low);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
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

/// A node of the form seen as a value of `shape`, for the validator.
#[derive(Clone, Copy)]
pub struct FormParam<'a> {
    pub node: &'a FormNode,
    pub shape: ShapeId,
}

impl<'a> FormParam<'a> {
    fn at(node: &'a FormNode, shape: ShapeId) -> Self {
        FormParam { node, shape }
    }
}

impl Param for FormParam<'_> {
    /// A structure's members by their model names (wire names that match no
    /// member are ignored, as AWS ignores parameters it does not know), or a
    /// map's `entry.N.key` / `entry.N.value` pairs.
    fn entries(&self) -> Option<Vec<(String, bool, Self)>> {
        if self.node.children.is_empty() && self.node.value.is_some() {
            return None;
        }
        match &model().shapes[self.shape].kind {
            ShapeKind::Structure { members, .. } => Some(
                members
                    .iter()
                    .filter_map(|m| {
                        let wire = m.location_name.as_deref().unwrap_or(&m.name);
                        let node = self.node.child(wire)?;
                        Some((m.name.clone(), true, FormParam::at(node, m.shape)))
                    })
                    .collect(),
            ),
            ShapeKind::Map { value, .. } => {
                let Some(entries) = self.node.child("entry") else {
                    return Some(Vec::new());
                };
                entries
                    .numbered()?
                    .into_iter()
                    .map(|e| {
                        let key = e.child("key")?.text()?.to_owned();
                        Some((key, true, FormParam::at(e.child("value")?, *value)))
                    })
                    .collect()
            }
            _ => None,
        }
    }

    /// A list's items: `Name.Item.N` with the item name of the model
    /// (`member` by default), `Name.N` when flattened; `Name=` is empty.
    fn items(&self) -> Option<Vec<Self>> {
        let ShapeKind::List {
            member,
            location_name,
            flattened,
        } = &model().shapes[self.shape].kind
        else {
            return None;
        };
        if self.node.text() == Some("") {
            return Some(Vec::new());
        }
        let holder = if *flattened {
            self.node
        } else {
            self.node
                .child(location_name.as_deref().unwrap_or("member"))?
        };
        Some(
            holder
                .numbered()?
                .into_iter()
                .map(|n| FormParam::at(n, *member))
                .collect(),
        )
    }

    fn string(&self) -> Option<String> {
        self.node.text().map(str::to_owned)
    }

    fn integer(&self) -> Option<i64> {
        self.node.text()?.parse().ok()
    }

    fn double(&self) -> Option<f64> {
        self.node
            .text()?
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
    }

    fn boolean(&self) -> Option<bool> {
        let text = self.node.text()?;
        if text.eq_ignore_ascii_case("true") {
            Some(true)
        } else if text.eq_ignore_ascii_case("false") {
            Some(false)
        } else {
            None
        }
    }

    fn timestamp(&self) -> Option<i64> {
        parse_timestamp(self.node.text()?)
    }

    fn describe(&self) -> (String, String) {
        (
            self.node.text().unwrap_or_default().to_owned(),
            "<class 'str'>".to_owned(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_becomes_a_tree() {
        let root =
            parse_form(b"Action=X&Tags.Tag.1.Key=a%20b&Tags.Tag.1.Value=c+d&&Empty").unwrap();
        assert_eq!(root.child("Action").unwrap().value.as_deref(), Some("X"));
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
        assert_eq!(parse_form(b"A=%zz"), None);
        assert_eq!(parse_form(b"A=%4"), None);
        assert_eq!(parse_form(b"A=%ff"), None);
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
