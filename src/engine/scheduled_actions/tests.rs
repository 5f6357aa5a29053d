//! Tests of scheduled_actions.
