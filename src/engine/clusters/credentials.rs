//! GetClusterCredentials and GetClusterCredentialsWithIAM: temporary
//! database credentials, a fresh password each call, expiring on the
//! world's clock.

use super::names::{check_credentials_db_name, check_db_group, check_db_user};
use super::ClusterRecord;
use crate::engine::name::Name;
use crate::engine::principal::{Identity, Principal};
use crate::engine::{hash64, Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    ClusterCredentials, ClusterExtendedCredentials, GetClusterCredentialsMessage,
    GetClusterCredentialsWithIAMMessage, Timestamp,
};

/// The lifetime of temporary credentials, in seconds (doc: 900 to 3600,
/// default 900).
fn duration(seconds: Option<i64>) -> Outcome<i64> {
    match seconds.unwrap_or(900) {
        s @ 900..=3600 => Ok(s),
        s => Err(RedshiftError::InvalidDurationSeconds(s)),
    }
}

/// A temporary password: 64 characters of the base64 alphabet, different
/// for every credential a cluster issues (choice: AWS documents no form).
fn password(ctx: &Context, cluster: &str, issued: u64) -> Name {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let seed = hash64(&[
        ctx.account,
        ctx.region,
        cluster,
        &issued.to_string(),
        &ctx.now.0.to_string(),
    ])
    .to_string();
    // Ten characters (60 bits) from each of seven hashes of the seed.
    let text: String = (0..7u64)
        .flat_map(|chunk| {
            let h = hash64(&[&seed, &chunk.to_string()]);
            (0..10).map(move |i| char::from(ALPHABET[((h >> (6 * i)) & 63) as usize]))
        })
        .take(64)
        .collect();
    Name::from(text)
}

impl World {
    /// The cluster a credentials request names: by identifier, or by a
    /// custom domain name (no cluster of the fake has one yet), not both
    /// (choice).
    fn credentials_cluster(
        &self,
        ctx: &Context,
        cluster: Option<&str>,
        domain: Option<&str>,
    ) -> Outcome<Name> {
        match (cluster, domain) {
            (Some(id), None) => Ok(self.own::<ClusterRecord>(ctx, id)?.identifier().clone()),
            (None, Some(domain)) => self
                .place(ctx)
                .and_then(|p| {
                    p.custom_domains
                        .values()
                        .find(|d| d.domain.eq_ignore_ascii_case(domain))
                })
                .map(|d| d.cluster.clone())
                .ok_or_else(|| RedshiftError::CustomDomainNotFound(domain.to_owned())),
            _ => Err(RedshiftError::CredentialsNeedOneCluster),
        }
    }

    /// Issues one credential of the caller's cluster `key`, lasting `seconds`.
    fn issue(&mut self, ctx: &Context, key: &Name, seconds: i64) -> (Name, Timestamp) {
        let issued = self.cluster_mut(ctx, key).map_or(0, |c| {
            c.credentials_issued += 1;
            c.credentials_issued
        });
        (
            password(ctx, key, issued),
            ctx.now.plus_seconds(seconds as f64),
        )
    }

    /// GetClusterCredentials (doc): `IAM:<DbUser>`, or `IAMA:<DbUser>` with
    /// AutoCreate, a temporary password, and its expiration.
    pub fn get_cluster_credentials(
        &mut self,
        ctx: &Context,
        input: GetClusterCredentialsMessage,
    ) -> Outcome<ClusterCredentials> {
        check_db_user(&input.db_user)?;
        if let Some(db) = &input.db_name {
            check_credentials_db_name(db)?;
        }
        let seconds = duration(input.duration_seconds)?;
        for group in input.db_groups.iter().flatten() {
            check_db_group(group)?;
        }
        let key = self.credentials_cluster(
            ctx,
            input.cluster_identifier.as_deref(),
            input.custom_domain_name.as_deref(),
        )?;
        let prefix = if input.auto_create.unwrap_or(false) {
            "IAMA"
        } else {
            "IAM"
        };
        let (password, expiration) = self.issue(ctx, &key, seconds);
        Ok(ClusterCredentials {
            db_user: Some(Name::from(format!("{prefix}:{}", input.db_user))),
            db_password: Some(password),
            expiration: Some(expiration),
        })
    }

    /// GetClusterCredentialsWithIAM: the database user is the caller's IAM
    /// identity (doc: mapped 1:1), `IAM:<user>` for an IAM user and
    /// `IAMR:<role>` for a role or a session of it (choice, after Amazon
    /// Redshift Serverless's documented names).
    pub fn get_cluster_credentials_with_iam(
        &mut self,
        ctx: &Context,
        input: GetClusterCredentialsWithIAMMessage,
    ) -> Outcome<ClusterExtendedCredentials> {
        if let Some(db) = &input.db_name {
            check_credentials_db_name(db)?;
        }
        let seconds = duration(input.duration_seconds)?;
        let user = match Principal::parse(ctx.principal).map(|p| p.identity) {
            Some(Identity::User(name)) => format!("IAM:{name}"),
            Some(Identity::Role(name)) => format!("IAMR:{name}"),
            None => return Err(RedshiftError::NotAnIamIdentity(ctx.principal.to_owned())),
        };
        let key = self.credentials_cluster(
            ctx,
            input.cluster_identifier.as_deref(),
            input.custom_domain_name.as_deref(),
        )?;
        let (password, expiration) = self.issue(ctx, &key, seconds);
        Ok(ClusterExtendedCredentials {
            db_user: Some(Name::from(user)),
            db_password: Some(password),
            expiration: Some(expiration),
            next_refresh_time: None,
        })
    }
}
