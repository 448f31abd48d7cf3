package dev.airlock.credentials;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.airlock.session.SessionCredentials;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * The container-credentials endpoint ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI} with
 * {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}) on 127.0.0.1, serving one session's current
 * credentials. A request without the exact token, or to another path, gets nothing.
 */
public final class ContainerCredentialsServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final String path;
    private final String token;
    private final Supplier<SessionCredentials> source;

    private ContainerCredentialsServer(Supplier<SessionCredentials> source) throws IOException {
        this.source = source;
        this.path = "/airlock/" + HexFormat.of().formatHex(random(8));
        this.token = Base64.getUrlEncoder().withoutPadding().encodeToString(random(32));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::handle);
        server.start();
    }

    public static ContainerCredentialsServer start(Supplier<SessionCredentials> source) {
        try {
            return new ContainerCredentialsServer(source);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the credentials endpoint on 127.0.0.1", e);
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public String authorizationToken() {
        return token;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET") || !exchange.getRequestURI().getPath().equals(path)) {
                send(exchange, 404, "{\"message\":\"not found\"}");
            } else if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 403, "{\"message\":\"missing or wrong authorization token\"}");
            } else {
                send(exchange, 200, body(source.get()));
            }
        }
    }

    private boolean authorized(String header) {
        return header != null && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    private static String body(SessionCredentials c) {
        ObjectNode o = JSON.createObjectNode();
        o.put("AccessKeyId", c.accessKeyId());
        o.put("SecretAccessKey", c.secretAccessKey());
        o.put("Token", c.sessionToken());
        o.put("Expiration", DateTimeFormatter.ISO_INSTANT.format(c.expiration().truncatedTo(ChronoUnit.SECONDS)));
        return o.toString();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
