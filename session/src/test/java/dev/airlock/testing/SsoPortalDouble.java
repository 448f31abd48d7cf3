package dev.airlock.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the IAM Identity Center (SSO) portal, {@code portal.sso.REGION.amazonaws.com},
 * which tests cannot reach. It speaks the portal's GetRoleCredentials as the SDKs call it: {@code
 * GET /federation/credentials?account_id=ID&role_name=NAME} with the access token in the {@code
 * x-amz-sso_bearer_token} header and no signature, answered with {@code {"roleCredentials":
 * {accessKeyId, secretAccessKey, sessionToken, expiration (epoch milliseconds)}}}, or with the
 * portal's {@code UnauthorizedException} (401) for an unknown token and {@code ForbiddenException}
 * (403) for a role not assigned. The credentials it hands out are {@link StsDouble}'s base keys,
 * so the STS double accepts what they sign.
 *
 * <p>It also writes the token cache the AWS CLI's {@code aws sso login} leaves in
 * {@code ~/.aws/sso/cache}: the file named by the SHA-1 of the sso-session name (or, for the
 * legacy form, of the start URL).
 */
public final class SsoPortalDouble implements AutoCloseable {

    public static final String ACCOUNT = "111122223333";
    public static final String ROLE_NAME = "BrokerAccess";
    public static final String START_URL = "https://d-example.awsapps.com/start";

    /** One GetRoleCredentials call as received. */
    public record Call(String accountId, String roleName, Optional<String> bearerToken) {}

    private final HttpServer server;
    private final String token = "aoa" + UUID.randomUUID().toString().replace("-", "");
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    public SsoPortalDouble() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /**
     * Writes the cached token for {@code cacheKey} (an sso-session name, or the start URL for a
     * legacy profile) into {@code home/.aws/sso/cache}, valid for {@code life}.
     */
    public void cacheToken(Path home, String cacheKey, Duration life) throws IOException {
        cache(home, cacheKey, life, token);
    }

    /** A cached token the portal no longer accepts (signed out elsewhere, or revoked). */
    public void cacheRevokedToken(Path home, String cacheKey) throws IOException {
        cache(home, cacheKey, Duration.ofHours(8), "aoa-revoked");
    }

    private static void cache(Path home, String cacheKey, Duration life, String token) throws IOException {
        Path dir = Files.createDirectories(home.resolve(".aws/sso/cache"));
        String expires = Instant.now().plus(life).truncatedTo(ChronoUnit.SECONDS).toString();
        Files.writeString(dir.resolve(sha1(cacheKey) + ".json"), """
                {"startUrl": "%s", "region": "us-east-1", "accessToken": "%s", "expiresAt": "%s"}
                """.formatted(START_URL, token, expires));
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Map<String, String> q = StsDouble.form(Optional.ofNullable(ex.getRequestURI().getRawQuery()).orElse(""));
            Optional<String> bearer = Optional.ofNullable(ex.getRequestHeaders().getFirst("x-amz-sso_bearer_token"));
            if (!ex.getRequestMethod().equals("GET") || !ex.getRequestURI().getPath().equals("/federation/credentials")) {
                send(ex, 404, "ResourceNotFoundException", "{\"message\":\"No such operation\"}");
                return;
            }
            calls.add(new Call(q.getOrDefault("account_id", ""), q.getOrDefault("role_name", ""), bearer));
            if (bearer.isEmpty() || !bearer.get().equals(token)) {
                send(ex, 401, "UnauthorizedException", "{\"message\":\"Session token not found or invalid\"}");
                return;
            }
            if (!ACCOUNT.equals(q.get("account_id")) || !ROLE_NAME.equals(q.get("role_name"))) {
                send(ex, 403, "ForbiddenException", "{\"message\":\"No access\"}");
                return;
            }
            long expiration = Instant.now().plus(Duration.ofHours(1)).toEpochMilli();
            send(ex, 200, "", "{\"roleCredentials\":{\"accessKeyId\":\"" + StsDouble.BASE_KEY
                    + "\",\"secretAccessKey\":\"" + StsDouble.BASE_SECRET + "\",\"sessionToken\":\"sso-session-token-"
                    + UUID.randomUUID() + "\",\"expiration\":" + expiration + "}}");
        }
    }

    private static void send(HttpExchange ex, int status, String errorType, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        if (!errorType.isEmpty()) {
            ex.getResponseHeaders().set("x-amzn-ErrorType", errorType);
        }
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String sha1(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
