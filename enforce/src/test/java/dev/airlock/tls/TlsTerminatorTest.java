package dev.airlock.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real handshakes between JSSE clients that trust only the written bundle and a server using the terminator. */
class TlsTerminatorTest {

    @TempDir
    Path dir;

    private RunAuthority authority;
    private TlsTerminator terminator;
    private CaBundle bundle;
    private SSLContext trustingBundle;

    @BeforeEach
    void setUp() throws Exception {
        authority = RunAuthority.create("tls-test", Duration.ofHours(1));
        terminator = TlsTerminator.create(authority);
        bundle = authority.writeCaBundle(dir);
        trustingBundle = TlsClients.trustingOnly(bundle.path());
    }

    @AfterEach
    void tearDown() throws IOException {
        bundle.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3.us-east-1.amazonaws.com", "bucket.s3.eu-west-1.amazonaws.com"})
    void presentsALeafForTheSniNameOverTls13And12(String host) throws Exception {
        try (TestHttpsServer server = TestHttpsServer.direct(terminator)) {
            for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
                TlsClients.Outcome outcome = TlsClients.get(trustingBundle, server.port(), Optional.of(host), protocol);

                assertThat(outcome.protocol()).isEqualTo(protocol);
                assertThat(TlsClients.subjectAltNames(outcome.leaf())).containsExactly("DNS:" + host);
                assertThat(outcome.body()).isEqualTo("sni=" + host);
            }
        }
    }

    @Test
    void presentsAnIpLeafToAClientThatDialledAnIpLiteralAndSentNoSni() throws Exception {
        try (TestHttpsServer server = TestHttpsServer.direct(terminator)) {
            TlsClients.Outcome outcome = TlsClients.get(trustingBundle, server.port(), Optional.empty());

            assertThat(outcome.protocol()).isEqualTo("TLSv1.3");
            assertThat(TlsClients.subjectAltNames(outcome.leaf())).containsExactly("IP:127.0.0.1");
            assertThat(outcome.body()).isEqualTo("sni=none");
        }
    }

    @Test
    void aClientTrustingTheJdkDefaultRootsRejectsTheLeaf() throws Exception {
        SSLContext jdkDefaults = TlsClients.trustingJdkDefaults();
        try (TestHttpsServer server = TestHttpsServer.direct(terminator)) {
            assertThatThrownBy(() -> TlsClients.get(jdkDefaults, server.port(), Optional.of("s3.us-east-1.amazonaws.com")))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("PKIX path building failed");
        }
    }

