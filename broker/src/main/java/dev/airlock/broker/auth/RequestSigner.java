package dev.airlock.broker.auth;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a broker API request as a registered client: HMAC-SHA256 with the client's secret over
 * the client name, a millisecond timestamp, a fresh nonce, the method, path, query and the body's
 * SHA-256. The one signer: the broker's verifier computes the same MAC with it.
 */
public final class RequestSigner {

    public static final String ALGORITHM = "AIRLOCK-HMAC-SHA256";
    public static final String CLIENT = "X-Airlock-Client";
    public static final String TIMESTAMP = "X-Airlock-Timestamp";
    public static final String NONCE = "X-Airlock-Nonce";
    public static final String SIGNATURE = "X-Airlock-Signature";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ClientId client;
    private final ClientSecret secret;

    public RequestSigner(ClientId client, ClientSecret secret) {
        this.client = client;
        this.secret = secret;
    }

    /** The four headers that authenticate {@code request} with {@code body}, signed now. */
    public Map<String, String> headers(CanonicalRequest request, byte[] body, long nowMillis) {
        String nonce = newNonce();
        Map<String, String> h = new LinkedHashMap<>();
        h.put(CLIENT, client.value());
        h.put(TIMESTAMP, Long.toString(nowMillis));
        h.put(NONCE, nonce);
        h.put(SIGNATURE, signature(secret, request.stringToSign(client, nowMillis, nonce, body)));
        return h;
    }

    /** 128 random bits, base64url without padding. */
    public static String newNonce() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String signature(ClientSecret secret, String stringToSign) {
        return HexFormat.of().formatHex(mac(secret, CanonicalRequest.utf8(stringToSign)));
    }

    static byte[] mac(ClientSecret secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.bytes(), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
