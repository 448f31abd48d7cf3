package dev.airlock.proxy;

/** A message that is not valid HTTP/1.1 or exceeds a limit; {@code status} is the reply to send. */
public final class HttpParseException extends java.io.IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public HttpParseException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
