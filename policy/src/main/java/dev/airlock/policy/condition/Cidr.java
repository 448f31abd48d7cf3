package dev.airlock.policy.condition;

import java.util.Optional;

/**
 * An IPv4 or IPv6 network in CIDR notation (a bare address is a /32 or /128). Parsed by hand so
 * that no text ever reaches a name resolver.
 */
record Cidr(byte[] network, int prefixLength) {

    static Optional<Cidr> parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        Optional<byte[]> bytes = address(addr);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        int max = bytes.get().length * 8;
        int prefix = max;
        if (slash >= 0) {
            String p = t.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(p);
            if (prefix > max) {
                return Optional.empty();
            }
        }
        return Optional.of(new Cidr(bytes.get(), prefix));
    }

    boolean contains(byte[] ip) {
        if (ip.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (ip[i] != network[i]) {
                return false;
            }
        }
        int rem = prefixLength % 8;
        if (rem == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rem)) & 0xFF;
        return (ip[full] & mask) == (network[full] & mask);
    }

    /** Parses a literal IPv4 or IPv6 address. */
    static Optional<byte[]> address(String s) {
        return s.indexOf(':') >= 0 ? ipv6(s) : ipv4(s);
    }

    private static Optional<byte[]> ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return Optional.empty();
            }
            out[i] = (byte) v;
        }
        return Optional.of(out);
    }

    private static Optional<byte[]> ipv6(String s) {
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return Optional.empty();
        }
        String head = dbl < 0 ? s : s.substring(0, dbl);
        String tail = dbl < 0 ? "" : s.substring(dbl + 2);
        int[] h = groups(head);
        int[] t = groups(tail);
        if (h == null || t == null) {
            return Optional.empty();
        }
        int total = h.length + t.length;
        if ((dbl < 0 && total != 8) || (dbl >= 0 && total > 7)) {
            return Optional.empty();
        }
        byte[] out = new byte[16];
        for (int i = 0; i < h.length; i++) {
            out[2 * i] = (byte) (h[i] >> 8);
            out[2 * i + 1] = (byte) h[i];
        }
        for (int i = 0; i < t.length; i++) {
            int g = 8 - t.length + i;
            out[2 * g] = (byte) (t[i] >> 8);
            out[2 * g + 1] = (byte) t[i];
        }
        return Optional.of(out);
    }

    /** Hex groups, with an IPv4 tail (::ffff:1.2.3.4) counted as two groups; null when invalid. */
    private static int[] groups(String s) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int n = parts.length;
        boolean v4Tail = parts[n - 1].indexOf('.') >= 0;
        int[] out = new int[v4Tail ? n + 1 : n];
        for (int i = 0; i < (v4Tail ? n - 1 : n); i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            try {
                out[i] = Integer.parseInt(p, 16);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (v4Tail) {
            Optional<byte[]> v4 = ipv4(parts[n - 1]);
            if (v4.isEmpty()) {
                return null;
            }
            byte[] b = v4.get();
            out[n - 1] = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
            out[n] = ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        }
        return out;
    }
}
