//! Tests of logging.
