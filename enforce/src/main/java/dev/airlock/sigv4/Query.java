package dev.airlock.sigv4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A raw query string split into parameters once, without decoding what is never looked at. */
final class Query {

    private static final Query EMPTY = new Query("", new int[0], 0);

    private final String raw;
    /** Per parameter: name start, name end, value start, value end (value start -1 when there is no '='). */
    private final int[] bounds;
    private final int count;

    private Query(String raw, int[] bounds, int count) {
        this.raw = raw;
        this.bounds = bounds;
        this.count = count;
    }

    static Query parse(String raw) {
        if (raw.isEmpty()) {
            return EMPTY;
        }
        int[] bounds = new int[16];
        int count = 0;
        int start = 0;
        int n = raw.length();
        while (start <= n) {
            int amp = raw.indexOf('&', start);
            int end = amp < 0 ? n : amp;
            if (end > start) {
                if (4 * count + 4 > bounds.length) {
                    bounds = Arrays.copyOf(bounds, bounds.length * 2);
                }
                int eq = raw.indexOf('=', start);
                boolean hasValue = eq >= 0 && eq < end;
                bounds[4 * count] = start;
                bounds[4 * count + 1] = hasValue ? eq : end;
                bounds[4 * count + 2] = hasValue ? eq + 1 : -1;
                bounds[4 * count + 3] = end;
                count++;
            }
            start = end + 1;
        }
        return new Query(raw, bounds, count);
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Decoded values of every parameter whose decoded name equals {@code name}. */
    List<String> values(String name) {
        List<String> found = List.of();
        for (int p = 0; p < count; p++) {
            if (nameIs(p, name)) {
                if (found.isEmpty()) {
                    found = new ArrayList<>(1);
                }
                int vs = bounds[4 * p + 2];
                found.add(vs < 0 ? "" : decode(raw, vs, bounds[4 * p + 3]));
            }
        }
        return found;
    }

    boolean has(String name) {
        for (int p = 0; p < count; p++) {
            if (nameIs(p, name)) {
                return true;
            }
        }
        return false;
    }

    private boolean nameIs(int p, String name) {
        int ns = bounds[4 * p];
        int ne = bounds[4 * p + 1];
        if (raw.indexOf('%', ns) < 0 || raw.indexOf('%', ns) >= ne) {
            return ne - ns == name.length() && raw.regionMatches(ns, name, 0, name.length());
        }
        return decode(raw, ns, ne).equals(name);
    }

    /**
     * The canonical query string: names and values re-encoded canonically, sorted by name then value, empty
     * names dropped, and (for presigned requests) X-Amz-Signature left out.
     */
    String canonical(boolean withoutSignature) {
        if (count == 0) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>(count);
        StringBuilder sb = new StringBuilder(64);
        for (int p = 0; p < count; p++) {
            sb.setLength(0);
            Canonical.canonicalComponent(sb, raw, bounds[4 * p], bounds[4 * p + 1]);
            if (sb.length() == 0) {
                continue;
            }
            String name = sb.toString();
            if (withoutSignature && name.equals(SigV4.Q_SIGNATURE)) {
                continue;
            }
            sb.setLength(0);
            int vs = bounds[4 * p + 2];
            if (vs >= 0) {
                Canonical.canonicalComponent(sb, raw, vs, bounds[4 * p + 3]);
            }
            pairs.add(new String[] {name, sb.toString()});
        }
        if (pairs.size() > 1) {
            pairs.sort((a, b) -> {
                int byName = a[0].compareTo(b[0]);
                return byName != 0 ? byName : a[1].compareTo(b[1]);
            });
        }
        StringBuilder out = new StringBuilder(raw.length() + 16);
        for (String[] pair : pairs) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(pair[0]).append('=').append(pair[1]);
        }
        return out.toString();
    }

    /** Percent-decodes (UTF-8); '+' stays a plus; malformed escapes stay literal. */
    static String decode(String s, int from, int to) {
        int pct = s.indexOf('%', from);
        if (pct < 0 || pct >= to) {
            return s.substring(from, to);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < to && Hex.digit(s.charAt(i + 1)) >= 0 && Hex.digit(s.charAt(i + 2)) >= 0) {
                bytes.write((Hex.digit(s.charAt(i + 1)) << 4) | Hex.digit(s.charAt(i + 2)));
                i += 3;
            } else if (c < 0x80) {
                bytes.write(c);
                i++;
            } else {
                int cp = s.codePointAt(i);
                byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
                i += Character.charCount(cp);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
