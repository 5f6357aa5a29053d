//! The model: botocore's Redshift service model ([`service`], compiled at
//! run time for the validator and the XML door) and the Rust types generated
//! from it at build time ([`shapes`]: one struct per structure shape an
//! operation takes or returns, named and spelled as in the model; optional
//! members are `Option`s, and a `None` is left out of every rendering).

pub mod name;
pub mod service;
pub mod shapes;

use chrono::{DateTime, TimeZone, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use name::Name;
pub use shapes::*;

/// An operation of the model: its name and the generated types of its input
/// and output shapes (`()` for an operation without output).
pub trait Operation {
    const NAME: &'static str;
    type Input;
    type Output;
}

/// The input of an operation without an input shape (DescribeStorage).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct NoInput {}

/// The answer of an operation without an output shape: nothing but
/// `ResponseMetadata`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct NoOutput {}

/// A point in time with microsecond precision (Python's), always UTC.
///
/// It serializes as a newtype named [`Timestamp::NAME`] around microseconds
/// since the epoch, so a door can tell it apart from a plain integer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// The newtype name doors recognise.
    pub const NAME: &'static str = "$timestamp";

    pub fn from_datetime(t: DateTime<Utc>) -> Timestamp {
        Timestamp(t.timestamp_micros())
    }

    /// The earliest and latest instants a door renders: Python's `datetime`
    /// range (years 1 to 9999), at AWS's millisecond precision. Later (or
    /// earlier) ones, such as the end of a retention period the engine works
    /// out, are rendered as these.
    pub const MIN: Timestamp = Timestamp(-62_135_596_800_000_000);
    pub const MAX: Timestamp = Timestamp(253_402_300_799_999_000);

    /// The instant, within [`Timestamp::MIN`]..=[`Timestamp::MAX`].
    pub fn datetime(self) -> DateTime<Utc> {
        Utc.timestamp_micros(self.clamp(Self::MIN, Self::MAX).0)
            .single()
            .unwrap_or(DateTime::<Utc>::MIN_UTC)
    }

    /// Truncated to AWS's precision, the millisecond.
    pub fn to_millis(self) -> Timestamp {
        Timestamp(self.0.div_euclid(1000) * 1000)
    }

    pub fn plus_seconds(self, seconds: f64) -> Timestamp {
        Timestamp(self.0.saturating_add((seconds * 1e6).round() as i64))
    }

    /// Seconds from `self` to `later` (negative when `later` is earlier).
    pub fn seconds_until(self, later: Timestamp) -> f64 {
        (later.0.saturating_sub(self.0)) as f64 / 1e6
    }

    /// ISO 8601 with milliseconds, as AWS writes timestamps in XML.
    pub fn iso8601(self) -> String {
        self.datetime().format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_newtype_struct(Self::NAME, &self.0)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        i64::deserialize(d).map(Timestamp)
    }
}
