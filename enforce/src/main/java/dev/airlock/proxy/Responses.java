package dev.airlock.proxy;

import java.nio.charset.StandardCharsets;

/** Serialised responses the endpoint writes itself. */
final class Responses {
    private Responses() {}

    static byte[] plain(int status, String reason, String message) {
        return of(new Verdict.Respond(status, reason, "text/plain; charset=utf-8",
                (message + "\n").getBytes(StandardCharsets.UTF_8)), false);
    }

    static byte[] of(Verdict.Respond r, boolean keepAlive) {
        String head = "HTTP/1.1 " + r.status() + " " + r.reason() + "\r\n"
                + "Content-Type: " + r.contentType() + "\r\n"
                + "Content-Length: " + r.body().length + "\r\n"
                + (keepAlive ? "" : "Connection: close\r\n")
                + "Server: Airlock\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + r.body().length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(r.body(), 0, all, h.length, r.body().length);
        return all;
    }
}
