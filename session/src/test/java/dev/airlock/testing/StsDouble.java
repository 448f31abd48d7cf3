package dev.airlock.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for AWS STS (and the few IAM read calls Airlock makes), which are unreachable from
 * tests. It speaks their real wire protocol: the AWS Query protocol (form-encoded POST, Action and
 * Version parameters), SigV4-signed requests checked against the keys it knows, XML responses and
 * AWS-shaped {@code ErrorResponse}s with the same codes and HTTP statuses AWS uses. Every call is
 * recorded with its parameters so tests can check exactly what Airlock sent.
 *
 * <p>It checks what STS checks: RoleSessionName shape, DurationSeconds within 900..43200 and the
 * role's MaxSessionDuration, the 2,048-character policy limit, JSON policy syntax, MFA code shape and
 * value when the role requires MFA, tag limits, SourceIdentity shape.
 */
public final class StsDouble implements AutoCloseable {

    public static final String BASE_KEY = "AKIAIOSFODNN7EXAMPLE";
    public static final String BASE_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    public static final String BASE_ARN = "arn:aws:iam::111122223333:user/broker";
    public static final String ROLE_ARN = "arn:aws:iam::111122223333:role/AgentRole";

    /** One call as received. */
    public record Call(String action, Map<String, String> params, String signedBy, Optional<String> securityToken,
            String signingRegion) {}

    /** An issued session. */
    /** An issued session; {@code mfa} when it was issued against an MFA code (GetSessionToken with one). */
    public record Issued(String accessKeyId, String secret, String token, Instant expiration, String arn, boolean mfa) {}

    private static final SecureRandom RANDOM = new SecureRandom();
    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();
    private final Map<String, String> inlinePolicies = Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile Duration maxSessionDuration = Duration.ofHours(1);
    private volatile Duration issuedLifetime = Duration.ZERO;
    private volatile Optional<String> requiredMfaCode = Optional.empty();
    private volatile boolean denyAssumeRole;
    private volatile boolean denyIamReads;

