package dev.airlock.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The start line and headers of an HTTP/1.1 message, as received: header names keep their case
 * and order (SigV4 signs values exactly), lookups ignore case.
 *
 * @param startLine for requests {@code METHOD TARGET HTTP/1.1}, for responses {@code HTTP/1.1 200 OK}
 */
public record HttpHead(String startLine, List<Header> headers) {

    /** One header line. */
    public record Header(String name, String value) {}

    public HttpHead {
        headers = List.copyOf(headers);
    }

    public Optional<String> first(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return Optional.of(h.value());
            }
        }
        return Optional.empty();
    }

    public List<String> all(String name) {
        List<String> out = new ArrayList<>(2);
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                out.add(h.value());
            }
        }
        return out;
    }

    public HttpHead without(String... names) {
        List<Header> kept = new ArrayList<>(headers.size());
        for (Header h : headers) {
            boolean drop = false;
            for (String n : names) {
                drop |= h.name().equalsIgnoreCase(n);
            }
            if (!drop) {
                kept.add(h);
            }
        }
        return new HttpHead(startLine, kept);
    }

    public HttpHead with(String name, String value) {
        List<Header> out = new ArrayList<>(without(name).headers());
        out.add(new Header(name, value));
        return new HttpHead(startLine, out);
    }

    /** Whether the message body is framed by {@code Transfer-Encoding: chunked}. */
    public boolean chunked() {
        return all("Transfer-Encoding").stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"));
    }

    /** The declared Content-Length, if any. */
    public Optional<Long> contentLength() {
        return first("Content-Length").map(v -> Long.parseLong(v.trim()));
    }

    /** The serialised head, ending with the blank line. */
    public byte[] bytes() {
        StringBuilder b = new StringBuilder(256);
        b.append(startLine).append("\r\n");
        for (Header h : headers) {
            b.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        return b.append("\r\n").toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
