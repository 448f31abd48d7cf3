package dev.airlock.broker;

import dev.airlock.audit.AuditLog;
import dev.airlock.broker.auth.RequestVerifier;
import dev.airlock.broker.http.ApiServer;
import dev.airlock.broker.limits.RateLimiter;
import dev.airlock.broker.state.BrokerHome;
import dev.airlock.broker.state.BrokerStateException;
import dev.airlock.broker.state.ClientRegistry;
import dev.airlock.broker.state.TokenStore;
import dev.airlock.broker.token.CapabilityTokens;
import dev.airlock.config.AirlockPaths;
import dev.airlock.lifecycle.EnforceSettings;
import dev.airlock.lifecycle.LiveCredentials;
import dev.airlock.lifecycle.QueuedAudit;
import dev.airlock.lifecycle.SessionRequest;
import dev.airlock.session.SessionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A running broker: its directory, the API on its socket, the sessions it issued and its audit.
 * {@link #close()} stops accepting, ends every session (recording each end), writes what is queued
 * for the audit log, and removes the socket and pid file.
 */
public final class BrokerService implements AutoCloseable {

    /**
     * A TCP listener besides the socket. Off loopback it is always TLS, with a CA made at start
     * whose certificate is written to {@code broker-ca.pem} in the broker's directory for clients.
     */
    public record TcpListen(java.net.InetSocketAddress address, boolean tls) {
        public TcpListen {
            if (!address.getAddress().isLoopbackAddress()) {
                tls = true;
            }
        }
    }

    private final BrokerHome home;
    private final ApiServer server;
    private final java.util.Optional<ApiServer> tcp;
    private final BrokerSessions sessions;
    private final QueuedAudit queued;

    private BrokerService(BrokerHome home, ApiServer server, Optional<ApiServer> tcp, BrokerSessions sessions,
            QueuedAudit queued) {
        this.home = home;
        this.server = server;
        this.tcp = tcp;
        this.sessions = sessions;
        this.queued = queued;
    }

    /**
     * @param base the profile (or role) every session is opened from, as the owner started the broker
     * @param env the broker's environment: its base credentials, data and audit directories
     */
    public static BrokerService start(BrokerHome home, SessionRequest base, EnforceSettings enforce,
            RateLimiter limiter, Optional<TcpListen> listen, Map<String, String> env, Consumer<String> notices) {
        home.prepare();
        claimSocket(home);
        AuditLog audit = LiveCredentials.openAudit(env);
        QueuedAudit queued = new QueuedAudit(audit, notices, "airlock-broker-audit");
        SessionStore store = new SessionStore(AirlockPaths.dataDir(env), audit.guard());
        TokenStore tokenStore = new TokenStore(home);
        ClientRegistry clients = new ClientRegistry(home);
        long started = System.currentTimeMillis();
        BrokerSessions sessions = new BrokerSessions(base, env, audit, store, enforce, notices);
        Broker broker = new Broker(new RequestVerifier(clients::secret, started), limiter,
                new CapabilityTokens(tokenStore.rootKey(), tokenStore::isRevoked), tokenStore, sessions,
                new SessionViews(sessions, audit), queued, Clock.systemUTC());
        ApiServer server;
        Optional<ApiServer> tcp = Optional.empty();
        try {
            server = ApiServer.unix(home.socket(), broker, ApiServer.Settings.defaults());
            home.shareSocket();
            if (listen.isPresent()) {
                tcp = Optional.of(ApiServer.tcp(listen.get().address(), tls(home, listen.get()), broker,
                        ApiServer.Settings.defaults()));
            }
            Files.writeString(home.pidFile(), ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            queued.close();
            throw new UncheckedIOException("cannot listen: " + e.getMessage(), e);
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("pid", ProcessHandle.current().pid());
        f.put("socket", home.socket().toString());
        f.put("clients", clients.list().size());
        tcp.ifPresent(t -> f.put("tcp", listen.get().address().getHostString() + ":" + t.port()));
        queued.accept(new AuditLog.Event("broker.start", Optional.empty(), f));
        return new BrokerService(home, server, tcp, sessions, queued);
    }

    private static Optional<ApiServer.Tls> tls(BrokerHome home, TcpListen listen) throws IOException {
        if (!listen.tls()) {
            return Optional.empty();
        }
        String host = listen.address().getHostString();
        dev.airlock.tls.RunAuthority ca = dev.airlock.tls.RunAuthority.create("broker", java.time.Duration.ofDays(90));
        Files.writeString(home.caCertificate(), ca.certificatePem(), StandardCharsets.US_ASCII);
        dev.airlock.tls.HostName name = dev.airlock.tls.HostName.of(host);
        return Optional.of(new ApiServer.Tls(dev.airlock.tls.TlsTerminator.create(ca, 4, name::equals), host));
    }

    /** The TCP port, when listening on TCP. */
    public Optional<Integer> tcpPort() {
        return tcp.map(ApiServer::port);
    }

    /** A socket left by a broker that died is removed; one a live broker answers on is not. */
    private static void claimSocket(BrokerHome home) {
        if (!Files.exists(home.socket())) {
            return;
        }
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(home.socket()));
            throw new BrokerStateException("a broker is already running on " + home.socket(),
                    "stop it first: airlock broker stop");
        } catch (IOException e) {
            try {
                Files.deleteIfExists(home.socket());
            } catch (IOException e2) {
                throw new UncheckedIOException("cannot remove the stale socket " + home.socket(), e2);
            }
        }
    }

    public BrokerHome home() {
        return home;
    }

    @Override
    public void close() {
        tcp.ifPresent(ApiServer::close);
        server.close();
        sessions.close();
        queued.accept(new AuditLog.Event("broker.stop", Optional.empty(), Map.of("pid", ProcessHandle.current().pid())));
        queued.close();
        try {
            Files.deleteIfExists(home.socket());
            Files.deleteIfExists(home.pidFile());
        } catch (IOException e) {
            // best effort: a later start removes a stale socket
        }
    }
}
