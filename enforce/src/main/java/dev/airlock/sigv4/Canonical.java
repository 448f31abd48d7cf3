package dev.airlock.sigv4;

import java.util.ArrayList;
import java.util.List;

/** The pieces of the SigV4 canonical request. */
final class Canonical {

    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

    private Canonical() {
    }

    // ---- URI ----------------------------------------------------------------------------------------------

    /**
     * The canonical URI. S3-style services sign the path exactly as sent; the others sign the normalized path
     * encoded a second time (so {@code %20} becomes {@code %2520}).
     */
    static String uri(String rawPath, boolean s3Style) {
        if (rawPath.isEmpty()) {
            return "/";
        }
        if (s3Style) {
            return rawPath;
        }
        String normalized = normalizePath(rawPath);
        StringBuilder out = new StringBuilder(normalized.length() + 16);
        encode(out, normalized, true);
        boolean trimSlash = out.length() > 1 && out.charAt(out.length() - 1) == '/' && !endsWithSlash(rawPath);
        if (trimSlash) {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }

    private static boolean endsWithSlash(String rawPath) {
        int n = rawPath.length();
        return rawPath.charAt(n - 1) == '/'
                || (n >= 3 && rawPath.charAt(n - 3) == '%' && rawPath.charAt(n - 2) == '2'
                        && (rawPath.charAt(n - 1) == 'F' || rawPath.charAt(n - 1) == 'f'));
    }

    /**
     * Removes "." and ".." segments and collapses repeated slashes, as {@code java.net.URI#normalize} does (which is
     * what the AWS SDK for Java applies): a ".." with no preceding segment to remove is kept.
     */
    static String normalizePath(String path) {
        if (!needsNormalization(path)) {
            return path;
        }
        List<int[]> segments = new ArrayList<>();
        int n = path.length();
        int i = 0;
        while (i < n && path.charAt(i) == '/') {
            i++;
        }
        while (i < n) {
            int start = i;
            while (i < n && path.charAt(i) != '/') {
                i++;
            }
            int end = i;
            boolean slashFollows = i < n;
            while (i < n && path.charAt(i) == '/') {
                i++;
            }
            segments.add(new int[] {start, end, slashFollows ? 1 : 0, 1});
        }
        removeDots(path, segments);
        StringBuilder out = new StringBuilder(n);
        out.append('/');
        for (int[] s : segments) {
            if (s[3] == 1) {
                out.append(path, s[0], s[1]);
                if (s[2] == 1) {
                    out.append('/');
                }
            }
        }
        return out.toString();
    }

    private static void removeDots(String path, List<int[]> segments) {
        for (int k = 0; k < segments.size(); k++) {
            int[] s = segments.get(k);
            if (isDots(path, s, 1)) {
                s[3] = 0;
            } else if (isDots(path, s, 2)) {
                int j = k - 1;
                while (j >= 0 && segments.get(j)[3] == 0) {
                    j--;
                }
                if (j >= 0 && !isDots(path, segments.get(j), 2)) {
                    s[3] = 0;
                    segments.get(j)[3] = 0;
                }
            }
        }
    }

    private static boolean isDots(String path, int[] segment, int dots) {
        if (segment[1] - segment[0] != dots) {
            return false;
        }
        for (int i = segment[0]; i < segment[1]; i++) {
            if (path.charAt(i) != '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean needsNormalization(String path) {
        int n = path.length();
        int segmentStart = 0;
        for (int i = 0; i <= n; i++) {
            if (i == n || path.charAt(i) == '/') {
                int length = i - segmentStart;
                boolean dotSegment = (length == 1 || length == 2) && path.charAt(segmentStart) == '.'
                        && path.charAt(i - 1) == '.';
                if (dotSegment || (length == 0 && i > 0 && i < n)) {
                    return true;
                }
                segmentStart = i + 1;
            }
        }
        return false;
    }

    // ---- encoding -----------------------------------------------------------------------------------------

    static boolean unreserved(int b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                || b == '-' || b == '_' || b == '.' || b == '~';
    }

    /** AWS UriEncode of the UTF-8 of {@code s}: everything but unreserved characters (and, if asked, '/') escaped. */
    static void encode(StringBuilder out, CharSequence s, boolean keepSlash) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (unreserved(c) || (keepSlash && c == '/')) {
                    out.append(c);
                } else {
                    escape(out, c);
                }
            } else {
                int cp = Character.codePointAt(s, i);
                if (Character.charCount(cp) == 2) {
                    i++;
                }
                encodeUtf8(out, cp);
            }
        }
    }

