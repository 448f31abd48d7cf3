package dev.airlock.enforce;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an allowed call is sent, decided from the Host the client signed, strictly: the gate maps
 * and the forwarder sends the very same target, and upstream-signed requests only ever go to AWS
 * host names (or, with a fixed upstream, to that endpoint). Anything else is refused, never guessed.
 *
 * @param target scheme, host and port to connect to
 * @param hostHeader the Host sent upstream
 * @param pathPrefix prepended to the raw path ("/bucket" when a virtual-hosted S3 request goes to a
 *     path-style upstream), else empty
 */
record Route(URI target, String hostHeader, String pathPrefix) {

    private static final String LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
    /** A plain AWS host name: DNS labels under an AWS domain, no user-info, no trailing dot, port 443 at most. */
    private static final Pattern AWS_HOST = Pattern.compile(
            "(" + LABEL + "(?:\\." + LABEL + ")*\\.(?:amazonaws\\.com|amazonaws\\.com\\.cn|api\\.aws))(?::443)?");
    /** S3 path-style host names: s3.amazonaws.com, s3.REGION.amazonaws.com, s3-REGION.amazonaws.com. */
    private static final Pattern S3_PATH_HOST = Pattern.compile("s3(?:[.-][a-z0-9-]+)*\\.amazonaws\\.com");
    /** S3 virtual-hosted names with a dot-free bucket (the AWS CLI uses path style for dotted buckets). */
    private static final Pattern S3_VIRTUAL_HOST = Pattern.compile("([a-z0-9][a-z0-9-]{1,61}[a-z0-9])\\.s3(?:[.-][a-z0-9-]+)*\\.amazonaws\\.com");

    /** Why a call cannot be routed; the gate answers it with a refusal. */
    static final class Unroutable extends Exception {
        private static final long serialVersionUID = 1L;

        Unroutable(String message) {
            super(message);
        }
    }

    static Route of(Upstream upstream, String host, String service, String region) throws Unroutable {
        String h = host.toLowerCase(Locale.ROOT);
        if (upstream instanceof Upstream.Fixed fixed) {
            return fixed(fixed.endpoint(), h, service);
        }
        if (isLoopback(h)) {
            // A client configured with AWS_ENDPOINT_URL names the endpoint, not the service.
            String aws = service.equals("iam") ? "iam.amazonaws.com" : service + "." + region + ".amazonaws.com";
            return new Route(URI.create("https://" + aws), aws, "");
        }
        Matcher m = AWS_HOST.matcher(h);
        if (!m.matches()) {
            throw new Unroutable("'" + host + "' is not an AWS host name; the endpoint forwards only to AWS");
        }
        return new Route(URI.create("https://" + m.group(1)), m.group(1), "");
    }

    private static Route fixed(URI endpoint, String h, String service) throws Unroutable {
        if (!service.equals("s3")) {
            throw new Unroutable("the upstream " + endpoint + " serves S3 only; this call is signed for " + service);
        }
        String bare = stripPort(h);
        String authority = endpoint.getAuthority();
        if (isLoopback(h) || h.equals(authority.toLowerCase(Locale.ROOT)) || S3_PATH_HOST.matcher(bare).matches()) {
            return new Route(endpoint, authority, "");
        }
        Matcher v = S3_VIRTUAL_HOST.matcher(bare);
        if (v.matches() && !S3_PATH_HOST.matcher(bare).matches()) {
            return new Route(endpoint, authority, "/" + v.group(1));
        }
        throw new Unroutable("'" + h + "' is not an S3 host name the endpoint can map to " + endpoint
                + " unambiguously; use path-style addressing or a dot-free bucket name");
    }

    static boolean isLoopback(String host) {
        String bare = stripPort(host);
        return bare.equals("127.0.0.1") || bare.equals("localhost") || bare.equals("[::1]");
    }

    private static String stripPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }
}
