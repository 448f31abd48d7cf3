package dev.airlock.bench;

import dev.airlock.enforce.EnforcedSession;
import dev.airlock.enforce.EnforcingGate;
import dev.airlock.enforce.Limits;
import dev.airlock.enforce.LocalCredentials;
import dev.airlock.enforce.Upstream;
import dev.airlock.policy.Policy;
import dev.airlock.policy.PolicyKind;
import dev.airlock.proxy.Bodies;
import dev.airlock.proxy.HttpHead;
import dev.airlock.proxy.HttpHeadReader;
import dev.airlock.proxy.ProxyServer;
import dev.airlock.sigv4.AwsCredentials;
import dev.airlock.sigv4.Headers;
import dev.airlock.sigv4.IssuedCredentials;
import dev.airlock.sigv4.PayloadHash;
import dev.airlock.sigv4.RequestView;
import dev.airlock.sigv4.SigV4Signer;
import dev.airlock.sigv4.SigningKeyCache;
import dev.airlock.sigv4.SigningTarget;
import dev.airlock.testing.S3ProxyServer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.jclouds.blobstore.BlobStore;

/**
 * Added latency and throughput of the enforcing endpoint, measured in one run against the same
 * S3Proxy: small GetObject directly versus through the endpoint (interleaved, kept-alive
 * connections, signed by the same client code), then a large object both ways. Run by
 * {@code bench/run-endpoint.sh}; not a test.
 */
public final class EndpointBenchmark {

    /** The agent's credentials, generated for this run as the endpoint mints them. */
    static final IssuedCredentials AGENT = LocalCredentials.mint(Instant.now().plus(Duration.ofHours(1)));

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        long largeMiB = args.length > 1 ? Long.parseLong(args[1]) : 512;
        Path dir = Files.createTempDirectory("airlock-endpoint-bench");
        try (S3ProxyServer s3 = new S3ProxyServer(Files.createDirectories(dir.resolve("store")))) {
            BlobStore store = s3.blobStore();
            store.createContainerInLocation(null, "bench");
            store.putBlob("bench", store.blobBuilder("small.txt").payload("x".repeat(1024)).build());
            Path big = dir.resolve("big.bin");
            try (OutputStream out = Files.newOutputStream(big)) {
                byte[] block = new byte[1 << 20];
                for (long i = 0; i < largeMiB; i++) {
                    out.write(block);
                }
            }
            store.putBlob("bench", store.blobBuilder("big.bin").payload(big.toFile()).contentLength(largeMiB << 20).build());
            Files.delete(big);
            EnforcedSession session = new EnforcedSession("20261123T000000-bench000",
                    AGENT,
                    Policy.parse("session", PolicyKind.IDENTITY, "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":"
                            + "\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bench/*\"}}"),
                    "arn:aws:sts::111122223333:assumed-role/Bench/airlock-bench", "111122223333", "aws",
                    new Upstream.Fixed(s3.endpoint(), () -> AwsCredentials.permanent(S3ProxyServer.KEY, S3ProxyServer.SECRET)),
                    Limits.unlimited(), () -> false);
            try (ProxyServer endpoint = ProxyServer.start(new EnforcingGate(session, e -> { }, Clock.systemUTC()),
                    (s, h, in) -> {
                        throw new IOException("no TLS in this benchmark");
                    }, 64)) {
                URI via = URI.create("http://127.0.0.1:" + endpoint.port());
                Client direct = new Client(s3.endpoint(), AwsCredentials.permanent(S3ProxyServer.KEY, S3ProxyServer.SECRET));
                Client proxied = new Client(via, AGENT.credentials());
                for (int i = 0; i < 2000; i++) {
                    direct.get("/bench/small.txt");
                    proxied.get("/bench/small.txt");
                }
                List<Double> d = new ArrayList<>();
                List<Double> p = new ArrayList<>();
                for (int i = 0; i < calls; i++) {
                    d.add(direct.timedGet("/bench/small.txt"));
                    p.add(proxied.timedGet("/bench/small.txt"));
                }
                System.out.printf(Locale.ROOT, "small GetObject (1 KiB), %d calls each, interleaved, kept-alive connections%n", calls);
                System.out.printf(Locale.ROOT, "  direct to S3Proxy:   p50 %.3f ms  p99 %.3f ms%n", pct(d, 50), pct(d, 99));
                System.out.printf(Locale.ROOT, "  through the endpoint: p50 %.3f ms  p99 %.3f ms%n", pct(p, 50), pct(p, 99));
                System.out.printf(Locale.ROOT, "  added: p50 %.3f ms  p99 %.3f ms%n", pct(p, 50) - pct(d, 50), pct(p, 99) - pct(d, 99));
                double[] td = new double[3];
                double[] tp = new double[3];
                for (int i = 0; i < 3; i++) {
                    td[i] = direct.throughput("/bench/big.bin");
                    tp[i] = proxied.throughput("/bench/big.bin");
                }
                double bestD = Math.max(td[0], Math.max(td[1], td[2]));
                double bestP = Math.max(tp[0], Math.max(tp[1], tp[2]));
                System.out.printf(Locale.ROOT, "large GetObject (%d MiB), best of 3 each: direct %.0f MiB/s, through the "
                        + "endpoint %.0f MiB/s, ratio %.0f%%%n", largeMiB, bestD, bestP, 100 * bestP / bestD);
            }
        }
    }

    private static double pct(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /** A minimal kept-alive S3 client that signs with Airlock's own signer (the same code for both targets). */
    static final class Client {
        private final URI target;
        private final AwsCredentials creds;
        private final SigV4Signer signer = new SigV4Signer(new SigningKeyCache(16));
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Client(URI target, AwsCredentials creds) throws IOException {
            this.target = target;
            this.creds = creds;
            connect();
        }

        private void connect() throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), target.getPort());
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            out = socket.getOutputStream();
        }

        long get(String path) throws IOException {
            Headers headers = Headers.builder().add("Host", target.getAuthority()).build();
            var signed = signer.sign(new RequestView("GET", path, "", headers), creds, new SigningTarget("us-east-1", "s3"),
                    Instant.now(), PayloadHash.unsigned());
            StringBuilder req = new StringBuilder("GET " + path + " HTTP/1.1\r\n");
            signed.applyTo(headers).forEach((name, values) -> values.forEach(v -> req.append(name).append(": ").append(v).append("\r\n")));
            out.write(req.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            HttpHead head = HttpHeadReader.read(in).orElseThrow(() -> new IOException("closed"));
            if (!head.startLine().contains(" 200 ")) {
                throw new IOException("unexpected " + head.startLine());
            }
            return Bodies.copy(Bodies.of(head, in), OutputStream.nullOutputStream());
        }

        double timedGet(String path) throws IOException {
            long t0 = System.nanoTime();
            get(path);
            return (System.nanoTime() - t0) / 1e6;
        }

        double throughput(String path) throws IOException {
            long t0 = System.nanoTime();
            long bytes = get(path);
            return bytes / 1048576.0 / ((System.nanoTime() - t0) / 1e9);
        }
    }
}
