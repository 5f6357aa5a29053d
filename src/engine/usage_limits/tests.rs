//! Tests of usage_limits.
