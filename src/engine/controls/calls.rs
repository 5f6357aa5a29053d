//! The log of the calls the service answered. To keep the hot path lean and
//! the log small (a million calls fit in tens of megabytes), each call adds
//! one fixed-size entry and its parameters as compact JSON to one buffer; the
//! operation is an index into the operation table and the caller an index
//! into the few (region, account) pairs the run used. A call is read back
//! only when asked for, by index. The rare calls IAM refused keep their
//! denial beside the log.

use serde_json::Value;

use super::super::iam::Denial;
use super::super::name::Name;
use super::super::Context;
use crate::errors::RedshiftError;

/// One call's place in the log.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Entry {
    /// Index of the operation in [`crate::ops::OPERATIONS`].
    operation: u16,
    /// Index of the caller in [`CallLog::callers`].
    caller: u32,
    /// Where the call's parameters end in the buffer (its error code follows).
    params_end: usize,
    /// Where its error code ends (empty: none).
    code_end: usize,
}

/// The log. Off, it records nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct CallLog {
    recording: bool,
    text: Vec<u8>,
    entries: Vec<Entry>,
    callers: Vec<(Name, Name)>,
    /// The denials of the calls IAM refused, by entry index, in order.
    denials: Vec<(usize, Denial)>,
}

impl Default for CallLog {
    fn default() -> Self {
        CallLog {
            recording: true,
            text: Vec::new(),
            entries: Vec::new(),
            callers: Vec::new(),
            denials: Vec::new(),
        }
    }
}

/// One logged call, read back.
#[derive(Debug, Clone, PartialEq)]
pub struct Call<'a> {
    /// The PascalCase operation name.
    pub operation: &'static str,
    pub region: &'a str,
    pub account: &'a str,
    /// The validated parameters as JSON (timestamps as microseconds).
    pub params_json: &'a str,
    /// The AWS error code the call ended in; `None` on success.
    pub error_code: Option<&'a str>,
    /// Why IAM refused the call, if it did.
    pub denial: Option<&'a Denial>,
}

impl Call<'_> {
    /// The validated parameters (timestamps as microseconds since the epoch).
    pub fn params(&self) -> Value {
        serde_json::from_str(self.params_json).unwrap_or(Value::Null)
    }
}

impl CallLog {
    /// A log that records (`true`) or not.
    pub fn new(recording: bool) -> Self {
        CallLog {
            recording,
            ..CallLog::default()
        }
    }

    pub fn is_recording(&self) -> bool {
        self.recording
    }

    /// Adds a call of the operation at `operation` in the operation table,
    /// and the error it ended in.
    pub fn push(
        &mut self,
        ctx: &Context,
        operation: usize,
        params: &Value,
        error: Option<&RedshiftError>,
    ) {
        if !self.recording {
            return;
        }
        if let Some(RedshiftError::Unauthorized(denial)) = error {
            self.denials.push((self.entries.len(), (**denial).clone()));
        }
        let error_code = error.map(RedshiftError::code);
        let caller = match self
            .callers
            .iter()
            .rposition(|(r, a)| r == ctx.region && a == ctx.account)
        {
            Some(i) => i,
            None => {
                self.callers
                    .push((Name::from(ctx.region), Name::from(ctx.account)));
                self.callers.len() - 1
            }
        };
        let start = self.text.len();
        if serde_json::to_writer(&mut self.text, params).is_err() {
            self.text.truncate(start);
            self.text.extend_from_slice(b"null");
        }
        let params_end = self.text.len();
        self.text
            .extend_from_slice(error_code.unwrap_or("").as_bytes());
        self.entries.push(Entry {
            operation: u16::try_from(operation).unwrap_or(u16::MAX),
            caller: u32::try_from(caller).unwrap_or(u32::MAX),
            params_end,
            code_end: self.text.len(),
        });
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Forgets every call (the recording setting stays).
    pub fn clear(&mut self) {
        *self = CallLog::new(self.recording);
    }

    /// The `i`-th call, from 0.
    pub fn get(&self, i: usize) -> Option<Call<'_>> {
        let entry = self.entries.get(i)?;
        let start = match i {
            0 => 0,
            _ => self.entries[i - 1].code_end,
        };
        let text = |from: usize, to: usize| {
            self.text
                .get(from..to)
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or("")
        };
        let (region, account) = self
            .callers
            .get(entry.caller as usize)
            .map_or(("", ""), |(r, a)| (r.as_str(), a.as_str()));
        let code = text(entry.params_end, entry.code_end);
        let denial = self
            .denials
            .binary_search_by_key(&i, |(at, _)| *at)
            .ok()
            .map(|at| &self.denials[at].1);
        Some(Call {
            operation: crate::ops::operation_name(usize::from(entry.operation)).unwrap_or(""),
            region,
            account,
            params_json: text(start, entry.params_end),
            error_code: (!code.is_empty()).then_some(code),
            denial,
        })
    }
}
