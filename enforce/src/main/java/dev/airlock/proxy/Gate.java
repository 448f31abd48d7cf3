package dev.airlock.proxy;

import java.io.IOException;

/** Checks a call and decides its {@link Verdict}; told how each forwarded call ended. */
public interface Gate {

    Verdict decide(IncomingCall call) throws IOException;

    /**
     * @param status the upstream's status, or the endpoint's own for a refused call
     * @param bytesIn request body bytes forwarded; {@code bytesOut} response body bytes returned
     */
    void completed(IncomingCall call, Verdict verdict, int status, long bytesIn, long bytesOut, long nanos);
}
