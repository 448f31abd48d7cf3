package dev.airlock.callmap;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an S3 request points: no bucket (the service), a bucket, or an object. Path-style
 * ({@code s3.REGION.amazonaws.com/bucket/key}, or any non-AWS host such as the endpoint's own
 * {@code 127.0.0.1:PORT}) and virtual-hosted style ({@code bucket.s3.REGION.amazonaws.com/key},
 * or {@code bucket.BASE} for a configured custom base host) are understood. Other AWS hosts
 * (access points, S3 Control, Outposts, Object Lambda, directory buckets) are refused.
 */
record S3Address(Optional<String> bucket, Optional<String> key) {

    private static final String REGION = "[a-z]{2}(?:-[a-z]+)+-\\d+";
    private static final String AWS_DOMAIN =
            "(?:amazonaws\\.com|amazonaws\\.com\\.cn|amazonaws\\.eu|c2s\\.ic\\.gov|sc2s\\.sgov\\.gov)";
    private static final String ENDPOINT = "(?:s3(?:-fips)?(?:\\.dualstack)?(?:[.-]" + REGION + ")?"
            + "|s3-external-1|s3-accelerate(?:\\.dualstack)?)\\." + AWS_DOMAIN;
    private static final Pattern PATH_STYLE_HOST = Pattern.compile(ENDPOINT);
    private static final Pattern VIRTUAL_HOST = Pattern.compile("(.+)\\." + ENDPOINT);
    private static final Pattern AWS_HOST = Pattern.compile(".*\\." + AWS_DOMAIN);
    private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9._-]{1,255}");

    static S3Address resolve(String hostHeader, String rawPath, Set<String> customVirtualHostBases)
            throws Unmappable {
        if (!rawPath.startsWith("/")) {
            throw new Unmappable("the request path does not start with '/'");
        }
        String host = stripPort(hostHeader).toLowerCase(Locale.ROOT);
        Optional<String> hostBucket = Optional.empty();
        Matcher virtual = VIRTUAL_HOST.matcher(host);
        if (PATH_STYLE_HOST.matcher(host).matches()) {
            // path-style on an AWS endpoint
        } else if (virtual.matches()) {
            hostBucket = Optional.of(virtual.group(1));
        } else if (AWS_HOST.matcher(host).matches()) {
            throw new Unmappable("host " + host + " is not an S3 bucket endpoint this mapper understands "
                    + "(access points, S3 Control, Outposts and directory buckets are not supported)");
        } else {
            for (String base : customVirtualHostBases) {
                String b = base.toLowerCase(Locale.ROOT);
                if (host.endsWith("." + b) && host.length() > b.length() + 1) {
                    hostBucket = Optional.of(host.substring(0, host.length() - b.length() - 1));
                }
            }
        }
        if (hostBucket.isPresent()) {
            String bucket = checkBucket(hostBucket.get());
            String rest = rawPath.substring(1);
            return new S3Address(Optional.of(bucket), rest.isEmpty()
                    ? Optional.empty() : Optional.of(Percent.decode(rest, false, false)));
        }
        String rest = rawPath.substring(1);
        if (rest.isEmpty()) {
            return new S3Address(Optional.empty(), Optional.empty());
        }
        int slash = rest.indexOf('/');
        String bucket = checkBucket(Percent.decode(slash < 0 ? rest : rest.substring(0, slash), false, false));
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        return new S3Address(Optional.of(bucket), key.isEmpty()
                ? Optional.empty() : Optional.of(Percent.decode(key, false, false)));
    }

    String bucketArn(String partition) {
        return "arn:" + partition + ":s3:::" + bucket.orElseThrow();
    }

    String objectArn(String partition) {
        return bucketArn(partition) + "/" + key.orElseThrow();
    }

    private static String checkBucket(String bucket) throws Unmappable {
        if (!BUCKET.matcher(bucket).matches()) {
            throw new Unmappable("\"" + bucket + "\" is not a bucket name");
        }
        return bucket;
    }

    static String stripPort(String host) {
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? host : host.substring(0, close + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon >= 0 && host.indexOf(':') == colon ? host.substring(0, colon) : host;
    }
}
