package dev.airlock.run;

import dev.airlock.session.SessionCredentials;
import java.net.URI;

/** How the child gets its credentials. */
public sealed interface CredentialDelivery {

    /** As environment variables, fixed for the life of the session. */
    record Static(SessionCredentials credentials) implements CredentialDelivery {}

    /**
     * Through the standard container-credentials endpoint, which SDKs and the AWS CLI poll again
     * before expiry, so a command can outlive one STS session.
     */
    record ContainerEndpoint(URI uri, String authorizationToken) implements CredentialDelivery {
        @Override
        public String toString() {
            return "ContainerEndpoint[" + uri + ", token redacted]";
        }
    }
}
