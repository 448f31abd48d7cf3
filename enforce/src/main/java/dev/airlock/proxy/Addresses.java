package dev.airlock.proxy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * What kind of network an address is on, and so where the endpoint may relay: the one place that
 * decides it ({@link #relayable}).
 */
final class Addresses {

    /**
     * Public internet, a private network, this host and its link, or a cloud provider's instance
     * metadata or credential service (wherever its address lies: never relayed).
     */
    enum Kind { PUBLIC, PRIVATE, LOCAL, METADATA }

    /**
     * Cloud credential and metadata services outside link-local space (169.254/16 and fe80::/10,
     * where EC2's and most clouds' metadata, ECS's task credentials at 169.254.170.2 and EKS Pod
     * Identity at 169.254.170.23 live, are {@link Kind#LOCAL} anyway). A relayed tunnel to one hands
     * the agent the machine's own credentials, so none is relayed, whatever the flags.
     */
    private static final byte[][] METADATA_V4 = {
        {100, 100, 100, (byte) 200}, // Alibaba Cloud instance metadata (in CGNAT space)
        {(byte) 168, 63, (byte) 129, 16}, // Azure WireServer (public space; VM extension settings and secrets)
        {(byte) 192, 0, 0, (byte) 192}, // Oracle Cloud legacy instance metadata (IETF protocol space)
    };

    private static final byte[][] METADATA_V6 = {
        v6(0xfd20, 0x00ce, 0, 0, 0, 0, 0, 0x0254), // Google Cloud metadata server for IPv6-only VMs
        v6(0xfd00, 0x00c1, 0, 0, 0, 0, 0xa9fe, 0xa9fe), // Oracle Cloud instance metadata over IPv6
    };

    private Addresses() {}

    /**
     * Whether a relayed tunnel may go to {@code address}: a public one, or with
     * {@code privateNetworks} also a private one; never this host, its link, or a metadata service.
     */
    static boolean relayable(InetAddress address, boolean privateNetworks) {
        Kind kind = classify(address);
        return kind == Kind.PUBLIC || (privateNetworks && kind == Kind.PRIVATE);
    }

    static Kind classify(InetAddress address) {
        InetAddress a = embeddedIpv4(address);
        if (metadata(a)) {
            return Kind.METADATA;
        }
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

    /**
     * A cloud metadata or credential service: the addresses above, and fd00:ec2::/48, the unique-local
     * prefix EC2 reserves for its instance services over IPv6 (instance metadata at fd00:ec2::254, the
     * EKS Pod Identity agent at fd00:ec2::23, DNS and time sync beside them).
     */
    private static boolean metadata(InetAddress a) {
        byte[] b = a.getAddress();
        for (byte[] m : b.length == 4 ? METADATA_V4 : METADATA_V6) {
            if (java.util.Arrays.equals(b, m)) {
                return true;
            }
        }
        return b.length == 16 && (b[0] & 0xff) == 0xfd && b[1] == 0 && b[2] == 0x0e && (b[3] & 0xff) == 0xc2
                && b[4] == 0 && b[5] == 0;
    }

    private static byte[] v6(int... groups) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[2 * i] = (byte) (groups[i] >> 8);
            b[2 * i + 1] = (byte) groups[i];
        }
        return b;
    }

    /**
     * The IPv4 address an IPv6 address carries (IPv4-mapped, IPv4-compatible, NAT64 64:ff9b::/96,
     * 6to4), or itself. The JDK turns IPv4-mapped literals into IPv4 addresses, but an
     * {@link Inet6Address} built from bytes keeps the mapped form.
     */
    static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address v6)) {
            return address;
        }
        byte[] b = v6.getAddress();
        boolean compatible = v6.isIPv4CompatibleAddress();
        boolean mapped = allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && allZero(b, 4, 12);
        boolean sixToFour = (b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02;
        try {
            if (compatible || mapped || nat64) {
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
