package dev.airlock.audit;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of the audit log. The log is kept for a long time and shown to people, so a
 * secret written there once is leaked for good; {@link AuditLog#append} runs every field through this
 * guard and refuses the whole event rather than writing it.
 *
 * <p>Refused, with {@link IllegalArgumentException}:
 * <ul>
 *   <li>a field name (at any nesting depth) that, lower-cased with everything but letters and digits
 *       removed, contains {@code secret}, {@code password}, {@code token} (which covers
 *       {@code sessiontoken}) or {@code accesskey}. So {@code SecretAccessKey}, {@code session_token},
 *       {@code aws-access-key-id} and {@code accessKeyId} are all refused: log a non-secret reference
 *       under another name instead (e.g. {@code credentialsExpire}, {@code roleArn});</li>
 *   <li>a string value, under any name, containing a run of exactly 40 characters of
 *       {@code [A-Za-z0-9/+]} with upper case, lower case and a digit or {@code /}/{@code +} in it (the shape
 *       of an AWS secret access key; a 40-character hex digest has no upper case and passes), or the
 *       opening bytes every STS session token starts with.</li>
 * </ul>
 * Messages name the field but never repeat the value.
 */
public final class SecretGuard {

    private static final List<String> SECRET_NAME_PARTS = List.of("secret", "password", "token", "sessiontoken",
            "accesskey");
    private static final Pattern RUN_OF_40 = Pattern.compile("(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])");
    // Base64 of the binary header of STS session tokens (current and legacy formats).
    private static final List<String> SESSION_TOKEN_STARTS = List.of("IQoJb3JpZ2luX2Vj", "FwoGZXIvYXdzE");

    private SecretGuard() {
    }

    /** Throws if {@code name} looks like it would hold a credential. */
    public static void checkName(String name) {
        String folded = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        for (String part : SECRET_NAME_PARTS) {
            if (folded.contains(part)) {
                throw new IllegalArgumentException("audit field '" + name + "' is refused: its name contains '" + part
                        + "', and the audit log never stores secrets; log a non-secret reference under another name");
            }
        }
    }

    /** Throws if {@code value} looks like it holds a credential; the message names {@code name}, not the value. */
    public static void checkValue(String name, String value) {
        if (looksLikeSecret(value)) {
            throw new IllegalArgumentException("audit field '" + name + "' is refused: its value looks like an AWS "
                    + "secret access key or session token, and the audit log never stores secrets");
        }
    }

    /** True if {@code value} contains something shaped like an AWS secret key or session token. */
    public static boolean looksLikeSecret(String value) {
        for (String start : SESSION_TOKEN_STARTS) {
            if (value.contains(start)) {
                return true;
            }
        }
        Matcher m = RUN_OF_40.matcher(value);
        while (m.find()) {
            if (mixed(m.group())) {
                return true;
            }
        }
        return false;
    }

    private static boolean mixed(String run) {
        boolean upper = false;
        boolean lower = false;
        boolean other = false;
        for (int i = 0; i < run.length(); i++) {
            char c = run.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            other |= (c >= '0' && c <= '9') || c == '/' || c == '+';
        }
        return upper && lower && other;
    }
}
