use super::*;

#[test]
fn content_is_a_json_object_of_bounded_size() {
    assert!(profile_content(Name::from("{}")).is_ok());
    assert!(profile_content(Name::from(r#"{"a": [1, 2]}"#)).is_ok());
    for bad in ["", "[]", "1", "{", "null"] {
        assert_eq!(
            profile_content(Name::from(bad)).unwrap_err().code(),
            "InvalidAuthenticationProfileRequestFault",
            "{bad}"
        );
    }
    let at_limit = format!("{{\"k\": \"{}\"}}", "x".repeat(MAX_CONTENT_CHARS - 9));
    assert_eq!(at_limit.chars().count(), MAX_CONTENT_CHARS);
    assert!(profile_content(Name::from(at_limit.as_str())).is_ok());
    let over = format!("{{\"k\": \"{}\"}}", "x".repeat(MAX_CONTENT_CHARS - 8));
    assert_eq!(
        profile_content(Name::from(over.as_str())),
        Err(RedshiftError::AuthenticationProfileContentTooLong {
            length: MAX_CONTENT_CHARS + 1,
            max: MAX_CONTENT_CHARS
        })
    );
}
