package dev.airlock.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A CONNECT tunnel relayed byte for byte, for hosts the endpoint does not check. */
final class Relay {
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    /** An idle tunnel is closed after this long, so idle tunnels cannot hold every slot for ever. */
    private static final int IDLE_TIMEOUT_MS = 10 * 60_000;

    private Relay() {}

    /**
     * Where relayed tunnels may go by default: web ports on public addresses only, so the proxy
     * cannot be turned on this machine (the endpoint itself), the instance metadata service
     * (169.254.169.254), or the private networks around it; nor on a cloud credential service in
     * public space (Azure's WireServer, 168.63.129.16). IPv4 addresses inside IPv6 ones
     * (IPv4-mapped, IPv4-compatible such as {@code [::127.0.0.1]}, NAT64, 6to4) are judged as the
     * IPv4 address they carry. {@link Addresses#relayable} decides.
     */
    static boolean publicDestination(InetSocketAddress target) {
        return webPort(target) && target.getAddress() != null && Addresses.relayable(target.getAddress(), false);
    }

    /**
     * As {@link #publicDestination}, also allowing private networks (RFC 1918, CGNAT, IPv6 ULA), but
     * never the metadata and credential services inside them (EC2's fd00:ec2::/48, Alibaba's
     * 100.100.100.200, Oracle's 192.0.0.192, ...).
     */
    static boolean publicOrPrivateDestination(InetSocketAddress target) {
        return webPort(target) && target.getAddress() != null && Addresses.relayable(target.getAddress(), true);
    }

    private static boolean webPort(InetSocketAddress target) {
        return target.getPort() == 443 || target.getPort() == 80;
    }

    static void tunnel(Socket client, InputStream clientIn, OutputStream clientOut, String host, int port,
            java.util.function.Predicate<InetSocketAddress> allowed) throws IOException {
        if (port <= 0 || port > 65535) {
            clientOut.write(Responses.plain(400, "Bad Request", "CONNECT needs host:port"));
            clientOut.flush();
            return;
        }
        InetSocketAddress target = new InetSocketAddress(host, port);
        if (!allowed.test(target)) {
            clientOut.write(Responses.plain(403, "Forbidden", "the Airlock endpoint does not relay to " + host + ":" + port));
            clientOut.flush();
            return;
        }
        try (Socket upstream = new Socket()) {
            try {
                upstream.connect(target, CONNECT_TIMEOUT_MS);
            } catch (IOException e) {
                clientOut.write(Responses.plain(502, "Bad Gateway", "cannot reach " + host + ":" + port));
                clientOut.flush();
                return;
            }
            client.setSoTimeout(IDLE_TIMEOUT_MS);
            upstream.setSoTimeout(IDLE_TIMEOUT_MS);
            clientOut.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            clientOut.flush();
            Thread back = new Thread(() -> pump(upstream, client), "airlock-relay");
            back.setDaemon(true);
            back.start();
            pump(clientIn, upstream);
            try {
                back.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        try {
            pump(from.getInputStream(), to);
        } catch (IOException ignored) {
            // either side closing ends the tunnel
        }
    }

    private static void pump(InputStream from, Socket to) {
        try {
            OutputStream out = to.getOutputStream();
            byte[] buf = new byte[16 * 1024];
            int n;
            while ((n = from.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException ignored) {
            // either side closing ends the tunnel
        }
    }
}
