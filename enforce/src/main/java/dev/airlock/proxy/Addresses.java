package dev.airlock.proxy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** What kind of network an address is on, for deciding where the endpoint may relay. */
final class Addresses {

    /** Public internet, a private network, or this host and its link. */
    enum Kind { PUBLIC, PRIVATE, LOCAL }

    private Addresses() {}

    static Kind classify(InetAddress address) {
        InetAddress a = embeddedIpv4(address);
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isMulticastAddress()) {
            return Kind.LOCAL;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0 || first >= 240 || first == 127 || (first == 169 && second == 254)) {
                return Kind.LOCAL;
            }
            boolean rfc1918 = first == 10 || (first == 172 && second >= 16 && second < 32)
                    || (first == 192 && second == 168);
            boolean other = (first == 100 && second >= 64 && second < 128) // shared address space (CGNAT)
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0); // IETF protocol assignments
            return rfc1918 || other ? Kind.PRIVATE : Kind.PUBLIC;
        }
        int top = b[0] & 0xff;
        if ((top & 0xfe) == 0xfc || a.isSiteLocalAddress()) {
            return Kind.PRIVATE; // unique local fc00::/7, deprecated site-local fec0::/10
        }
        return Kind.PUBLIC;
    }

    /** The IPv4 address an IPv6 address carries (IPv4-compatible, NAT64 64:ff9b::/96, 6to4), or itself. */
    static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address v6)) {
            return address;
        }
        byte[] b = v6.getAddress();
        boolean compatible = v6.isIPv4CompatibleAddress();
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && allZero(b, 4, 12);
        boolean sixToFour = (b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02;
        try {
            if (compatible || nat64) {
                return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
            }
            if (sixToFour) {
                return InetAddress.getByAddress(new byte[] {b[2], b[3], b[4], b[5]});
            }
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
        return address;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
