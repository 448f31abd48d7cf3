package dev.airlock.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A host name a leaf certificate can be minted for: a DNS name (lower case, no trailing dot) or an
 * IP literal in its canonical text form. Names come from untrusted clients (the SNI of a handshake,
 * the target of a CONNECT), so anything odd is refused rather than put into a certificate.
 *
 * @param value the canonical form, also the key of the leaf cache and the key manager's alias
 */
public record HostName(String value) {

    private static final int MAX_DNS_LENGTH = 253;
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?");
    private static final Pattern IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    // Only hex digits, colons and an embedded IPv4 tail: with a colon present InetAddress parses it as
    // a literal and never asks DNS, which a lookup on an attacker-chosen name must not do.
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:][0-9a-f.]*:[0-9a-f:.]*");

    public HostName {
        if (!canonicalize(value).equals(Optional.of(value))) {
            throw new IllegalArgumentException("not a canonical host name: " + value);
        }
    }

    /** The canonical host name for {@code raw}, or empty when it is neither a DNS name nor an IP literal. */
    public static Optional<HostName> parse(String raw) {
        return canonicalize(raw).map(HostName::new);
    }

    /** Like {@link #parse} but for names the caller vouches for, such as a CONNECT target it has already checked. */
    public static HostName of(String raw) {
        return parse(raw).orElseThrow(() -> new IllegalArgumentException("not a host name: " + raw));
    }

    /** The address when this is an IP literal (certificates then carry an iPAddress, not a dNSName). */
    public Optional<InetAddress> ipAddress() {
        return isIpLiteral(value) ? Optional.of(literalAddress(value)) : Optional.empty();
    }

    public boolean isIpLiteral() {
        return isIpLiteral(value);
    }

    @Override
    public String toString() {
        return value;
    }

    private static Optional<String> canonicalize(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > MAX_DNS_LENGTH + 2) {
            return Optional.empty();
        }
        String name = raw.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (IPV4.matcher(name).matches()) {
            return ipv4(name);
        }
        if (IPV6.matcher(name).matches()) {
            return ipv6(name);
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return isDnsName(name) ? Optional.of(name) : Optional.empty();
    }

    private static Optional<String> ipv4(String name) {
        for (String octet : name.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return Optional.empty();
            }
        }
        return Optional.of(name);
    }

    private static Optional<String> ipv6(String name) {
        try {
            return Optional.of(InetAddress.getByName(name).getHostAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean isDnsName(String name) {
        if (name.isEmpty() || name.length() > MAX_DNS_LENGTH) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (!DNS_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        // A numeric last label ("1.2.3", "999.1.1.1") is no DNS name (RFC 3696 section 2) and some
        // resolvers read it as an address; refuse it instead of guessing.
        return !name.substring(name.lastIndexOf('.') + 1).matches("[0-9]+");
    }

    private static boolean isIpLiteral(String canonical) {
        return canonical.indexOf(':') >= 0 || IPV4.matcher(canonical).matches();
    }

    private static InetAddress literalAddress(String canonical) {
        try {
            return InetAddress.getByName(canonical);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("canonical IP literal did not parse: " + canonical, e);
        }
    }
}
