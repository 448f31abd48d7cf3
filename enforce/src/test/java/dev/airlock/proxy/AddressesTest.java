package dev.airlock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where relayed tunnels may go: cloud metadata and credential services are never relayable, with or
 * without private networks, in whatever form their address is written.
 */
class AddressesTest {

    @ParameterizedTest
    @CsvSource({
        // EC2 instance metadata and the EKS Pod Identity agent over IPv6, and their neighbours in fd00:ec2::/48
        "fd00:ec2::254,METADATA", "fd00:ec2::23,METADATA", "fd00:ec2::253,METADATA", "fd00:ec2:0:1::1,METADATA",
        // Alibaba (CGNAT space), Azure WireServer (public space), Oracle (IETF protocol space)
        "100.100.100.200,METADATA", "168.63.129.16,METADATA", "192.0.0.192,METADATA",
        // Google Cloud (IPv6-only VMs) and Oracle Cloud over IPv6
        "fd20:ce::254,METADATA", "fd00:c1::a9fe:a9fe,METADATA",
        // Link-local: EC2/GCP/Azure metadata, ECS task credentials, EKS Pod Identity over IPv4, OpenStack over IPv6
        "169.254.169.254,LOCAL", "169.254.170.2,LOCAL", "169.254.170.23,LOCAL", "fe80::a9fe:a9fe,LOCAL",
        // Their neighbours keep their kind
        "100.100.100.201,PRIVATE", "100.64.0.1,PRIVATE", "192.0.0.193,PRIVATE", "168.63.129.17,PUBLIC",
        "fd00:ec3::254,PRIVATE", "fd00::1,PRIVATE", "fd20:ce::253,PRIVATE", "203.0.113.9,PUBLIC",
        "2001:db8::1,PUBLIC"})
    void classifiesCloudCredentialEndpointsWhereverTheyLie(String address, Addresses.Kind kind) throws Exception {
        assertThat(Addresses.classify(InetAddress.getByName(address))).as(address).isEqualTo(kind);
    }

    /** IPv4 metadata addresses written as IPv4-mapped, IPv4-compatible, NAT64 or 6to4 IPv6 addresses. */
    @ParameterizedTest
    @ValueSource(strings = {"::ffff:100.100.100.200", "::ffff:168.63.129.16", "::ffff:192.0.0.192",
        "::ffff:169.254.169.254", "::ffff:169.254.170.2", "::100.100.100.200", "::168.63.129.16",
        "64:ff9b::6464:64c8", "64:ff9b::a83f:8110", "64:ff9b::c000:c0", "64:ff9b::a9fe:a9fe", "64:ff9b::a9fe:aa17",
        "2002:6464:64c8::", "2002:a83f:8110::1", "2002:a9fe:a9fe::"})
    void embeddedIpv4MetadataAddressesAreNeverRelayable(String address) throws Exception {
        InetAddress parsed = InetAddress.getByName(address);
        assertNeverRelayable(address, parsed);
        // The JDK reads ::ffff:a.b.c.d as an IPv4 address; an Inet6Address made from the bytes keeps the IPv6 form.
        byte[] v6 = toIpv6(parsed);
        assertNeverRelayable(address + " as Inet6Address", Inet6Address.getByAddress(null, v6, -1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fd00:ec2::254", "fd00:ec2::23", "100.100.100.200", "168.63.129.16", "192.0.0.192",
        "fd20:ce::254", "fd00:c1::a9fe:a9fe"})
    void relayedTunnelsNeverGoToAMetadataServiceWhateverTheFlag(String address) throws Exception {
        for (int port : new int[] {80, 443}) {
            InetSocketAddress target = new InetSocketAddress(InetAddress.getByName(address), port);
            assertThat(Relay.publicDestination(target)).as(address).isFalse();
            assertThat(Relay.publicOrPrivateDestination(target)).as(address).isFalse();
            assertThat(ProxyServer.relayDestinations(true).test(target)).as(address).isFalse();
            assertThat(ProxyServer.relayDestinations(false).test(target)).as(address).isFalse();
        }
    }

    private static void assertNeverRelayable(String label, InetAddress a) {
        assertThat(Addresses.classify(a)).as(label).isIn(Addresses.Kind.METADATA, Addresses.Kind.LOCAL);
        assertThat(Addresses.relayable(a, true)).as(label).isFalse();
        assertThat(Addresses.relayable(a, false)).as(label).isFalse();
    }

    private static byte[] toIpv6(InetAddress a) throws UnknownHostException {
        byte[] b = a.getAddress();
        if (b.length == 16) {
            return b;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(b, 0, mapped, 12, 4);
        return mapped;
    }
}
