package dev.airlock.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/**
 * Ends TLS for a CONNECT tunnel to {@code host}, with a certificate the client trusts for it.
 * {@code alreadyRead} holds any bytes of the client's handshake read past the CONNECT head.
 */
@FunctionalInterface
public interface TunnelTls {
    Socket accept(Socket plain, String host, InputStream alreadyRead) throws IOException;
}
