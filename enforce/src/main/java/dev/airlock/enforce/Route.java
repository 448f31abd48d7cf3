package dev.airlock.enforce;

import dev.airlock.callmap.Outbound;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where an allowed call is sent, and with which path: decided from the {@link Outbound} the gate
 * evaluated (the parsed bucket, key or service host), never from the client's raw Host or path.
 * Upstream-signed requests only ever go to AWS host names, or, with a fixed upstream, to that
 * endpoint in path style.
 *
 * @param target scheme, host and port to connect to
 * @param hostHeader the Host sent upstream
 * @param path the request path sent upstream, already encoded
 */
record Route(URI target, String hostHeader, String path) {

    private static final String LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
    /** A plain AWS host name: DNS labels under an AWS domain, no user-info, no port, no trailing dot. */
    private static final Pattern AWS_HOST = Pattern.compile(
            LABEL + "(?:\\." + LABEL + ")*\\.(?:amazonaws\\.com|amazonaws\\.com\\.cn|api\\.aws)");

    /** Why a call cannot be routed; the gate answers it with a refusal. */
    static final class Unroutable extends Exception {
        private static final long serialVersionUID = 1L;

        Unroutable(String message) {
            super(message);
        }
    }

    static Route of(Upstream upstream, Outbound outbound, String service, String region) throws Unroutable {
        if (outbound.destination() instanceof Outbound.S3 s3) {
            return upstream instanceof Upstream.Fixed fixed ? fixedS3(fixed.endpoint(), s3) : awsS3(s3, region);
        }
        Outbound.Service call = (Outbound.Service) outbound.destination();
        if (upstream instanceof Upstream.Fixed fixed) {
            throw new Unroutable("the upstream " + fixed.endpoint() + " serves S3 only; this call is signed for "
                    + service);
        }
        // A client configured with AWS_ENDPOINT_URL names the endpoint, not the service.
        String host = call.host().orElseGet(() -> service.equals("iam") ? "iam.amazonaws.com"
                : service + "." + region + domain(region));
        return aws(host, call.path());
    }

    private static Route fixedS3(URI endpoint, Outbound.S3 s3) throws Unroutable {
        if (s3.accessPoint()) {
            throw new Unroutable("the upstream " + endpoint + " is not AWS and has no access points");
        }
        return new Route(endpoint, endpoint.getRawAuthority(), s3.pathStylePath());
    }

    private static Route awsS3(Outbound.S3 s3, String region) throws Unroutable {
        Optional<String> authority = s3.awsAuthority();
        if (authority.isPresent()) {
            return aws(authority.get(), s3.awsPath());
        }
        return aws("s3." + region + domain(region), s3.pathStylePath());
    }

    private static Route aws(String host, String path) throws Unroutable {
        if (!AWS_HOST.matcher(host).matches()) {
            throw new Unroutable("'" + host + "' is not an AWS host name; the endpoint forwards only to AWS");
        }
        return new Route(URI.create("https://" + host), host, path);
    }

    private static String domain(String region) {
        return region.startsWith("cn-") ? ".amazonaws.com.cn" : ".amazonaws.com";
    }
}