    private static void encodeUtf8(StringBuilder out, int cp) {
        if (Character.isSurrogate((char) cp)) {
            cp = 0xFFFD;
        }
        if (cp < 0x800) {
            escape(out, 0xC0 | (cp >> 6));
            escape(out, 0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            escape(out, 0xE0 | (cp >> 12));
            escape(out, 0x80 | ((cp >> 6) & 0x3F));
            escape(out, 0x80 | (cp & 0x3F));
        } else {
            escape(out, 0xF0 | (cp >> 18));
            escape(out, 0x80 | ((cp >> 12) & 0x3F));
            escape(out, 0x80 | ((cp >> 6) & 0x3F));
            escape(out, 0x80 | (cp & 0x3F));
        }
    }

    private static void escape(StringBuilder out, int b) {
        out.append('%').append(UPPER_HEX[(b >> 4) & 0xF]).append(UPPER_HEX[b & 0xF]);
    }

    /**
     * Re-encodes a raw (already percent-encoded) query component canonically: escapes are decoded to bytes and
     * re-escaped in upper case unless unreserved; '+' is a literal plus; other characters are UTF-8 escaped.
     */
    static void canonicalComponent(StringBuilder out, String raw, int from, int to) {
        int i = from;
        while (i < to) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < to) {
                int hi = Hex.digit(raw.charAt(i + 1));
                int lo = Hex.digit(raw.charAt(i + 2));
                if (hi >= 0 && lo >= 0) {
                    appendByte(out, (hi << 4) | lo);
                    i += 3;
                    continue;
                }
            }
            if (c < 0x80) {
                appendByte(out, c);
                i++;
            } else {
                int cp = raw.codePointAt(i);
                encodeUtf8(out, cp);
                i += Character.charCount(cp);
            }
        }
    }

    private static void appendByte(StringBuilder out, int b) {
        if (unreserved(b)) {
            out.append((char) b);
        } else {
            escape(out, b);
        }
    }

    // ---- headers ------------------------------------------------------------------------------------------

    /** Appends "name:value\n" for each signed name, values trimmed, inner whitespace runs collapsed, comma-joined. */
    static void appendHeaders(StringBuilder out, Headers headers, List<String> signedNames) {
        for (String name : signedNames) {
            out.append(name).append(':');
            appendValues(out, headers.all(name));
            out.append('\n');
        }
    }

    static void appendValues(StringBuilder out, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            appendTrimmed(out, values.get(i));
        }
    }

    static void appendTrimmed(StringBuilder out, String value) {
        boolean pendingSpace = false;
        boolean started = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isWhitespace(c)) {
                pendingSpace = started;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
                started = true;
            }
        }
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\r' || c == '\f';
    }

    // ---- request and string to sign ----------------------------------------------------------------------

    static String request(String method, String canonicalUri, String canonicalQuery, Headers headers,
            List<String> signedNames, String signedHeadersLine, String payloadHash) {
        StringBuilder out = new StringBuilder(256 + canonicalUri.length() + canonicalQuery.length() + 64 * signedNames.size());
        out.append(method).append('\n')
                .append(canonicalUri).append('\n')
                .append(canonicalQuery).append('\n');
        appendHeaders(out, headers, signedNames);
        out.append('\n').append(signedHeadersLine).append('\n').append(payloadHash);
        return out.toString();
    }

    static String stringToSign(String amzDate, CredentialScope scope, String canonicalRequest) {
        byte[] hash = Crypto.sha256().digest(canonicalRequest.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder(160);
        out.append(SigV4.ALGORITHM).append('\n')
                .append(amzDate).append('\n')
                .append(scope.date()).append('/').append(scope.region()).append('/').append(scope.service())
                .append('/').append(SigV4.TERMINATOR).append('\n');
        for (byte b : hash) {
            out.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return out.toString();
    }
}
