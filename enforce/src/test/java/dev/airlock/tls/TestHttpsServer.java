package dev.airlock.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A tiny HTTPS server on 127.0.0.1 answering every request with {@code sni=<name>|none}. Either a
 * plain {@link SSLServerSocket} from the terminator's context ({@link #direct}), or a CONNECT proxy
 * that terminates TLS inside the tunnel the way the enforcing proxy will ({@link #connectProxy}).
 */
final class TestHttpsServer implements AutoCloseable {

    private interface TlsAcceptor {
        SSLSocket accept(Socket accepted) throws IOException;
    }

    private final ServerSocket listener;
    private final TlsAcceptor acceptor;
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "test-https-server");
        thread.setDaemon(true);
        return thread;
    });

    private TestHttpsServer(ServerSocket listener, TlsAcceptor acceptor) {
        this.listener = listener;
        this.acceptor = acceptor;
        workers.execute(this::acceptLoop);
    }

    static TestHttpsServer direct(TlsTerminator terminator) throws IOException {
        SSLServerSocket listener = (SSLServerSocket) terminator.sslContext().getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        listener.setSSLParameters(terminator.serverParameters());
        return new TestHttpsServer(listener, accepted -> (SSLSocket) accepted);
    }

    static TestHttpsServer connectProxy(TlsTerminator terminator) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new TestHttpsServer(listener, accepted -> {
            String request = readHead(accepted.getInputStream());
            String target = request.split(" ", 3)[1];
            String host = target.substring(0, target.lastIndexOf(':'));
            accepted.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            accepted.getOutputStream().flush();
            return terminator.acceptTunnel(accepted, host);
        });
    }

    int port() {
        return listener.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket accepted = listener.accept();
                workers.execute(() -> serve(accepted));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket accepted) {
        try (Socket plain = accepted; SSLSocket tls = acceptor.accept(plain)) {
            tls.setSoTimeout(10_000);
            tls.startHandshake();
            readHead(tls.getInputStream());
            String sni = TlsTerminator.requestedServerName(tls.getSession()).map(HostName::value).orElse("none");
            byte[] body = ("sni=" + sni).getBytes(StandardCharsets.US_ASCII);
            OutputStream out = tls.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        } catch (IOException e) {
            // The client rejected the certificate or went away: that is what several tests expect.
        }
    }

    /** Reads up to and including the blank line ending an HTTP head, one byte at a time so nothing past it is consumed. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside an HTTP head");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
