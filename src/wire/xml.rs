//! Query-protocol XML, written with quick-xml from the response model: an
//! output, as JSON, is walked together with its output shape, so element
//! names, list item names and the text of each scalar come out as AWS writes
//! them.

use std::borrow::Cow;
use std::io;

use quick_xml::escape::escape;
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use serde_json::Value;

use crate::errors::RedshiftError;
use crate::model::service::{model, ShapeId, ShapeKind};
use crate::model::Timestamp;

/// The XML namespace of the Redshift API.
pub fn namespace() -> &'static str {
    &model().xml_namespace
}

/// Whether XML 1.0 can carry the character (its `Char` production).
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Text as XML character data that reads back as the same text: markup
/// escaped, a carriage return as a character reference (a parser would
/// turn a raw one into a line feed), and, should a character XML cannot
/// carry get this far, U+FFFD in its place (input with one is refused
/// before the engine runs; this keeps any other text, such as an injected
/// error message, from making the answer unreadable).
fn character_data(text: &str) -> Cow<'_, str> {
    let escaped = escape(text);
    if escaped.chars().all(|c| c != '\r' && is_xml_char(c)) {
        return escaped;
    }
    let mut out = String::with_capacity(escaped.len() + 8);
    for c in escaped.chars() {
        match c {
            '\r' => out.push_str("&#13;"),
            c if is_xml_char(c) => out.push(c),
            _ => out.push(char::REPLACEMENT_CHARACTER),
        }
    }
    Cow::Owned(out)
}

struct Xml(Writer<Vec<u8>>);

impl Xml {
    fn new() -> Self {
        Xml(Writer::new(Vec::with_capacity(2048)))
    }

    fn start(&mut self, name: &str) -> io::Result<()> {
        self.0.write_event(Event::Start(BytesStart::new(name)))
    }

    fn start_namespaced(&mut self, name: &str) -> io::Result<()> {
        let start = BytesStart::new(name).with_attributes([("xmlns", namespace())]);
        self.0.write_event(Event::Start(start))
    }

    fn end(&mut self, name: &str) -> io::Result<()> {
        self.0.write_event(Event::End(BytesEnd::new(name)))
    }

    fn text_element(&mut self, name: &str, text: &str) -> io::Result<()> {
        self.start(name)?;
        let text = BytesText::from_escaped(character_data(text));
        self.0.write_event(Event::Text(text))?;
        self.end(name)
    }

    /// `value` as an element `name` of shape `shape`.
    fn value(&mut self, name: &str, value: &Value, shape: ShapeId) -> io::Result<()> {
        match &model().shapes[shape].kind {
            ShapeKind::Structure { members, .. } => {
                self.start(name)?;
                if let Value::Object(object) = value {
                    for member in members {
                        let Some(v) = object.get(&member.name).filter(|v| !v.is_null()) else {
                            continue;
                        };
                        let element = member.wire_name();
                        match &model().shapes[member.shape].kind {
                            // A flattened list's items stand in the structure itself.
                            ShapeKind::List {
                                member: item,
                                location_name,
                                flattened: true,
                            } => {
                                let item_name = location_name.as_deref().unwrap_or(element);
                                for x in v.as_array().into_iter().flatten() {
                                    self.value(item_name, x, *item)?;
                                }
                            }
                            _ => self.value(element, v, member.shape)?,
                        }
                    }
                }
                self.end(name)
            }
            ShapeKind::List {
                member,
                location_name,
                ..
            } => {
                self.start(name)?;
                let item_name = location_name.as_deref().unwrap_or("member");
                for item in value.as_array().into_iter().flatten() {
                    self.value(item_name, item, *member)?;
                }
                self.end(name)
            }
            ShapeKind::Map { key, value: v } => {
                self.start(name)?;
                for (k, item) in value.as_object().into_iter().flatten() {
                    self.start("entry")?;
                    self.value("key", &Value::String(k.clone()), *key)?;
                    self.value("value", item, *v)?;
                    self.end("entry")?;
                }
                self.end(name)
            }
            ShapeKind::Timestamp => match value.as_i64() {
                Some(micros) => self.text_element(name, &Timestamp(micros).iso8601()),
                None => self.text_element(name, &scalar_text(value)),
            },
            // `{:?}` is the shortest text that reads back as the same double,
            // with a `.0` on whole numbers as AWS writes them.
            ShapeKind::Double | ShapeKind::Float => match value.as_f64() {
                Some(f) => self.text_element(name, &format!("{f:?}")),
                None => self.text_element(name, &scalar_text(value)),
            },
            _ => self.text_element(name, &scalar_text(value)),
        }
    }

    fn finish(self) -> Vec<u8> {
        self.0.into_inner()
    }
}

/// The text of a string, integer or boolean.
fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// `<{Operation}Response>` with the output in its result wrapper and the
/// request id in `ResponseMetadata`.
pub fn response(operation: &str, output: &Value, request_id: &str) -> io::Result<Vec<u8>> {
    let mut xml = Xml::new();
    let root = format!("{operation}Response");
    xml.start_namespaced(&root)?;
    if let Some(op) = model().operation(operation) {
        if let Some(shape) = op.output {
            let wrapper = op
                .result_wrapper
                .clone()
                .unwrap_or_else(|| format!("{operation}Result"));
            xml.value(&wrapper, output, shape)?;
        }
    }
    xml.start("ResponseMetadata")?;
    xml.text_element("RequestId", request_id)?;
    xml.end("ResponseMetadata")?;
    xml.end(&root)?;
    Ok(xml.finish())
}

