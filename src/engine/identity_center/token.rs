//! GetIdentityCenterAuthToken.

use crate::engine::clusters::{ClusterRecord, ClusterStatus};
use crate::engine::identifiers::new_cluster_identifier;
use crate::engine::{hash64, Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{GetIdentityCenterAuthTokenRequest, GetIdentityCenterAuthTokenResponse, Name};

/// How long a token is valid (choice: AWS says "a limited time period").
const TOKEN_SECONDS: f64 = 900.0;

/// At most this many clusters per token (doc).
const MAX_CLUSTERS: usize = 20;

impl World {
    /// GetIdentityCenterAuthToken: a token for 1 to 20 of the caller's
    /// available clusters (doc: `ClusterIds`' constraints). The fake takes
    /// every caller to use IAM Identity Center enhanced credentials (choice).
    pub fn get_identity_center_auth_token(
        &self,
        ctx: &Context,
        input: GetIdentityCenterAuthTokenRequest,
    ) -> Outcome<GetIdentityCenterAuthTokenResponse> {
        let ids = &input.cluster_ids;
        if ids.is_empty() || ids.len() > MAX_CLUSTERS {
            return Err(RedshiftError::RedshiftInvalidParameter(format!(
                "ClusterIds must hold 1 to {MAX_CLUSTERS} cluster identifiers, not {}.",
                ids.len()
            )));
        }
        let mut seed = vec![
            ctx.account.to_owned(),
            ctx.region.to_owned(),
            ctx.now.0.to_string(),
        ];
        for id in ids {
            let id = new_cluster_identifier("ClusterIds", id)
                .map_err(|e| RedshiftError::RedshiftInvalidParameter(e.to_string()))?;
            self.own::<ClusterRecord>(ctx, &id)?
                .require(&[ClusterStatus::Available])?;
            seed.push(id);
        }
        let parts: Vec<&str> = seed.iter().map(String::as_str).collect();
        let token: String = (0..8u8)
            .map(|i| format!("{:016x}", hash64(&[&parts.concat(), &i.to_string()])))
            .collect();
        Ok(GetIdentityCenterAuthTokenResponse {
            token: Some(Name::from(format!("IdcToken.{token}"))),
            expiration_time: Some(ctx.now.plus_seconds(TOKEN_SECONDS)),
        })
    }
}
