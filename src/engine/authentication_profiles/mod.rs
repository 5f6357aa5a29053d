//! Authentication profiles: named JSON documents of connection options that
//! Amazon Redshift's drivers read.

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use super::name::Name;
use super::resources::{key, Resource};
use super::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    AuthenticationProfile, CreateAuthenticationProfileMessage, CreateAuthenticationProfileResult,
    DeleteAuthenticationProfileMessage, DeleteAuthenticationProfileResult,
    DescribeAuthenticationProfilesMessage, DescribeAuthenticationProfilesResult,
    ModifyAuthenticationProfileMessage, ModifyAuthenticationProfileResult,
};

/// The longest content a profile may have, in characters (choice: AWS
/// leaves it to an account quota).
pub const MAX_CONTENT_CHARS: usize = 4096;

/// An authentication profile as the engine keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuthenticationProfileRecord {
    /// The name, lowercased: names are unique whatever their case (choice).
    pub key: Name,
    /// The name as it was given.
    pub name: Name,
    pub content: Name,
}

crate::engine::store::keyed_record!(AuthenticationProfileRecord, key);

impl Resource for AuthenticationProfileRecord {
    const TAGGABLE: bool = false;
    fn not_found(identifier: &str) -> RedshiftError {
        RedshiftError::AuthenticationProfileNotFound(identifier.to_owned())
    }
    fn check_saved(&self) -> Result<(), String> {
        if self.key != key(&self.name).as_str() {
            return Err("its key is not its name lowercased".to_owned());
        }
        let params = serde_json::json!({
            "AuthenticationProfileName": self.name,
            "AuthenticationProfileContent": self.content,
        });
        profile_name(&self.name).map_err(|e| e.to_string())?;
        crate::constraints::check("CreateAuthenticationProfile", &params)
            .map_err(|e| e.to_string())?;
        profile_content(self.content.clone())
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

impl AuthenticationProfileRecord {
    fn render(&self) -> AuthenticationProfile {
        AuthenticationProfile {
            authentication_profile_name: Some(self.name.clone()),
            authentication_profile_content: Some(self.content.clone()),
        }
    }
}

/// A profile's name: not empty (doc: "The profile name can't be null or
/// empty"; its other rules are the model's pattern and length).
fn profile_name(name: &str) -> Outcome<&str> {
    if name.is_empty() {
        return Err(RedshiftError::InvalidAuthenticationProfileRequest(
            "The profile name can't be null or empty.".to_owned(),
        ));
    }
    Ok(name)
}

/// A profile's content: a JSON object (doc: "in JSON format"; an object,
/// as the drivers read it: choice) of at most [`MAX_CONTENT_CHARS`].
fn profile_content(content: Name) -> Outcome<Name> {
    let length = content.chars().count();
    if length > MAX_CONTENT_CHARS {
        return Err(RedshiftError::AuthenticationProfileContentTooLong {
            length,
            max: MAX_CONTENT_CHARS,
        });
    }
    match serde_json::from_str::<serde_json::Value>(&content) {
        Ok(serde_json::Value::Object(_)) => Ok(content),
        _ => Err(RedshiftError::InvalidAuthenticationProfileRequest(
            "The authentication profile content must be a JSON object.".to_owned(),
        )),
    }
}

impl World {
    /// CreateAuthenticationProfile.
    pub fn create_authentication_profile(
        &mut self,
        ctx: &Context,
        input: CreateAuthenticationProfileMessage,
    ) -> Outcome<CreateAuthenticationProfileResult> {
        let name = profile_name(&input.authentication_profile_name)?;
        let record = AuthenticationProfileRecord {
            key: Name::from(key(name)),
            name: Name::from(name),
            content: profile_content(input.authentication_profile_content)?,
        };
        let quota = self.settings.authentication_profile_quota;
        let profile = self
            .create_own(
                ctx,
                record,
                Vec::new(),
                quota,
                |_| RedshiftError::AuthenticationProfileAlreadyExists(name.to_owned()),
                RedshiftError::AuthenticationProfileQuotaExceeded,
            )?
            .render();
        Ok(CreateAuthenticationProfileResult {
            authentication_profile_name: profile.authentication_profile_name,
            authentication_profile_content: profile.authentication_profile_content,
        })
    }

    /// ModifyAuthenticationProfile: replaces the content.
    pub fn modify_authentication_profile(
        &mut self,
        ctx: &Context,
        input: ModifyAuthenticationProfileMessage,
    ) -> Outcome<ModifyAuthenticationProfileResult> {
        let name = profile_name(&input.authentication_profile_name)?;
        self.own::<AuthenticationProfileRecord>(ctx, name)?;
        let content = profile_content(input.authentication_profile_content)?;
        let record = self.own_mut::<AuthenticationProfileRecord>(ctx, name)?;
        record.content = content;
        let profile = record.render();
        Ok(ModifyAuthenticationProfileResult {
            authentication_profile_name: profile.authentication_profile_name,
            authentication_profile_content: profile.authentication_profile_content,
        })
    }

    /// DeleteAuthenticationProfile.
    pub fn delete_authentication_profile(
        &mut self,
        ctx: &Context,
        input: DeleteAuthenticationProfileMessage,
    ) -> Outcome<DeleteAuthenticationProfileResult> {
        let name = profile_name(&input.authentication_profile_name)?;
        let key = self
            .own::<AuthenticationProfileRecord>(ctx, name)?
            .key
            .clone();
        let removed = self.remove::<AuthenticationProfileRecord>(ctx, &key);
        Ok(DeleteAuthenticationProfileResult {
            authentication_profile_name: removed.map(|r| r.name),
        })
    }

    /// DescribeAuthenticationProfiles: the one named, or all of the caller's.
    pub fn describe_authentication_profiles(
        &self,
        ctx: &Context,
        input: DescribeAuthenticationProfilesMessage,
    ) -> Outcome<DescribeAuthenticationProfilesResult> {
        let profiles = match input.authentication_profile_name.as_deref() {
            Some(name) => vec![self
                .own::<AuthenticationProfileRecord>(ctx, profile_name(name)?)?
                .render()],
            None => self
                .place(ctx)
                .map(|p| {
                    p.authentication_profiles
                        .values()
                        .map(|r| r.render())
                        .collect()
                })
                .unwrap_or_default(),
        };
        Ok(DescribeAuthenticationProfilesResult {
            authentication_profiles: Some(profiles),
        })
    }
}
