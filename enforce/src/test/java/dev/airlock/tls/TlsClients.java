package dev.airlock.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** Java TLS clients for the tests: trusting only a PEM bundle (as the AWS SDK does with AWS_CA_BUNDLE), or the JDK's default roots. */
final class TlsClients {

    private TlsClients() {
    }

    /** What a client saw: the protocol, the server's leaf, and the HTTP response body. */
    record Outcome(String protocol, X509Certificate leaf, String body) {
    }

    static SSLContext trustingOnly(Path pem) throws IOException, GeneralSecurityException {
        KeyStore roots = KeyStore.getInstance("PKCS12");
        roots.load(null, null);
        int index = 0;
        for (Certificate certificate : readCertificates(pem)) {
            roots.setCertificateEntry("ca-" + index++, certificate);
        }
        return clientContext(roots);
    }

    static SSLContext trustingJdkDefaults() throws GeneralSecurityException {
        return clientContext(null);
    }

    static List<Certificate> readCertificates(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
        }
    }

    /**
     * Connects to 127.0.0.1:{@code port} as a client of {@code sni} (or of "127.0.0.1" without SNI),
     * verifies the server's name the way HTTPS clients do, and makes one request. The TLS socket is
     * layered over a plain one under the name the client believes it dialled, as the AWS SDK does over
     * a proxy tunnel, so JSSE's client session cache is keyed by that name and not by 127.0.0.1.
     */
    static Outcome get(SSLContext client, int port, Optional<String> sni, String... protocols)
            throws IOException {
        String host = sni.orElse("127.0.0.1");
        try (Socket plain = new Socket("127.0.0.1", port);
                SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(plain, host, port, true)) {
            socket.setSoTimeout(10_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            sni.ifPresent(name -> parameters.setServerNames(List.of(new SNIHostName(name))));
            if (protocols.length > 0) {
                parameters.setProtocols(protocols);
            }
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String response = readAll(socket.getInputStream());
            X509Certificate leaf = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            return new Outcome(socket.getSession().getProtocol(), leaf, response.substring(response.indexOf("\r\n\r\n") + 4));
        }
    }

    static List<String> subjectAltNames(X509Certificate certificate) throws GeneralSecurityException {
        List<String> names = new ArrayList<>();
        for (List<?> entry : certificate.getSubjectAlternativeNames()) {
            names.add((entry.get(0).equals(2) ? "DNS:" : entry.get(0).equals(7) ? "IP:" : entry.get(0) + ":") + entry.get(1));
        }
        return names;
    }

    static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static SSLContext clientContext(KeyStore roots) throws GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(roots);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
