package dev.airlock.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * The server side of intercepted TLS: one {@link SSLContext} for the whole run whose key manager
 * presents, per handshake, a leaf minted by the run's {@link RunAuthority} for the host the client
 * asked for. One context rather than one per host keeps handshakes free of context set-up and lets
 * clients resume sessions; a new host costs one ECDSA signature, a known host a map lookup.
 *
 * <p>The proxy, after answering {@code CONNECT host:port}, calls {@link #acceptTunnel} (blocking
 * sockets) or {@link #newServerEngine} (NIO) with that host; the host only matters when the client
 * sends no SNI. Only TLS 1.3 and 1.2 are enabled.
 */
public final class TlsTerminator {

    /** Enough for every AWS endpoint an agent plausibly uses in one run, small enough to never matter. */
    public static final int DEFAULT_CACHED_HOSTS = 1024;

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final LeafCache leaves;
    private final MintableNameMatcher sniMatcher;
    private final TunnelTargets targets;
    private final SSLContext context;

    private TlsTerminator(LeafCache leaves, Predicate<HostName> mayMint) {
        this.leaves = leaves;
        this.sniMatcher = new MintableNameMatcher(mayMint);
        this.targets = new TunnelTargets();
        try {
            this.context = SSLContext.getInstance("TLS");
            this.context.init(new KeyManager[] {new SniKeyManager(leaves, targets)}, null, new SecureRandom());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no usable TLS implementation", e);
        }
    }

    /** A terminator that mints for any well-formed host name and caches {@value #DEFAULT_CACHED_HOSTS} leaves. */
    public static TlsTerminator create(RunAuthority authority) {
        return create(authority, DEFAULT_CACHED_HOSTS, host -> true);
    }

    /**
     * @param maxCachedHosts leaves kept; the least recently used one is dropped (and re-minted if needed)
     * @param mayMint which names a client may obtain a certificate for; handshakes naming any other
     *     fail. The enforcing proxy can pass its endpoint allowlist so no certificate for a host it
     *     would never forward to is ever signed.
     */
    public static TlsTerminator create(RunAuthority authority, int maxCachedHosts, Predicate<HostName> mayMint) {
        return new TlsTerminator(new LeafCache(authority, maxCachedHosts, mayMint), mayMint);
    }

    /**
     * The run's server context. Sockets and engines made from it directly choose the leaf by SNI, or
     * for an accepted socket without SNI by the local address the client dialled. Always apply
     * {@link #serverParameters()} to them: besides the protocols they carry the SNI matcher that
     * keeps a session from being resumed under another name. Prefer {@link #acceptTunnel} and
     * {@link #newServerEngine}, which do both.
     */
    public SSLContext sslContext() {
        return context;
    }

    /**
     * A fresh copy of the server parameters: TLS 1.3 and 1.2 only, server cipher order, and an SNI
     * matcher accepting exactly the names this terminator may mint for.
     */
    public SSLParameters serverParameters() {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(PROTOCOLS.clone());
        parameters.setUseCipherSuitesOrder(true);
        parameters.setSNIMatchers(List.of(sniMatcher));
        return parameters;
    }

    /**
     * Starts server-side TLS on a tunnel the proxy has just answered {@code CONNECT targetHost:port}
     * on. Closing the returned socket closes {@code tunnel}. The handshake runs on first I/O or
     * {@link SSLSocket#startHandshake()}.
     *
     * @param targetHost the CONNECT host, presented when the client sends no SNI
     * @throws IllegalArgumentException if {@code targetHost} is not a host name
     */
    public SSLSocket acceptTunnel(Socket tunnel, String targetHost) throws IOException {
        return acceptTunnel(tunnel, targetHost, new ByteArrayInputStream(new byte[0]));
    }

    /**
     * Like {@link #acceptTunnel(Socket, String)}, for a proxy whose reader already took bytes past the
     * CONNECT request off the tunnel (the start of the ClientHello): they are replayed first.
     */
    public SSLSocket acceptTunnel(Socket tunnel, String targetHost, InputStream alreadyRead) throws IOException {
        Objects.requireNonNull(tunnel, "tunnel");
        Objects.requireNonNull(alreadyRead, "alreadyRead");
        HostName target = HostName.of(targetHost);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(tunnel, alreadyRead, true);
        socket.setUseClientMode(false);
        socket.setSSLParameters(serverParameters());
        targets.remember(socket, target);
        return socket;
    }

    /**
     * A server-mode engine for a tunnel to {@code targetHost}, for a non-blocking proxy.
     *
     * @param targetHost the CONNECT host, presented when the client sends no SNI
     * @throws IllegalArgumentException if {@code targetHost} is not a host name
     */
    public SSLEngine newServerEngine(String targetHost) {
        HostName target = HostName.of(targetHost);
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setSSLParameters(serverParameters());
        targets.remember(engine, target);
        return engine;
    }

    /**
     * The leaf presented for {@code host}, minted now if it is not cached: lets the proxy warm the
     * cache for a CONNECT target before the client's handshake arrives, and lets tests inspect leaves.
     *
     * @throws IllegalArgumentException if {@code host} is not a host name or not one this terminator may mint for
     * @throws IllegalStateException if the run's authority is outside its validity
     */
    public X509Certificate leafCertificate(String host) {
        return leaves.require(HostName.of(host)).leaf();
    }

    /** How many leaves are cached now. */
    public int cachedHosts() {
        return leaves.size();
    }

    /**
     * The SNI host name the client sent in {@code session}'s handshake, if any: the proxy should
     * check it against the CONNECT target and the request's Host header, since the leaf follows SNI.
     * Trustworthy only for connections carrying {@link #serverParameters()} (see the SNI matcher).
     */
    public static Optional<HostName> requestedServerName(SSLSession session) {
        return SniKeyManager.requestedName(session);
    }
}
