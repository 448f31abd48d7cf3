package dev.airlock.tls;

import java.net.InetAddress;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents, in each server handshake, the leaf for the name the client asked for. The alias JSSE
 * passes between {@code choose*ServerAlias} and {@code getCertificateChain} is the canonical host
 * name itself, so the key manager holds no per-handshake state.
 *
 * <p>Which name: the SNI host name if the client sent one; otherwise the CONNECT target the
 * terminator recorded for the connection; otherwise, for a socket accepted directly, the local
 * address the client dialled (a client connecting to an IP literal sends no SNI). A handshake with
 * none of these gets no certificate and fails.
 *
 * <p>The {@code null}s below are the {@link X509ExtendedKeyManager} contract's way to say "none".
 */
final class SniKeyManager extends X509ExtendedKeyManager {

    // Every leaf key is P-256; JSSE asks once per key type it could use and takes the first answer.
    private static final String LEAF_KEY_TYPE = "EC";

    private final LeafCache leaves;
    private final TunnelTargets targets;

    SniKeyManager(LeafCache leaves, TunnelTargets targets) {
        this.leaves = leaves;
        this.targets = targets;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        if (!LEAF_KEY_TYPE.equals(keyType) || engine == null) {
            return null;
        }
        return alias(requestedName(engine.getHandshakeSession()).or(() -> targets.of(engine)));
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        if (!LEAF_KEY_TYPE.equals(keyType) || !(socket instanceof SSLSocket)) {
            return null;
        }
        SSLSocket ssl = (SSLSocket) socket;
        return alias(requestedName(ssl.getHandshakeSession())
                .or(() -> targets.of(ssl))
                .or(() -> dialledAddress(ssl)));
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return credential(alias).map(LeafCredential::chain).orElse(null);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return credential(alias).map(LeafCredential::key).orElse(null);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null; // aliases exist only once a client names a host
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null; // the proxy never authenticates as a TLS client with these certificates
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }

    /** The SNI host name of {@code session}, if the client sent a usable one. */
    static Optional<HostName> requestedName(SSLSession session) {
        if (!(session instanceof ExtendedSSLSession)) {
            return Optional.empty();
        }
        for (SNIServerName name : ((ExtendedSSLSession) session).getRequestedServerNames()) {
            if (name instanceof SNIHostName) {
                return HostName.parse(((SNIHostName) name).getAsciiName());
            }
        }
        return Optional.empty();
    }

    private String alias(Optional<HostName> host) {
        return host.flatMap(leaves::find).map(credential -> credential.host().value()).orElse(null);
    }

    private Optional<LeafCredential> credential(String alias) {
        return Optional.ofNullable(alias).flatMap(HostName::parse).flatMap(leaves::find);
    }

    private static Optional<HostName> dialledAddress(SSLSocket socket) {
        InetAddress local = socket.getLocalAddress();
        return local == null || local.isAnyLocalAddress()
                ? Optional.empty()
                : HostName.parse(local.getHostAddress());
    }
}
