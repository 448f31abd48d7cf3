package dev.airlock.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OpenSSL-based clients against the terminator. The AWS CLI is Python on OpenSSL and botocore goes
 * through HTTPS_PROXY with http.client's CONNECT tunnel, so the Python "tunnel" mode is the path the
 * CLI takes; VERIFY_X509_STRICT is what Python 3.13 sets by default. Skipped where the tool is absent.
 */
class OpenSslClientsTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path CURL = Path.of("/usr/bin/curl");

    private static final String PYTHON_CLIENT = String.join("\n",
            "import http.client, socket, ssl, sys",
            "mode, cafile, port, host = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]",
            "ctx = ssl.create_default_context(cafile=cafile)",
            "ctx.verify_flags |= ssl.VERIFY_X509_STRICT",
            "if mode == 'direct':",
            "    with socket.create_connection(('127.0.0.1', port), timeout=10) as raw:",
            "        with ctx.wrap_socket(raw, server_hostname=host) as tls:",
            "            tls.sendall(b'GET / HTTP/1.1\\r\\nHost: ' + host.encode() + b'\\r\\nConnection: close\\r\\n\\r\\n')",
            "            data = b''",
            "            while chunk := tls.recv(4096):",
            "                data += chunk",
            "            body = data.split(b'\\r\\n\\r\\n', 1)[1].decode()",
            "            version = tls.version()",
            "else:",
            "    conn = http.client.HTTPSConnection('127.0.0.1', port, context=ctx, timeout=10)",
            "    conn.set_tunnel(host, 443)",
            "    conn.request('GET', '/')",
            "    version = conn.sock.version()",
            "    body = conn.getresponse().read().decode()",
            "print(version, body)",
            "");

    @TempDir
    Path dir;

    private RunAuthority authority;
    private TlsTerminator terminator;
    private CaBundle bundle;

    @BeforeEach
    void setUp() throws IOException {
        authority = RunAuthority.create("openssl", Duration.ofHours(1));
        terminator = TlsTerminator.create(authority);
        bundle = authority.writeCaBundle(dir);
    }

    @AfterEach
    void tearDown() throws IOException {
        bundle.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3.us-east-1.amazonaws.com", "bucket.s3.eu-west-1.amazonaws.com", "127.0.0.1"})
    void pythonSslTrustsTheBundleDirectly(String host) throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
        try (TestHttpsServer server = TestHttpsServer.direct(terminator)) {
            Result result = python("direct", bundle.path(), server.port(), host);
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).startsWith("TLSv1.3 sni=" + (host.equals("127.0.0.1") ? "none" : host));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3.us-east-1.amazonaws.com", "bucket.s3.eu-west-1.amazonaws.com", "127.0.0.1"})
    void pythonHttpClientTrustsTheBundleThroughAConnectTunnel(String host) throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
        try (TestHttpsServer proxy = TestHttpsServer.connectProxy(terminator)) {
            Result result = python("tunnel", bundle.path(), proxy.port(), host);
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).startsWith("TLSv1.3 sni=" + (host.equals("127.0.0.1") ? "none" : host));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1_3", "TLSv1_2"})
    void aSessionIsResumedOnlyUnderTheNameItWasMadeFor(String version) throws Exception {
        // OpenSSL offers whatever session it is handed, whatever the SNI. Without the terminator's SNI
        // matcher JSSE resumed the s3 connection on the sts session: sts certificate, sts as "SNI".
        assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
        String script = String.join("\n",
                "import socket, ssl, sys",
                "ctx = ssl.create_default_context(cafile=sys.argv[1])",
                "ctx.maximum_version = getattr(ssl.TLSVersion, sys.argv[3])",
                "def get(host, session=None):",
                "    with socket.create_connection(('127.0.0.1', int(sys.argv[2])), timeout=10) as raw:",
                "        with ctx.wrap_socket(raw, server_hostname=host, session=session) as tls:",
                "            tls.sendall(b'GET / HTTP/1.1\\r\\nHost: ' + host.encode() + b'\\r\\n\\r\\n')",
                "            data = b''",
                "            while chunk := tls.recv(4096):",
                "                data += chunk",
                "            san = ','.join(value for kind, value in tls.getpeercert()['subjectAltName'])",
                "            print(host, tls.session_reused, san, data.split(b'\\r\\n\\r\\n', 1)[1].decode())",
                "            return tls.session",
                "sts = get('sts.amazonaws.com')",
                "get('s3.amazonaws.com', sts)",
                "get('sts.amazonaws.com', sts)",
                "");
        Path client = dir.resolve("resume.py");
        Files.writeString(client, script);
        try (TestHttpsServer server = TestHttpsServer.direct(terminator)) {
            Result result = run(List.of(PYTHON.toString(), "-I", client.toString(), bundle.path().toString(),
                    Integer.toString(server.port()), version));
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output().lines()).containsExactly(
                    "sts.amazonaws.com False sts.amazonaws.com sni=sts.amazonaws.com",
                    "s3.amazonaws.com False s3.amazonaws.com sni=s3.amazonaws.com",
                    "sts.amazonaws.com True sts.amazonaws.com sni=sts.amazonaws.com");
        }
    }

    @Test
    void pythonSslRejectsTheLeafWithAnotherRunsBundle() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
        RunAuthority other = RunAuthority.create("other", Duration.ofHours(1));
        try (CaBundle otherBundle = other.writeCaBundle(dir); TestHttpsServer server = TestHttpsServer.direct(terminator)) {
            Result result = python("direct", otherBundle.path(), server.port(), "s3.us-east-1.amazonaws.com");
            assertThat(result.exitCode()).isNotZero();
            assertThat(result.output()).contains("CERTIFICATE_VERIFY_FAILED");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3.us-east-1.amazonaws.com", "bucket.s3.eu-west-1.amazonaws.com"})
    void curlTrustsTheBundle(String host) throws Exception {
        assumeTrue(Files.isExecutable(CURL), "no /usr/bin/curl");
        try (TestHttpsServer server = TestHttpsServer.direct(terminator)) {
            String url = "https://" + host + ":" + server.port() + "/";
            Result result = run(List.of(CURL.toString(), "-sS", "--fail", "--noproxy", "*", "--cacert", bundle.path().toString(),
                    "--resolve", host + ":" + server.port() + ":127.0.0.1", url));
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).isEqualTo("sni=" + host);
        }
    }

    @Test
    void curlTrustsTheBundleForAnIpLiteralAndThroughAProxy() throws Exception {
        assumeTrue(Files.isExecutable(CURL), "no /usr/bin/curl");
        try (TestHttpsServer server = TestHttpsServer.direct(terminator);
                TestHttpsServer proxy = TestHttpsServer.connectProxy(terminator)) {
            Result direct = run(List.of(CURL.toString(), "-sS", "--fail", "--noproxy", "*", "--cacert", bundle.path().toString(),
                    "https://127.0.0.1:" + server.port() + "/"));
            assertThat(direct.exitCode()).as(direct.output()).isZero();
            assertThat(direct.output()).isEqualTo("sni=none");

            Result proxied = run(List.of(CURL.toString(), "-sS", "--fail", "--cacert", bundle.path().toString(),
                    "--proxy", "http://127.0.0.1:" + proxy.port(), "https://sts.us-east-1.amazonaws.com/"));
            assertThat(proxied.exitCode()).as(proxied.output()).isZero();
            assertThat(proxied.output()).isEqualTo("sni=sts.us-east-1.amazonaws.com");
        }
    }

    @Test
    void curlRejectsTheLeafWithoutTheBundle() throws Exception {
        assumeTrue(Files.isExecutable(CURL), "no /usr/bin/curl");
        try (TestHttpsServer server = TestHttpsServer.direct(terminator)) {
            String host = "s3.us-east-1.amazonaws.com";
            Result result = run(List.of(CURL.toString(), "-sS", "--noproxy", "*",
                    "--resolve", host + ":" + server.port() + ":127.0.0.1", "https://" + host + ":" + server.port() + "/"));
            assertThat(result.exitCode()).isEqualTo(60); // CURLE_PEER_FAILED_VERIFICATION
        }
    }

    private record Result(int exitCode, String output) {
    }

    private Result python(String mode, Path cafile, int port, String host) throws Exception {
        Path script = dir.resolve("client.py");
        Files.writeString(script, PYTHON_CLIENT);
        return run(List.of(PYTHON.toString(), "-I", script.toString(), mode, cafile.toString(), Integer.toString(port), host));
    }

    private static Result run(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        // The tests' own environment must not route these clients elsewhere or add trust.
        for (String variable : List.of("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy",
                "NO_PROXY", "no_proxy", "SSL_CERT_FILE", "SSL_CERT_DIR", "CURL_CA_BUNDLE")) {
            builder.environment().remove(variable);
        }
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8).strip());
    }
}
