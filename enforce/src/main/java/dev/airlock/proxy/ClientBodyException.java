package dev.airlock.proxy;

import java.io.IOException;

/**
 * Reading the client's request body failed while it was forwarded (a verification failure, or a
 * body cut short), as opposed to the upstream side failing: the client has had no answer yet.
 */
final class ClientBodyException extends IOException {
    private static final long serialVersionUID = 1L;

    ClientBodyException(IOException cause) {
        super(cause.getMessage(), cause);
    }

    IOException failure() {
        return (IOException) getCause();
    }
}
