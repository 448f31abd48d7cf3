package dev.airlock.broker.auth;

import dev.airlock.broker.auth.AuthenticationException.Kind;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Decides whether a request was signed by a registered client, just now, for the first time. The
 * signature is checked before the nonce is recorded, so a forged request can neither replay nor
 * fill the cache; the nonce cache is keyed on the authenticated name. Requests stamped before this
 * broker started are refused: their nonces may sit in a previous process's cache, now gone.
 */
public final class RequestVerifier {

    /** Requests older or newer than this are refused. */
    public static final long WINDOW_MILLIS = 5 * 60_000L;
    static final int NONCE_CAPACITY = 1_000_000;

    private static final Pattern TIMESTAMP = Pattern.compile("[1-9][0-9]{12}");
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final Pattern HEX_MAC = Pattern.compile("[0-9a-f]{64}");
    // Compared against when the client is unknown, so a miss costs the same MAC as a hit.
    private static final ClientSecret NOBODY = ClientSecret.generate();

    private final Function<ClientId, Optional<ClientSecret>> secrets;
    private final long startedMillis;
    private final NonceCache nonces;

    public RequestVerifier(Function<ClientId, Optional<ClientSecret>> secrets, long startedMillis) {
        this(secrets, startedMillis, NONCE_CAPACITY);
    }

    RequestVerifier(Function<ClientId, Optional<ClientSecret>> secrets, long startedMillis, int nonceCapacity) {
        this.secrets = secrets;
        this.startedMillis = startedMillis;
        this.nonces = new NonceCache(WINDOW_MILLIS, nonceCapacity);
    }

    /**
     * The client that signed this request.
     *
     * @param headers every value of each header name, names as the client sent them (case ignored)
     */
    public ClientId verify(CanonicalRequest request, Map<String, List<String>> headers, byte[] body, long nowMillis) {
        String name = single(headers, RequestSigner.CLIENT);
        String stamp = single(headers, RequestSigner.TIMESTAMP);
        String nonce = single(headers, RequestSigner.NONCE);
        String mac = single(headers, RequestSigner.SIGNATURE);
        if (!ClientId.valid(name)) {
            throw new AuthenticationException(Kind.MALFORMED_HEADER, RequestSigner.CLIENT + " is not a client name");
        }
        if (!TIMESTAMP.matcher(stamp).matches() || !NONCE.matcher(nonce).matches() || !HEX_MAC.matcher(mac).matches()) {
            throw new AuthenticationException(Kind.MALFORMED_HEADER, "the timestamp must be epoch milliseconds (13 "
                    + "digits), the nonce 16 to 64 base64url characters, the signature 64 lower-case hex digits");
        }
        long ts = Long.parseLong(stamp);
        fresh(ts, nowMillis);
        ClientId client = new ClientId(name);
        Optional<ClientSecret> secret = secrets.apply(client);
        byte[] expected = RequestSigner.mac(secret.orElse(NOBODY),
                CanonicalRequest.utf8(request.stringToSign(client, ts, nonce, body)));
        if (!MessageDigest.isEqual(expected, HexFormat.of().parseHex(mac)) || secret.isEmpty()) {
            throw new AuthenticationException(Kind.BAD_SIGNATURE, "the signature does not verify for client '" + name
                    + "' (unknown client, wrong secret, or a request changed after signing)");
        }
        switch (nonces.admit(client, nonce, ts, nowMillis)) {
            case REPLAYED -> throw new AuthenticationException(Kind.REPLAYED, "this nonce was already used: sign "
                    + "every request anew");
            case FULL -> throw new AuthenticationException(Kind.BUSY, "too many requests in the replay window; retry");
            case FRESH -> { }
        }
        return client;
    }

    private void fresh(long ts, long now) {
        if (ts < startedMillis) {
            throw new AuthenticationException(Kind.BEFORE_START, "the request is stamped before this broker started: "
                    + "sign it again");
        }
        if (now - ts > WINDOW_MILLIS) {
            throw new AuthenticationException(Kind.STALE, "the request is stamped " + (now - ts) / 1000
                    + " s ago; requests are accepted for 300 s");
        }
        if (ts - now > WINDOW_MILLIS) {
            throw new AuthenticationException(Kind.FUTURE, "the request is stamped " + (ts - now) / 1000
                    + " s in the future; check the client's clock");
        }
    }

    private static String single(Map<String, List<String>> headers, String name) {
        List<String> values = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).toList();
        if (values.isEmpty()) {
            throw new AuthenticationException(Kind.MISSING_HEADER, "no " + name + " header: sign the request");
        }
        if (values.size() > 1) {
            throw new AuthenticationException(Kind.MALFORMED_HEADER, name + " given " + values.size() + " times");
        }
        return values.get(0);
    }

    int cachedNonces() {
        return nonces.size();
    }
}
