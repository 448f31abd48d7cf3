package dev.airlock.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Serializable;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

class RunAuthorityTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    @Test
    void caCertificateIsASelfSignedP256LeafOnlyCaForTheRunsLifetime() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        RunAuthority authority = RunAuthority.create("run-42", Duration.ofMinutes(30));
        X509Certificate ca = authority.certificate();

        ca.verify(ca.getPublicKey());
        assertThat(ca.getSubjectX500Principal()).isEqualTo(new X500Principal("CN=Airlock run run-42, O=Airlock"));
        assertThat(ca.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(ca.getPublicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(((ECPublicKey) ca.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(ca.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(ca.getVersion()).isEqualTo(3);
        assertThat(ca.getBasicConstraints()).isZero(); // CA:true, pathLen 0
        assertThat(ca.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
        boolean[] keyUsage = ca.getKeyUsage();
        assertThat(keyUsage[5]).as("keyCertSign").isTrue();
        assertThat(keyUsage[6]).as("cRLSign").isTrue();
        assertThat(keyUsage[0]).as("digitalSignature").isFalse();
        assertThat(ca.getExtensionValue("2.5.29.14")).as("subjectKeyIdentifier").isNotNull();
        assertThat(ca.getSerialNumber().signum()).isPositive();
        assertThat(ca.getSerialNumber().bitLength()).isEqualTo(159);
        assertThat(ca.getNotBefore().toInstant()).isBetween(before.minus(Duration.ofHours(1)), Instant.now().minus(Duration.ofMinutes(59)));
        assertThat(ca.getNotAfter().toInstant()).isBetween(before.plus(Duration.ofMinutes(30)), Instant.now().plus(Duration.ofMinutes(30)));
        assertThat(authority.validity()).isEqualTo(new Validity(ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant()));
    }

    @Test
    void leafCarriesTheHostAsSanWithServerAuthAndChainsToTheCa() throws Exception {
        RunAuthority authority = RunAuthority.create("run-1", Duration.ofHours(2));
        TlsTerminator terminator = TlsTerminator.create(authority);

        X509Certificate leaf = terminator.leafCertificate("Bucket.S3.EU-West-1.amazonaws.com");
        assertThat(TlsClients.subjectAltNames(leaf)).containsExactly("DNS:bucket.s3.eu-west-1.amazonaws.com");
        assertThat(leaf.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(leaf.getExtensionValue("2.5.29.35")).as("authorityKeyIdentifier").isNotNull();
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(authority.certificate().getSubjectX500Principal());
        assertThat(leaf.getNotAfter()).isEqualTo(authority.certificate().getNotAfter());
        assertThat(leaf.getNotBefore()).isAfterOrEqualTo(authority.certificate().getNotBefore());
        assertPkixValid(leaf, authority.certificate());

        X509Certificate ip = terminator.leafCertificate("127.0.0.1");
        assertThat(TlsClients.subjectAltNames(ip)).containsExactly("IP:127.0.0.1");
        assertPkixValid(ip, authority.certificate());
        assertThat(TlsClients.subjectAltNames(terminator.leafCertificate("::1"))).containsExactly("IP:0:0:0:0:0:0:0:1");
    }

    @Test
    void leafForANameLongerThanACommonNameStillCarriesItInTheSan() throws Exception {
        String host = "a-bucket-name-that-is-quite-long-indeed-0123456789.s3.dualstack.eu-west-1.amazonaws.com";
        X509Certificate leaf = TlsTerminator.create(RunAuthority.create("r", Duration.ofHours(1))).leafCertificate(host);
        assertThat(TlsClients.subjectAltNames(leaf)).containsExactly("DNS:" + host);
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("O=Airlock");
    }

    @Test
    void twoAuthoritiesNeverShareAKeyOrASerial() throws Exception {
        RunAuthority first = RunAuthority.create("same-id", Duration.ofHours(1));
        RunAuthority second = RunAuthority.create("same-id", Duration.ofHours(1));

        assertThat(first.certificate().getPublicKey()).isNotEqualTo(second.certificate().getPublicKey());
        assertThat(first.certificate().getSerialNumber()).isNotEqualTo(second.certificate().getSerialNumber());
        assertThatThrownBy(() -> second.certificate().verify(first.certificate().getPublicKey()))
                .isInstanceOf(java.security.SignatureException.class);
        X509Certificate secondsLeaf = TlsTerminator.create(second).leafCertificate("s3.amazonaws.com");
        assertThatThrownBy(() -> secondsLeaf.verify(first.certificate().getPublicKey()))
                .isInstanceOf(java.security.SignatureException.class);
        // Nothing but a fresh key pair ever backs an authority: no import, no serialization.
        assertThat(first).isNotInstanceOf(Serializable.class);
        assertThat(first.toString()).doesNotContain("PRIVATE").contains("same-id");
    }

    @Test
    void refusesToMintOnceTheRunIsOver() {
        MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        RunAuthority authority = RunAuthority.create("short", Duration.ofMinutes(5), clock);
        TlsTerminator terminator = TlsTerminator.create(authority);
        assertThat(terminator.leafCertificate("s3.amazonaws.com").getNotAfter())
                .isEqualTo(Date.from(Instant.parse("2030-01-01T00:05:00Z")));

        clock.now = Instant.parse("2030-01-01T00:05:01Z");
        assertThatThrownBy(() -> terminator.leafCertificate("sts.amazonaws.com"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside its validity");
    }

    @Test
    void validatesItsArguments() {
        assertThatThrownBy(() -> RunAuthority.create("has space", Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RunAuthority.create("../etc", Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RunAuthority.create("x".repeat(53), Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RunAuthority.create("ok", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThat(RunAuthority.create("x".repeat(52), Duration.ofSeconds(1)).runId()).hasSize(52);
    }

    static void assertPkixValid(X509Certificate leaf, X509Certificate ca) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX")
                .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), parameters);
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