    @Test
    void aClientTrustingAnotherRunsBundleRejectsTheLeaf() throws Exception {
        RunAuthority other = RunAuthority.create("other-run", Duration.ofHours(1));
        try (CaBundle otherBundle = other.writeCaBundle(dir);
                TestHttpsServer server = TestHttpsServer.direct(terminator)) {
            SSLContext trustingOther = TlsClients.trustingOnly(otherBundle.path());
            assertThatThrownBy(() -> TlsClients.get(trustingOther, server.port(), Optional.of("sts.amazonaws.com")))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3.us-east-1.amazonaws.com", "bucket.s3.eu-west-1.amazonaws.com", "127.0.0.1"})
    void httpsUrlConnectionThroughAConnectProxyAcceptsTheLeaf(String host) throws Exception {
        try (TestHttpsServer proxy = TestHttpsServer.connectProxy(terminator)) {
            HttpsURLConnection connection = (HttpsURLConnection) new URL("https://" + host + "/")
                    .openConnection(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", proxy.port())));
            connection.setSSLSocketFactory(trustingBundle.getSocketFactory());
            connection.setConnectTimeout(10_000);
            connection.setReadTimeout(10_000);
            try {
                assertThat(connection.getResponseCode()).isEqualTo(HttpURLConnection.HTTP_OK);
                X509Certificate leaf = (X509Certificate) connection.getServerCertificates()[0];
                assertThat(TlsClients.subjectAltNames(leaf)).containsExactly(host.equals("127.0.0.1") ? "IP:" + host : "DNS:" + host);
                // Java sends no SNI for an IP literal: the proxy's CONNECT target picked the leaf.
                assertThat(TlsClients.readAll(connection.getInputStream()))
                        .isEqualTo(host.equals("127.0.0.1") ? "sni=none" : "sni=" + host);
            } finally {
                connection.disconnect();
            }
        }
    }

    @Test
    void withoutSniATunnelPresentsItsConnectTargetsLeaf() throws Exception {
        // Java sends no SNI for a dotless name such as "localhost"; the CONNECT target picks the leaf.
        try (TestHttpsServer proxy = TestHttpsServer.connectProxy(terminator)) {
            HttpsURLConnection connection = (HttpsURLConnection) new URL("https://localhost/")
                    .openConnection(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", proxy.port())));
            connection.setSSLSocketFactory(trustingBundle.getSocketFactory());
            try {
                assertThat(connection.getResponseCode()).isEqualTo(200);
                assertThat(TlsClients.subjectAltNames((X509Certificate) connection.getServerCertificates()[0]))
                        .containsExactly("DNS:localhost");
                assertThat(TlsClients.readAll(connection.getInputStream())).isEqualTo("sni=none");
            } finally {
                connection.disconnect();
            }
        }
    }

    @Test
    void aClientExpectingAnotherNameThanTheConnectTargetRejectsTheLeaf() throws Exception {
        // Guards the other tests: the Java client really checks names, it does not just trust the CA.
        try (TestHttpsServer proxy = TestHttpsServer.connectProxy(terminator);
                Socket plain = new Socket("127.0.0.1", proxy.port())) {
            plain.setSoTimeout(10_000);
            plain.getOutputStream().write("CONNECT sts.amazonaws.com:443 HTTP/1.1\r\nHost: sts.amazonaws.com:443\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] established = new byte["HTTP/1.1 200 Connection established\r\n\r\n".length()];
            new DataInputStream(plain.getInputStream()).readFully(established);
            SSLSocket tls = (SSLSocket) trustingBundle.getSocketFactory().createSocket(plain, "127.0.0.1", proxy.port(), true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);

            assertThatThrownBy(tls::startHandshake)
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("127.0.0.1");
        }
    }

    @Test
    void refusesHandshakesForNamesTheProxyMayNotMintFor() throws Exception {
        TlsTerminator awsOnly = TlsTerminator.create(authority, 16, host -> host.value().endsWith(".amazonaws.com"));
        try (TestHttpsServer server = TestHttpsServer.direct(awsOnly)) {
            assertThat(TlsClients.get(trustingBundle, server.port(), Optional.of("sts.amazonaws.com")).body())
                    .isEqualTo("sni=sts.amazonaws.com");
            assertThatThrownBy(() -> TlsClients.get(trustingBundle, server.port(), Optional.of("evil.example.com")))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("unrecognized_name");
        }
        assertThatThrownBy(() -> awsOnly.leafCertificate("evil.example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThat(awsOnly.cachedHosts()).isEqualTo(1);
    }

    @Test
    void cachesLeavesPerHostWithinItsBound() {
        TlsTerminator small = TlsTerminator.create(authority, 2, host -> true);
        X509Certificate first = small.leafCertificate("a.amazonaws.com");
        assertThat(small.leafCertificate("A.AMAZONAWS.COM.")).isSameAs(first);
        small.leafCertificate("b.amazonaws.com");
        small.leafCertificate("a.amazonaws.com"); // now most recently used
        small.leafCertificate("c.amazonaws.com"); // evicts b
        assertThat(small.cachedHosts()).isEqualTo(2);
        assertThat(small.leafCertificate("a.amazonaws.com")).isSameAs(first);
        assertThat(small.cachedHosts()).isEqualTo(2);
    }

    @Test
    void refusesATargetThatIsNoHostName() {
        assertThatThrownBy(() -> terminator.newServerEngine("not a host")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> terminator.leafCertificate("*.amazonaws.com")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serverParametersAllowOnlyTls13And12() {
        assertThat(terminator.serverParameters().getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(terminator.newServerEngine("s3.amazonaws.com").getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
        assertThat(terminator.newServerEngine("s3.amazonaws.com").getUseClientMode()).isFalse();
    }
}
