//! The TLS configuration of a client: rustls with ring (the one TLS stack of the SDK), the
//! WebPKI roots and/or the operating system's store (rustls-native-certs) plus an optional
//! extra CA, HTTP/1.1 only. Shared by HTTP and the WebSocket.

use std::sync::{Arc, OnceLock};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};

use crate::error::{Error, Result};
use crate::transport::TransportOptions;

fn provider() -> Arc<CryptoProvider> {
    static PROVIDER: OnceLock<Arc<CryptoProvider>> = OnceLock::new();
    PROVIDER.get_or_init(|| Arc::new(rustls::crypto::ring::default_provider())).clone()
}

/// Which certificates a client trusts.
struct Trust {
    extra: Vec<CertificateDer<'static>>,
    webpki: bool,
    system: bool,
}

/// The client configuration for `options`. The common case (the WebPKI roots only,
/// verification on) is built once per process: the root store is the largest part of it.
pub(crate) fn client_config(options: &TransportOptions) -> Result<Arc<ClientConfig>> {
    let extra = match &options.extra_ca_pem {
        Some(pem) => parse_pem(pem)?,
        None => Vec::new(),
    };
    let trust = Trust { extra, webpki: options.webpki_roots, system: options.system_roots };
    if trust.extra.is_empty() && trust.webpki && !trust.system && !options.accept_invalid_certs {
        static DEFAULT: OnceLock<Arc<ClientConfig>> = OnceLock::new();
        if let Some(config) = DEFAULT.get() {
            return Ok(config.clone());
        }
        let config = build(trust, false)?;
        return Ok(DEFAULT.get_or_init(|| config).clone());
    }
    build(trust, options.accept_invalid_certs)
}

/// The certificates of the operating system's store, read once per process (reading and
/// parsing a distribution's bundle takes milliseconds). Certificates that cannot be read are
/// skipped, as browsers do, and reported at DEBUG.
fn system_certificates() -> &'static [CertificateDer<'static>] {
    static SYSTEM: OnceLock<Vec<CertificateDer<'static>>> = OnceLock::new();
    SYSTEM.get_or_init(|| {
        let found = rustls_native_certs::load_native_certs();
        for e in &found.errors {
            log::debug!(target: crate::logging::TRANSPORT, "system certificate store: {e}");
        }
        found.certs
    })
}

fn parse_pem(pem: &[u8]) -> Result<Vec<CertificateDer<'static>>> {
    let certs = CertificateDer::pem_slice_iter(pem)
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| Error::invalid_argument(format!("extra CA certificate is not valid PEM: {e}")))?;
    if certs.is_empty() {
        return Err(Error::invalid_argument("extra CA certificate PEM holds no certificate"));
    }
    Ok(certs)
}

fn build(trust: Trust, accept_invalid: bool) -> Result<Arc<ClientConfig>> {
    let provider = provider();
    let builder = ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::internal(format!("cannot configure TLS: {e}")))?;
    let mut config = if accept_invalid {
        builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(AcceptAnyCertificate(provider)))
            .with_no_client_auth()
    } else {
        let mut roots = RootCertStore::empty();
        if trust.webpki {
            roots.roots = webpki_roots::TLS_SERVER_ROOTS.to_vec();
        }
        if trust.system {
            let (added, _unusable) = roots.add_parsable_certificates(system_certificates().iter().cloned());
            if added == 0 {
                return Err(Error::invalid_argument(
                    "system_roots: the operating system's certificate store holds no usable certificate \
                     (on Linux: install ca-certificates, or point SSL_CERT_FILE at a bundle)",
                ));
            }
        }
        for cert in trust.extra {
            roots
                .add(cert)
                .map_err(|e| Error::invalid_argument(format!("the extra CA certificate was rejected: {e}")))?;
        }
        if roots.is_empty() {
            return Err(Error::invalid_argument(
                "no certificate is trusted: webpki_roots and system_roots are both off and no extra_ca_pem is given",
            ));
        }
        builder.with_root_certificates(roots).with_no_client_auth()
    };
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

/// `accept_invalid_certs`: any certificate is accepted, but the handshake signatures are
/// still checked (the peer must hold the key of the certificate it sent).
#[derive(Debug)]
struct AcceptAnyCertificate(Arc<CryptoProvider>);

impl ServerCertVerifier for AcceptAnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}
