package dev.airlock.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test-only check of an AWS Signature Version 4 header signature, as STS and IAM perform it: the
 * double refuses what AWS would refuse (unknown key, wrong signature), so a client that signs with
 * the wrong credentials fails here as it would against AWS.
 */
final class SigV4Check {

    private static final Pattern AUTH = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})");

    /** The outcome: the access key that signed, or the AWS error code for the refusal. */
    record Result(Optional<String> accessKeyId, String region, String errorCode, String message) {
        static Result ok(String key, String region) {
            return new Result(Optional.of(key), region, "", "");
        }

        static Result error(String code, String message) {
            return new Result(Optional.empty(), "", code, message);
        }
    }

    private SigV4Check() {}

    static Result verify(String method, String path, String query, Map<String, List<String>> headers, byte[] body,
            Function<String, Optional<String>> secretFor) {
        String auth = first(headers, "authorization");
        if (auth == null) {
            return Result.error("MissingAuthenticationToken", "Request is missing Authentication Token");
        }
        Matcher m = AUTH.matcher(auth);
        if (!m.matches()) {
            return Result.error("IncompleteSignature", "Authorization header is not a SigV4 header");
        }
        String key = m.group(1);
        Optional<String> secret = secretFor.apply(key);
        if (secret.isEmpty()) {
            return Result.error("InvalidClientTokenId", "The security token included in the request is invalid.");
        }
        String amzDate = first(headers, "x-amz-date");
        String scope = m.group(2) + "/" + m.group(3) + "/" + m.group(4) + "/aws4_request";
        String canonical = method + "\n" + path + "\n" + canonicalQuery(query) + "\n"
                + canonicalHeaders(headers, m.group(5)) + "\n" + m.group(5) + "\n" + hex(sha256(body));
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] k = hmac(("AWS4" + secret.get()).getBytes(StandardCharsets.UTF_8), m.group(2));
        k = hmac(k, m.group(3));
        k = hmac(k, m.group(4));
        k = hmac(k, "aws4_request");
        String expected = hex(hmac(k, toSign));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), m.group(6).getBytes(StandardCharsets.UTF_8))) {
            return Result.error("SignatureDoesNotMatch", "The request signature we calculated does not match the "
                    + "signature you provided. Check your AWS Secret Access Key and signing method.");
        }
        return Result.ok(key, m.group(3));
    }

    static String first(Map<String, List<String>> headers, String lowerName) {
        for (var e : headers.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(lowerName) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    private static String canonicalHeaders(Map<String, List<String>> headers, String signed) {
        StringBuilder out = new StringBuilder();
        for (String name : signed.split(";")) {
            List<String> values = new ArrayList<>();
            headers.forEach((k, v) -> {
                if (k.toLowerCase(Locale.ROOT).equals(name)) {
                    v.forEach(x -> values.add(x.trim().replaceAll("\\s+", " ")));
                }
            });
            out.append(name).append(':').append(String.join(",", values)).append('\n');
        }
        return out.toString();
    }

    private static String canonicalQuery(String query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        TreeMap<String, List<String>> sorted = new TreeMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            sorted.computeIfAbsent(encode(k), x -> new ArrayList<>()).add(encode(v));
        }
        List<String> parts = new ArrayList<>();
        sorted.forEach((k, vs) -> vs.stream().sorted().forEach(v -> parts.add(k + "=" + v)));
        return String.join("&", parts);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-_.~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