/// `<ErrorResponse>` for a failure.
pub fn error_response(error: &RedshiftError, request_id: &str) -> io::Result<Vec<u8>> {
    let mut xml = Xml::new();
    xml.start_namespaced("ErrorResponse")?;
    xml.start("Error")?;
    xml.text_element("Type", error.fault_type())?;
    xml.text_element("Code", error.code())?;
    xml.text_element("Message", &error.to_string())?;
    xml.end("Error")?;
    xml.text_element("RequestId", request_id)?;
    xml.end("ErrorResponse")?;
    Ok(xml.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn text(bytes: io::Result<Vec<u8>>) -> String {
        String::from_utf8(bytes.unwrap()).unwrap()
    }

    #[test]
    fn snapshot_response_uses_the_models_names() {
        let output = json!({"Snapshot": {
            "SnapshotIdentifier": "s<1>",
            "Port": 5439,
            "Encrypted": false,
            "SnapshotCreateTime": 1_700_000_000_123_456i64,
            "TotalBackupSizeInMegaBytes": 2.0,
            "CurrentBackupRateInMegaBytesPerSecond": 0.25,
            "AccountsWithRestoreAccess": [{"AccountId": "210987654321"}],
            "Tags": [{"Key": "k", "Value": "v"}],
            "RestorableNodeTypes": ["dc2.large"],
            "VpcId": null,
        }});
        let xml = text(response("DeleteClusterSnapshot", &output, "rid"));
        assert_eq!(
            xml,
            "<DeleteClusterSnapshotResponse xmlns=\"http://redshift.amazonaws.com/doc/2012-12-01/\">\
             <DeleteClusterSnapshotResult><Snapshot>\
             <SnapshotIdentifier>s&lt;1&gt;</SnapshotIdentifier>\
             <SnapshotCreateTime>2023-11-14T22:13:20.123Z</SnapshotCreateTime>\
             <Port>5439</Port>\
             <Encrypted>false</Encrypted>\
             <AccountsWithRestoreAccess><AccountWithRestoreAccess><AccountId>210987654321</AccountId></AccountWithRestoreAccess></AccountsWithRestoreAccess>\
             <TotalBackupSizeInMegaBytes>2.0</TotalBackupSizeInMegaBytes>\
             <CurrentBackupRateInMegaBytesPerSecond>0.25</CurrentBackupRateInMegaBytesPerSecond>\
             <Tags><Tag><Key>k</Key><Value>v</Value></Tag></Tags>\
             <RestorableNodeTypes><NodeType>dc2.large</NodeType></RestorableNodeTypes>\
             </Snapshot></DeleteClusterSnapshotResult>\
             <ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata>\
             </DeleteClusterSnapshotResponse>"
        );
    }

    #[test]
    fn lists_of_results_and_empty_lists() {
        let output = json!({"Snapshots": [{"SnapshotIdentifier": "a", "Tags": []}], "Marker": ""});
        let xml = text(response("DescribeClusterSnapshots", &output, "r"));
        assert!(xml.contains(
            "<DescribeClusterSnapshotsResult><Marker></Marker><Snapshots><Snapshot>\
             <SnapshotIdentifier>a</SnapshotIdentifier><Tags></Tags></Snapshot></Snapshots>\
             </DescribeClusterSnapshotsResult>"
        ));
    }

    #[test]
    fn operation_without_output_has_metadata_only() {
        let xml = text(response("CreateTags", &Value::Null, "r"));
        assert_eq!(
            xml,
            "<CreateTagsResponse xmlns=\"http://redshift.amazonaws.com/doc/2012-12-01/\">\
             <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></CreateTagsResponse>"
        );
    }

    #[test]
    fn errors_have_type_code_message() {
        let e = RedshiftError::ClusterSnapshotNotFound("s&1".into());
        assert_eq!(
            text(error_response(&e, "r")),
            "<ErrorResponse xmlns=\"http://redshift.amazonaws.com/doc/2012-12-01/\"><Error>\
             <Type>Sender</Type><Code>ClusterSnapshotNotFound</Code>\
             <Message>Snapshot s&amp;1 not found.</Message></Error>\
             <RequestId>r</RequestId></ErrorResponse>"
        );
    }

    #[test]
    fn text_is_always_well_formed_and_reads_back() {
        let e = RedshiftError::injected("Boom", Some("a\u{1}b\u{fffe}c\rd<e>\u{0}"));
        let xml = text(error_response(&e, "r"));
        assert!(
            xml.contains("<Message>a\u{fffd}b\u{fffd}c&#13;d&lt;e&gt;\u{fffd}</Message>"),
            "{xml}"
        );
        assert!(is_xml_char('\t') && is_xml_char('\u{10ffff}') && is_xml_char('\u{fffd}'));
        for c in [
            '\u{0}', '\u{8}', '\u{b}', '\u{c}', '\u{1f}', '\u{fffe}', '\u{ffff}',
        ] {
            assert!(!is_xml_char(c), "{c:?}");
        }
    }
}
