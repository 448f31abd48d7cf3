package dev.airlock.audit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of the audit log and session records. The log is kept for a long time and
 * shown to people, so a secret written there once is leaked for good. Values are often chosen by the
 * agent (an S3 key, a command argument), so a value that holds a secret is <em>redacted</em>, not
 * refused: only the matching run of characters is replaced by {@code [redacted: REASON]}, the field
 * and its siblings are kept, and {@link AuditLog#append} says in the record which fields were redacted
 * and why (never the value). What is redacted, by {@link Reason}:
 * <ul>
 *   <li>every exact occurrence of a credential this process holds, given to {@link #protect}: the base
 *       secret key, session secrets and tokens, the endpoint's minted secret and token, whatever their
 *       shape, and their URL-encoded form (a token in a presigned URL);</li>
 *   <li>a run of exactly 40 characters of {@code [A-Za-z0-9/+]} mixing upper case, lower case and a
 *       digit or {@code +}: the shape of an AWS secret access key (a 40-character hex digest has no upper
 *       case and is kept). The run may also start after, or end before, a {@code /}, which separates path
 *       segments, so {@code keys/SECRET.txt} is caught; a longer run with no such boundary is kept;</li>
 *   <li>a base64 run starting with the header every STS session token starts with (current and legacy
 *       formats), through the end of the run, URL-encoded characters included.</li>
 * </ul>
 * Access key IDs ({@code AKIA}/{@code ASIA} and 16 characters) are kept on purpose: they are not
 * secret, and the log records them ({@code keyId}) to tie CloudTrail events to sessions.
 *
 * <p>Field <em>names</em> are chosen by Airlock's own code, never by an agent, so a name that looks
 * like it holds a credential is a programming error and {@link #checkName} refuses it.
 *
 * <p>Thread-safe: {@link #protect} may be called while other threads append.
 */
public final class SecretGuard {

    /** Why a run of characters was redacted; {@link #label()} is what the log says. */
    public enum Reason {
        KNOWN_CREDENTIAL("known credential"),
        SECRET_ACCESS_KEY_SHAPE("aws-secret-access-key shape"),
        SESSION_TOKEN_SHAPE("aws-session-token shape");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** What replaces the redacted run. */
        String placeholder() {
            return "[redacted: " + label + "]";
        }
    }

    /** {@code text} with secrets replaced, and why; {@code reasons} is empty when nothing was replaced. */
    public record Redacted(String text, Set<Reason> reasons) {
        public Redacted {
            // An EnumSet keeps the declaration order, so the record lists reasons the same way every time.
            reasons = Collections.unmodifiableSet(
                    reasons.isEmpty() ? EnumSet.noneOf(Reason.class) : EnumSet.copyOf(reasons));
        }
    }

    /**
     * Shorter strings are not protected: replacing every occurrence of, say, {@code secret} would
     * mangle ordinary text, and no AWS credential is that short.
     */
    static final int MIN_PROTECTED_LENGTH = 8;

    private static final List<String> SECRET_NAME_PARTS = List.of("secret", "password", "token", "sessiontoken",
            "accesskey");
    private static final int KEY_LENGTH = 40;
    private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9/+]{40,}");
    // Base64 of the binary header of STS session tokens (current and legacy formats), then the rest of the
    // token, which may be URL-encoded when it sits in a presigned URL.
    private static final Pattern SESSION_TOKEN = Pattern.compile(
            "(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdzE)(?:[A-Za-z0-9/+=]|%2[FfBb]|%3[Dd])*");

    /** Longest first, so a secret that contains another is replaced whole; replaced on each protect. */
    private volatile List<String> known = List.of();

    /** A guard that knows AWS's key formats and, until {@link #protect} is called, no credential. */
    public SecretGuard() {
    }

    /**
     * Adds credentials this process holds, so every exact occurrence is redacted whatever its shape.
     * Strings shorter than 8 characters are ignored.
     */
    public synchronized void protect(String... secrets) {
        List<String> next = new ArrayList<>(known);
        for (String s : secrets) {
            if (s.length() < MIN_PROTECTED_LENGTH) {
                continue;
            }
            addOnce(next, s);
            addOnce(next, URLEncoder.encode(s, StandardCharsets.UTF_8));
        }
        next.sort(Comparator.comparingInt(String::length).reversed());
        known = List.copyOf(next);
    }

    private static void addOnce(List<String> list, String s) {
        if (!list.contains(s)) {
            list.add(s);
        }
    }

    /** {@code value} with every known credential and secret-shaped run replaced. */
    public Redacted redact(String value) {
        EnumSet<Reason> reasons = EnumSet.noneOf(Reason.class);
        String text = value;
        for (String secret : known) {
            if (text.contains(secret)) {
                text = text.replace(secret, Reason.KNOWN_CREDENTIAL.placeholder());
                reasons.add(Reason.KNOWN_CREDENTIAL);
            }
        }
        text = replaceTokenShapes(text, reasons);
        text = replaceKeyShapes(text, reasons);
        return new Redacted(text, reasons);
    }

    private static String replaceTokenShapes(String text, Set<Reason> reasons) {
        Matcher m = SESSION_TOKEN.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, last, m.start()).append(Reason.SESSION_TOKEN_SHAPE.placeholder());
            last = m.end();
        }
        if (out == null) {
            return text;
        }
        reasons.add(Reason.SESSION_TOKEN_SHAPE);
        return out.append(text, last, text.length()).toString();
    }

    /**
     * Replaces the secret-key-shaped windows of each base64 run. A window is 40 characters that start at
     * the run's start or after a {@code /} and end at the run's end or before a {@code /}: {@code /} is a
     * base64 character, but also the separator of paths and S3 keys, so {@code keys/SECRET} must be found.
     * Of windows that overlap, those with the fewest {@code /} inside win (a key has few, a stretch of path
     * segments many), and are replaced as one span, so no piece of a tied one is left behind.
     */
    private static String replaceKeyShapes(String text, Set<Reason> reasons) {
        List<Span> spans = new ArrayList<>();
        Matcher m = BASE64_RUN.matcher(text);
        while (m.find()) {
            List<Span> cluster = new ArrayList<>();
            for (int start = m.start(); start + KEY_LENGTH <= m.end(); start = nextSegment(text, start, m.end())) {
                int end = start + KEY_LENGTH;
                if ((end == m.end() || text.charAt(end) == '/') && mixed(text, start, end)) {
                    if (!cluster.isEmpty() && start >= cluster.get(cluster.size() - 1).end()) {
                        spans.add(fewestSlashes(text, cluster));
                        cluster.clear();
                    }
                    cluster.add(new Span(start, end));
                }
            }
            if (!cluster.isEmpty()) {
                spans.add(fewestSlashes(text, cluster));
            }
        }
        if (spans.isEmpty()) {
            return text;
        }
        reasons.add(Reason.SECRET_ACCESS_KEY_SHAPE);
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        for (Span span : spans) {
            out.append(text, last, span.start()).append(Reason.SECRET_ACCESS_KEY_SHAPE.placeholder());
            last = span.end();
        }
        return out.append(text, last, text.length()).toString();
    }

    /** The span covering the windows of {@code cluster} with the fewest {@code /} inside. */
    private static Span fewestSlashes(String text, List<Span> cluster) {
        int fewest = Integer.MAX_VALUE;
        Span span = cluster.get(0);
        for (Span w : cluster) {
            int slashes = (int) text.substring(w.start(), w.end()).chars().filter(c -> c == '/').count();
            if (slashes < fewest) {
                fewest = slashes;
                span = w;
            } else if (slashes == fewest) {
                span = new Span(span.start(), w.end());
            }
        }
        return span;
    }

    /** Characters [start, end) of a value. */
    private record Span(int start, int end) {}

    /** Where the next window may start: just after the next {@code /} of the run, or past its end. */
    private static int nextSegment(String text, int from, int runEnd) {
        int slash = text.indexOf('/', from);
        return slash < 0 || slash >= runEnd ? runEnd : slash + 1;
    }

    /**
     * Throws {@link IllegalArgumentException} if {@code name} looks like it would hold a credential: lower-cased
     * with everything but letters and digits removed, it contains {@code secret}, {@code password},
     * {@code token} or {@code accesskey}, or it holds something {@link #redact} would replace. So
     * {@code SecretAccessKey}, {@code session_token}, {@code aws-access-key-id} and {@code accessKeyId} are
     * all refused: log a non-secret reference under another name instead (e.g. {@code keyId}, {@code roleArn}).
     */
    public void checkName(String name) {
        String folded = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        for (String part : SECRET_NAME_PARTS) {
            if (folded.contains(part)) {
                throw new IllegalArgumentException("audit field '" + name + "' is refused: its name contains '" + part
                        + "', and the audit log never stores secrets; log a non-secret reference under another name");
            }
        }
        if (!redact(name).reasons().isEmpty()) {
            throw new IllegalArgumentException("an audit field name is refused: it holds a credential or something "
                    + "shaped like one; field names are Airlock's own, put what the agent chose in a value");
        }
    }

    /** Upper case, lower case, and a digit or {@code +}: a {@code /} alone is too common in paths to count. */
    private static boolean mixed(String text, int from, int to) {
        boolean upper = false;
        boolean lower = false;
        boolean other = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            other |= (c >= '0' && c <= '9') || c == '+';
        }
        return upper && lower && other;
    }
}
