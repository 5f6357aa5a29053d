//! CreateHsmClientCertificate, DeleteHsmClientCertificate and
//! DescribeHsmClientCertificates.

use super::{new_hsm_identifier, public_key, HsmClientCertificateRecord};
use crate::engine::tags::TagFilter;
use crate::engine::{Context, Outcome, World};
use crate::model::{
    CreateHsmClientCertificateMessage, CreateHsmClientCertificateResult,
    DeleteHsmClientCertificateMessage, DescribeHsmClientCertificatesMessage,
    HsmClientCertificateMessage,
};

impl World {
    /// CreateHsmClientCertificate: a new certificate and its public key.
    pub fn create_hsm_client_certificate(
        &mut self,
        ctx: &Context,
        input: CreateHsmClientCertificateMessage,
    ) -> Outcome<CreateHsmClientCertificateResult> {
        let id = new_hsm_identifier(
            "HsmClientCertificateIdentifier",
            &input.hsm_client_certificate_identifier,
        )?;
        let record = HsmClientCertificateRecord {
            public_key: public_key(ctx, &id),
            id,
        };
        Ok(CreateHsmClientCertificateResult {
            hsm_client_certificate: Some(self.create_hsm(ctx, record, input.tags)?),
        })
    }

    /// DeleteHsmClientCertificate.
    pub fn delete_hsm_client_certificate(
        &mut self,
        ctx: &Context,
        input: DeleteHsmClientCertificateMessage,
    ) -> Outcome<()> {
        self.delete_hsm::<HsmClientCertificateRecord>(ctx, &input.hsm_client_certificate_identifier)
    }

    /// DescribeHsmClientCertificates: all of the caller's, or the one named;
    /// `TagKeys`/`TagValues` as everywhere (doc).
    pub fn describe_hsm_client_certificates(
        &self,
        ctx: &Context,
        input: DescribeHsmClientCertificatesMessage,
    ) -> Outcome<HsmClientCertificateMessage> {
        let (page, marker) = self.describe_hsm::<HsmClientCertificateRecord>(
            ctx,
            input.hsm_client_certificate_identifier.as_deref(),
            TagFilter::new(input.tag_keys.as_deref(), input.tag_values.as_deref()),
            input.max_records,
            input.marker.as_deref(),
        )?;
        Ok(HsmClientCertificateMessage {
            marker,
            hsm_client_certificates: Some(page),
        })
    }
}