    public StsDouble() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String action) {
        return calls.stream().filter(c -> c.action().equals(action)).toList();
    }

    public List<Issued> issued() {
        return new ArrayList<>(issued.values());
    }

    public StsDouble maxSessionDuration(Duration d) {
        maxSessionDuration = d;
        return this;
    }

    /** Issue credentials that expire after this long instead of after DurationSeconds (for refresh tests). */
    public StsDouble issuedLifetime(Duration d) {
        issuedLifetime = d;
        return this;
    }

    public StsDouble requireMfa(String code) {
        requiredMfaCode = Optional.of(code);
        return this;
    }

    public StsDouble denyAssumeRole() {
        denyAssumeRole = true;
        return this;
    }

    public StsDouble denyIamReads() {
        denyIamReads = true;
        return this;
    }

    public StsDouble rolePolicy(String name, String json) {
        inlinePolicies.put(name, json);
        return this;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            Map<String, String> params = form(new String(body, StandardCharsets.UTF_8));
            String query = ex.getRequestURI().getRawQuery();
            if (query != null) {
                params.putAll(form(query));
            }
            String action = params.getOrDefault("Action", "");
            SigV4Check.Result auth = SigV4Check.verify(ex.getRequestMethod(), ex.getRequestURI().getRawPath(), query,
                    ex.getRequestHeaders(), body, this::secretFor);
            if (auth.accessKeyId().isEmpty()) {
                error(ex, 403, "Sender", auth.errorCode(), auth.message(), action);
                return;
            }
            String key = auth.accessKeyId().get();
            Optional<String> token = Optional.ofNullable(SigV4Check.first(ex.getRequestHeaders(), "x-amz-security-token"));
            calls.add(new Call(action, Map.copyOf(params), key, token, auth.region()));
            Issued session = issued.get(key);
            if (session != null && (token.isEmpty() || !token.get().equals(session.token()))) {
                error(ex, 403, "Sender", "InvalidClientTokenId", "The security token included in the request is invalid.", action);
                return;
            }
            if (session != null && Instant.now().isAfter(session.expiration())) {
                error(ex, 400, "Sender", "ExpiredToken", "The security token included in the request is expired", action);
                return;
            }
            dispatch(ex, action, params, session);
        }
    }

    private void dispatch(HttpExchange ex, String action, Map<String, String> p, Issued session) throws IOException {
        switch (action) {
            case "AssumeRole" -> assumeRole(ex, p, session);
            case "GetCallerIdentity" -> callerIdentity(ex, session);
            case "GetSessionToken" -> sessionToken(ex, p, session);
            case "GetRole", "ListRolePolicies", "GetRolePolicy", "ListAttachedRolePolicies" -> iam(ex, action, p);
            default -> error(ex, 400, "Sender", "InvalidAction", "Could not find operation " + action
                    + " for version " + p.get("Version"), action);
        }
    }

    private Optional<String> secretFor(String key) {
        if (key.equals(BASE_KEY)) {
            return Optional.of(BASE_SECRET);
        }
        return Optional.ofNullable(issued.get(key)).map(Issued::secret);
    }

    private void assumeRole(HttpExchange ex, Map<String, String> p, Issued caller) throws IOException {
        Optional<String> invalid = StsValidation.assumeRole(p, maxSessionDuration);
        if (invalid.isPresent()) {
            String[] codeAndMessage = invalid.get().split(": ", 2);
            error(ex, 400, "Sender", codeAndMessage[0], codeAndMessage[1], "AssumeRole");
            return;
        }
        String callerArn = caller == null ? BASE_ARN : caller.arn();
        if (denyAssumeRole || !p.get("RoleArn").equals(ROLE_ARN)) {
            error(ex, 403, "Sender", "AccessDenied", "User: " + callerArn + " is not authorized to perform: "
                    + "sts:AssumeRole on resource: " + p.get("RoleArn"), "AssumeRole");
            return;
        }
        boolean mfaSession = caller != null && caller.mfa();
        if (requiredMfaCode.isPresent() && !mfaSession && !requiredMfaCode.get().equals(p.get("TokenCode"))) {
            String message = p.containsKey("TokenCode")
                    ? "MultiFactorAuthentication failed with invalid MFA one time pass code. "
                    : "User: " + callerArn + " is not authorized to perform: sts:AssumeRole on resource: " + ROLE_ARN;
            error(ex, 403, "Sender", "AccessDenied", message, "AssumeRole");
            return;
        }
        Duration asked = Duration.ofSeconds(Long.parseLong(p.getOrDefault("DurationSeconds", "3600")));
        Duration life = issuedLifetime.isZero() ? asked : issuedLifetime;
        String arn = "arn:aws:sts::111122223333:assumed-role/AgentRole/" + p.get("RoleSessionName");
        Issued s = new Issued("ASIA" + randomAlnum(16), randomSecret(40), randomSecret(120),
                Instant.now().plus(life).truncatedTo(ChronoUnit.SECONDS), arn, false);
        issued.put(s.accessKeyId(), s);
        int packed = p.containsKey("Policy") ? Math.max(1, p.get("Policy").length() * 100 / 2048) : 0;
        ok(ex, "AssumeRole", "<SourceIdentity>" + xml(p.getOrDefault("SourceIdentity", "")) + "</SourceIdentity>"
                + "<AssumedRoleUser><Arn>" + xml(arn) + "</Arn><AssumedRoleId>AROA3XFRBF535PLBIFPI4:"
                + xml(p.get("RoleSessionName")) + "</AssumedRoleId></AssumedRoleUser>"
                + "<Credentials><AccessKeyId>" + s.accessKeyId() + "</AccessKeyId><SecretAccessKey>" + xml(s.secret())
                + "</SecretAccessKey><SessionToken>" + xml(s.token()) + "</SessionToken><Expiration>"
                + s.expiration() + "</Expiration></Credentials><PackedPolicySize>" + packed + "</PackedPolicySize>");
    }

    /**
     * GetSessionToken as STS answers it: only for long-term (IAM user) keys, DurationSeconds
     * 900..129600 (default 43200), and with SerialNumber and TokenCode checked when MFA is required.
     */
    private void sessionToken(HttpExchange ex, Map<String, String> p, Issued caller) throws IOException {
        if (caller != null) {
            error(ex, 403, "Sender", "AccessDenied", "Cannot call GetSessionToken with session credentials", "GetSessionToken");
            return;
        }
        long seconds = Long.parseLong(p.getOrDefault("DurationSeconds", "43200"));
        if (seconds < 900 || seconds > 129600) {
            error(ex, 400, "Sender", "ValidationError", "1 validation error detected: Value '" + seconds
                    + "' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal "
                    + "to 129600", "GetSessionToken");
            return;
        }
        boolean withCode = p.containsKey("TokenCode");
        if (withCode && requiredMfaCode.isPresent() && !requiredMfaCode.get().equals(p.get("TokenCode"))) {
            error(ex, 403, "Sender", "AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code. ",
                    "GetSessionToken");
            return;
        }
        Issued s = new Issued("ASIA" + randomAlnum(16), randomSecret(40), randomSecret(120),
                Instant.now().plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS), BASE_ARN, withCode);
        issued.put(s.accessKeyId(), s);
        ok(ex, "GetSessionToken", "<Credentials><AccessKeyId>" + s.accessKeyId() + "</AccessKeyId><SecretAccessKey>"
                + xml(s.secret()) + "</SecretAccessKey><SessionToken>" + xml(s.token()) + "</SessionToken><Expiration>"
                + s.expiration() + "</Expiration></Credentials>");
    }

    private void callerIdentity(HttpExchange ex, Issued session) throws IOException {
        String arn = session == null ? BASE_ARN : session.arn();
        String userId = session == null || session.arn().equals(BASE_ARN) ? "AIDACKCEVSQ6C2EXAMPLE" : "AROA3XFRBF535PLBIFPI4:" + arn.substring(arn.lastIndexOf('/') + 1);
        ok(ex, "GetCallerIdentity", "<Arn>" + xml(arn) + "</Arn><UserId>" + xml(userId)
                + "</UserId><Account>111122223333</Account>");
    }

    private void iam(HttpExchange ex, String action, Map<String, String> p) throws IOException {
        if (denyIamReads) {
            error(ex, 403, "Sender", "AccessDenied", "User: " + BASE_ARN + " is not authorized to perform: iam:"
                    + action + " on resource: role " + p.get("RoleName"), action);
            return;
        }
        if (!"AgentRole".equals(p.get("RoleName"))) {
            error(ex, 404, "Sender", "NoSuchEntity", "The role with name " + p.get("RoleName") + " cannot be found.", action);
            return;
        }
        switch (action) {
            case "GetRole" -> ok(ex, action, "<Role><Path>/</Path><RoleName>AgentRole</RoleName><RoleId>AROA3XFRBF535PLBIFPI4"
                    + "</RoleId><Arn>" + ROLE_ARN + "</Arn><CreateDate>2024-01-01T00:00:00Z</CreateDate>"
                    + "<MaxSessionDuration>" + maxSessionDuration.toSeconds() + "</MaxSessionDuration></Role>");
            case "ListRolePolicies" -> {
                StringBuilder names = new StringBuilder();
                inlinePolicies.keySet().forEach(n -> names.append("<member>").append(xml(n)).append("</member>"));
                ok(ex, action, "<PolicyNames>" + names + "</PolicyNames><IsTruncated>false</IsTruncated>");
            }
            case "GetRolePolicy" -> ok(ex, action, "<RoleName>AgentRole</RoleName><PolicyName>" + xml(p.get("PolicyName"))
                    + "</PolicyName><PolicyDocument>" + xml(URLEncoder.encode(inlinePolicies.getOrDefault(p.get("PolicyName"), "{}"),
                            StandardCharsets.UTF_8).replace("+", "%20")) + "</PolicyDocument>");
            default -> ok(ex, action, "<AttachedPolicies></AttachedPolicies><IsTruncated>false</IsTruncated>");
        }
    }

    private static void ok(HttpExchange ex, String action, String result) throws IOException {
        String ns = action.startsWith("Get") && !action.equals("GetCallerIdentity") || action.startsWith("List")
                ? "https://iam.amazonaws.com/doc/2010-05-08/" : "https://sts.amazonaws.com/doc/2011-06-15/";
        send(ex, 200, "<" + action + "Response xmlns=\"" + ns + "\"><" + action + "Result>" + result + "</" + action
                + "Result><ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata></"
                + action + "Response>");
    }

    private static void error(HttpExchange ex, int status, String type, String code, String message, String action)
            throws IOException {
        String ns = action.startsWith("AssumeRole") || action.equals("GetCallerIdentity") || action.isEmpty()
                ? "https://sts.amazonaws.com/doc/2011-06-15/" : "https://iam.amazonaws.com/doc/2010-05-08/";
        send(ex, status, "<ErrorResponse xmlns=\"" + ns + "\"><Error><Type>" + type + "</Type><Code>" + code
                + "</Code><Message>" + xml(message) + "</Message></Error><RequestId>" + UUID.randomUUID()
                + "</RequestId></ErrorResponse>");
    }

    private static void send(HttpExchange ex, int status, String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/xml");
        ex.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static Map<String, String> form(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return out;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String randomAlnum(int n) {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(chars.charAt(RANDOM.nextInt(chars.length())));
        }
        return b.toString();
    }

    private static String randomSecret(int n) {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(chars.charAt(RANDOM.nextInt(chars.length())));
        }
        return b.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
