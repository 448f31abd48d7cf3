package dev.airlock.proxy;

import java.io.IOException;
import java.util.Optional;

/**
 * Checks a call and decides its {@link Verdict}; told how each call ended. The endpoint calls
 * {@link #completed} exactly once for every request whose head it read, whatever happened after:
 * answered, forwarded, refused before the gate, cut off by the client, or ended by shutdown.
 */
public interface Gate {

    /**
     * The call's verdict. What of {@code call.body()} is read here (a body the signature or the
     * mapping needs) must arrive within the endpoint's body timeout, else the read fails and the
     * endpoint answers the call itself ({@link #refusal}).
     */
    Verdict decide(IncomingCall call) throws IOException;

    /**
     * The answer for a call the endpoint turns away itself, without a decision: every exchange
     * slot busy (503 {@code ServiceUnavailable}), a method no AWS API uses (501
     * {@code NotImplemented}), a body that did not arrive in time (400 {@code RequestTimeout}).
     * Nothing of the call was evaluated and its body may be unread; {@link #completed} still
     * records it. By default the message as plain text; an AWS gate answers in the protocol's error
     * shape.
     */
    default Verdict.Respond refusal(IncomingCall call, int status, String code, String message) {
        return new Verdict.Respond(status, Responses.reason(status), "text/plain; charset=utf-8",
                (message + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * The answer for a forwarded call whose request body failed while it streamed (a hash or chunk
     * signature that does not match): nothing of it was answered yet, and the upstream never got
     * all of it. Empty when {@code failure} is not the gate's to answer (the client went away).
     */
    default Optional<Verdict.Respond> bodyRefused(IncomingCall call, IOException failure) {
        return Optional.empty();
    }

    void completed(IncomingCall call, Verdict verdict, Completion completion);

    /**
     * How one call ended.
     *
     * @param status the status returned to the client (the upstream's, or the endpoint's own), or
     *     {@link ProxyServer#ABORTED} when the answer was cut off
     * @param bytesIn request body bytes forwarded; {@code bytesOut} response body bytes returned
     * @param problem why the exchange did not end normally (the client reset, the endpoint shut
     *     down, the framing was refused, the upstream failed); empty when it did
     */
    record Completion(int status, long bytesIn, long bytesOut, long nanos, Optional<String> problem) {

        static Completion ok(int status, long bytesIn, long bytesOut, long nanos) {
            return new Completion(status, bytesIn, bytesOut, nanos, Optional.empty());
        }
    }
}
