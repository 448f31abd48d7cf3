package dev.airlock.proxy;

import java.nio.charset.StandardCharsets;

/** Serialised responses the endpoint writes itself. */
final class Responses {
    private Responses() {}

    static byte[] plain(int status, String reason, String message) {
        return of(new Verdict.Respond(status, reason, "text/plain; charset=utf-8",
                (message + "\n").getBytes(StandardCharsets.UTF_8)), false);
    }

    /** The reason phrase for a status the endpoint answers with itself. */
    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 408 -> "Request Timeout";
            case 413 -> "Payload Too Large";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
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
