package dev.airlock.broker.client;

import dev.airlock.broker.auth.CanonicalRequest;
import dev.airlock.broker.auth.ClientId;
import dev.airlock.broker.auth.ClientSecret;
import dev.airlock.broker.auth.RequestSigner;
import dev.airlock.proxy.HttpHead;
import dev.airlock.proxy.HttpHeadReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** A registered client's connection to the broker: signs each request and sends it over the broker's socket. */
public final class BrokerConnection {

    /** An answer: status and body (JSON, or an RFC 9457 problem). */
    public record Answer(int status, String body) {}

    private final Path socket;
    private final RequestSigner signer;

    public BrokerConnection(Path socket, ClientId client, ClientSecret secret) {
        this.socket = socket;
        this.signer = new RequestSigner(client, secret);
    }

    public Answer send(String method, String target, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> auth = signer.headers(CanonicalRequest.of(method, target), bytes, System.currentTimeMillis());
        StringBuilder head = new StringBuilder().append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: localhost\r\nContent-Type: application/json\r\nContent-Length: ").append(bytes.length)
                .append("\r\n");
        auth.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(socket));
            OutputStream out = Channels.newOutputStream(c);
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
            InputStream in = new BufferedInputStream(Channels.newInputStream(c));
            HttpHead response = HttpHeadReader.read(in).orElseThrow(() -> new IOException("the broker closed the "
                    + "connection without answering"));
            String[] line = response.startLine().split(" ", 3);
            int length = response.contentLength().map(Long::intValue).orElse(0);
            return new Answer(Integer.parseInt(line[1]), new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }
    }
}
