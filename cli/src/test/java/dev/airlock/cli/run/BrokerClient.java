package dev.airlock.cli.run;

import dev.airlock.broker.auth.CanonicalRequest;
import dev.airlock.broker.auth.ClientId;
import dev.airlock.broker.auth.ClientSecret;
import dev.airlock.broker.auth.RequestSigner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A broker client for tests: signs as a registered client and sends with curl over the broker's
 * Unix socket (a real HTTP client), or writes hand-made bytes to the socket for what curl would
 * never send.
 */
final class BrokerClient {
    record Reply(int status, String body, String head) {}

    final Path socket;
    final ClientId client;
    final ClientSecret secret;
    /** curl's arguments for the transport, and the URL the target is appended to. */
    private final List<String> via;
    private final String base;

    BrokerClient(Path socket, String client, String secret) {
        this(socket, client, secret, List.of("--unix-socket", socket.toString()), "http://localhost");
    }

    private BrokerClient(Path socket, String client, String secret, List<String> via, String base) {
        this.socket = socket;
        this.client = new ClientId(client);
        this.secret = ClientSecret.parse(secret);
        this.via = List.copyOf(via);
        this.base = base;
    }

    /** The same client, its curl run as another OS user (the tests run as root in CI). */
    BrokerClient asUser(String user) {
        List<String> prefixed = new ArrayList<>(List.of("--user-prefix", user));
        prefixed.addAll(via);
        return new BrokerClient(socket, client.value(), secret.reveal(), prefixed, base);
    }

    /** The same client over TCP at {@code base} (https://... trusting {@code ca}, or http://...). */
    BrokerClient overTcp(String base, java.util.Optional<Path> ca) {
        return new BrokerClient(socket, client.value(), secret.reveal(),
                ca.map(c -> List.of("--cacert", c.toString())).orElse(List.of()), base);
    }

    Map<String, String> sign(String method, String target, String body, long at) {
        return new RequestSigner(client, secret).headers(CanonicalRequest.of(method, target),
                body.getBytes(StandardCharsets.UTF_8), at);
    }

    Reply call(String method, String target, String body) throws IOException, InterruptedException {
        return send(method, target, body, sign(method, target, body, System.currentTimeMillis()));
    }

    /** Sends with curl exactly these headers (the test may have altered them). */
    Reply send(String method, String target, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        Path in = Files.createTempFile("broker-body", ".json");
        Path out = Files.createTempFile("broker-reply", ".json");
        Path head = Files.createTempFile("broker-head", ".txt");
        try {
            Files.writeString(in, body);
            List<String> cmd = new ArrayList<>();
            List<String> transport = new ArrayList<>(via);
            if (!transport.isEmpty() && transport.get(0).equals("--user-prefix")) {
                cmd.addAll(List.of("runuser", "-u", transport.get(1), "--"));
                transport = transport.subList(2, transport.size());
                for (Path f : List.of(in, out, head)) {
                    f.toFile().setReadable(true, false);
                    f.toFile().setWritable(true, false);
                }
            }
            cmd.addAll(List.of("curl", "-sS", "--path-as-is"));
            cmd.addAll(transport);
            cmd.addAll(List.of("-X", method, "-o", out.toString(), "-D", head.toString(), "-w", "%{http_code}",
                    "-H", "Content-Type: application/json", "-H", "Expect:"));
            headers.forEach((k, v) -> cmd.addAll(List.of("-H", k + ": " + v)));
            if (!body.isEmpty()) {
                cmd.addAll(List.of("--data-binary", "@" + in));
            }
            cmd.add(base + target);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String code = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("curl hung");
            }
            if (p.exitValue() != 0) {
                return new Reply(-p.exitValue(), code, "");
            }
            return new Reply(Integer.parseInt(code.substring(code.length() - 3)), Files.readString(out),
                    Files.readString(head));
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
            Files.deleteIfExists(head);
        }
    }

    /** Debian's AWS CLI with exactly the environment the broker handed out (and the CA bundle it sent). */
    static AirlockProcess.Result aws(Path home, com.fasterxml.jackson.databind.JsonNode session, String... args)
            throws Exception {
        Path ca = Files.createTempFile(home, "ca", ".pem");
        Files.writeString(ca, session.get("caBundle").asText());
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/aws"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv("PATH"));
        pb.environment().put("HOME", home.resolve("agent-home").toString());
        session.get("environment").fields().forEachRemaining(e -> pb.environment().put(e.getKey(), e.getValue().asText()));
        pb.environment().put("AWS_CA_BUNDLE", ca.toString());
        Path out = Files.createTempFile(home, "aws", ".out");
        Path err = Files.createTempFile(home, "aws", ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("aws did not finish in 60 s: " + cmd);
        }
        return new AirlockProcess.Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Writes {@code request} as is and reads the whole answer. */
    Reply raw(String request) throws IOException {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(socket));
            OutputStream o = Channels.newOutputStream(c);
            o.write(request.getBytes(StandardCharsets.ISO_8859_1));
            o.flush();
            InputStream i = Channels.newInputStream(c);
            String all = new String(i.readAllBytes(), StandardCharsets.ISO_8859_1);
            int status = all.startsWith("HTTP/1.1 ") ? Integer.parseInt(all.substring(9, 12)) : -1;
            int split = all.indexOf("\r\n\r\n");
            return new Reply(status, split < 0 ? "" : all.substring(split + 4), split < 0 ? all : all.substring(0, split));
        }
    }
}
