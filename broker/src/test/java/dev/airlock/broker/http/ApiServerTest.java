package dev.airlock.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every request ends in exactly one of handle or refused, however the client behaves. */
class ApiServerTest {
    @TempDir
    Path dir;

    final List<String> events = new CopyOnWriteArrayList<>();
    final ApiHandler handler = new ApiHandler() {
        @Override
        public ApiResponse handle(ApiRequest request) {
            events.add("handled " + request.target().path());
            return ApiResponse.json(200, "{}".getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void refused(Problem problem, String requestLine, String peer) {
            events.add("refused " + problem.slug());
        }
    };

    void send(Path socket, String bytes, boolean read) throws Exception {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(socket));
            OutputStream o = Channels.newOutputStream(c);
            o.write(bytes.getBytes(StandardCharsets.ISO_8859_1));
            o.flush();
            if (read) {
                Channels.newInputStream(c).readAllBytes();
            }
        }
    }

    void awaitEvents(int n) throws InterruptedException {
        for (int i = 0; i < 200 && events.size() < n; i++) {
            Thread.sleep(10);
        }
        Thread.sleep(100); // a second event would come now
    }

    @Test
    void oneEventPerRequestWhateverTheClientDoes() throws Exception {
        Path socket = dir.resolve("api.sock");
        try (ApiServer server = ApiServer.unix(socket, handler,
                new ApiServer.Settings(1024, Duration.ofMillis(500), 2, 4))) {
            send(socket, "GET /v1/sessions HTTP/1.1\r\nHost: x\r\n\r\n", true);
            awaitEvents(1);
            assertThat(events).containsExactly("handled /v1/sessions");
            events.clear();
            send(socket, "GET /v1/sessions HTTP/1.1\r\nHost: x\r\n\r\n", false);
            awaitEvents(1);
            assertThat(events).as("the client left before the answer").containsExactly("handled /v1/sessions");
            events.clear();
            send(socket, "POST /v1/sessions HTTP/1.1\r\nContent-Length: 10\r\n\r\n{}", false);
            awaitEvents(1);
            assertThat(events).containsExactly("refused incomplete-request");
            events.clear();
            send(socket, "GET /v1//x HTTP/1.1\r\n\r\n", false);
            awaitEvents(1);
            assertThat(events).containsExactly("refused non-canonical-target");
            events.clear();
            send(socket, "POST /v1/sessions HTTP/1.1\r\nContent-Length: 5000\r\n\r\n", false);
            awaitEvents(1);
            assertThat(events).containsExactly("refused body-too-large");
            events.clear();
            try (SocketChannel slow = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                slow.connect(UnixDomainSocketAddress.of(socket));
                Channels.newOutputStream(slow).write("GET /v1/sessions HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
                awaitEvents(1);
                Thread.sleep(600);
                assertThat(events).as("held past the deadline").containsExactly("refused incomplete-request");
            }
        }
    }
}
