package dev.airlock.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NIO path: server engines from the terminator, handshaking in memory with a JSSE client engine. */
class EngineHandshakeTest {

    @TempDir
    Path dir;

    @Test
    void engineUsesSniAndFallsBackToTheConnectTarget() throws Exception {
        RunAuthority authority = RunAuthority.create("engine", Duration.ofHours(1));
        TlsTerminator terminator = TlsTerminator.create(authority);
        try (CaBundle bundle = authority.writeCaBundle(dir)) {
            SSLContext client = TlsClients.trustingOnly(bundle.path());

            SSLEngine withSni = clientEngine(client, "bucket.s3.eu-west-1.amazonaws.com", Optional.of("bucket.s3.eu-west-1.amazonaws.com"));
            SSLEngine server = terminator.newServerEngine("ignored-because-sni-wins.example");
            handshake(withSni, server);
            assertThat(TlsClients.subjectAltNames((X509Certificate) withSni.getSession().getPeerCertificates()[0]))
                    .containsExactly("DNS:bucket.s3.eu-west-1.amazonaws.com");
            assertThat(TlsTerminator.requestedServerName(server.getSession()))
                    .contains(HostName.of("bucket.s3.eu-west-1.amazonaws.com"));

            SSLEngine noSni = clientEngine(client, "127.0.0.1", Optional.empty());
            handshake(noSni, terminator.newServerEngine("127.0.0.1"));
            assertThat(TlsClients.subjectAltNames((X509Certificate) noSni.getSession().getPeerCertificates()[0]))
                    .containsExactly("IP:127.0.0.1");
            assertThat(noSni.getSession().getProtocol()).isEqualTo("TLSv1.3");
        }
    }

    @Test
    void anEngineWithNeitherSniNorATargetGetsNoCertificate() throws Exception {
        RunAuthority authority = RunAuthority.create("engine-bare", Duration.ofHours(1));
        TlsTerminator terminator = TlsTerminator.create(authority);
        try (CaBundle bundle = authority.writeCaBundle(dir)) {
            SSLEngine bare = terminator.sslContext().createSSLEngine();
            bare.setUseClientMode(false);
            SSLEngine client = clientEngine(TlsClients.trustingOnly(bundle.path()), "127.0.0.1", Optional.empty());

            assertThatThrownBy(() -> handshake(client, bare)).isInstanceOf(SSLException.class);
        }
    }

    private static SSLEngine clientEngine(SSLContext context, String peer, Optional<String> sni) {
        SSLEngine engine = context.createSSLEngine(peer, 443);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        sni.ifPresent(name -> parameters.setServerNames(List.of(new SNIHostName(name))));
        engine.setSSLParameters(parameters);
        return engine;
    }

    /** Pumps records between the two engines until both finish; the network buffers stay in write mode between steps. */
    private static void handshake(SSLEngine client, SSLEngine server) throws SSLException {
        ByteBuffer toServer = ByteBuffer.allocate(client.getSession().getPacketBufferSize() * 4);
        ByteBuffer toClient = ByteBuffer.allocate(server.getSession().getPacketBufferSize() * 4);
        client.beginHandshake();
        server.beginHandshake();
        for (int round = 0; round < 200; round++) {
            step(client, toClient, toServer);
            step(server, toServer, toClient);
            if (done(client) && done(server)) {
                return;
            }
        }
        throw new AssertionError("handshake did not finish: client " + client.getHandshakeStatus() + ", server " + server.getHandshakeStatus());
    }

    private static void step(SSLEngine engine, ByteBuffer in, ByteBuffer out) throws SSLException {
        ByteBuffer application = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        for (int i = 0; i < 20; i++) {
            HandshakeStatus status = engine.getHandshakeStatus();
            if (status == HandshakeStatus.NEED_TASK) {
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run();
                }
            } else if (status == HandshakeStatus.NEED_WRAP) {
                engine.wrap(ByteBuffer.allocate(0), out);
            } else if (status == HandshakeStatus.NEED_UNWRAP || status == HandshakeStatus.NEED_UNWRAP_AGAIN) {
                in.flip();
                int before = in.remaining();
                engine.unwrap(in, application);
                boolean consumed = in.remaining() < before;
                in.compact();
                if (!consumed && status == HandshakeStatus.NEED_UNWRAP && engine.getHandshakeStatus() == status) {
                    return; // wait for the peer
                }
            } else {
                return;
            }
        }
    }

    private static boolean done(SSLEngine engine) {
        return engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
    }
}
