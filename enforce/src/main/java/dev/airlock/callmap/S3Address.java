package dev.airlock.callmap;

import java.util.Optional;
import java.util.Set;

/**
 * Where an S3 request points: the service, a bucket (or access point), or an object in one. Read
 * from the {@code Host} by {@link S3Host}'s grammar and from the path, percent-decoded exactly
 * once; the request forwarded upstream is rebuilt from these values ({@link #awsPath},
 * {@link #pathStylePath}), never from the client's raw path.
 *
 * @param host the parsed host
 * @param bucket the bucket, from the host or the first path segment; empty for the service and for
 *     access points
 * @param key the object key, decoded; empty when the request addresses no object
 */
record S3Address(S3Host host, Optional<String> bucket, Optional<String> key) {

    static S3Address resolve(String hostHeader, String rawPath, Set<String> pathStyleHosts,
            Set<String> virtualHostBases) throws Unmappable {
        if (!rawPath.startsWith("/")) {
            throw new Unmappable("the request path does not start with '/'");
        }
        S3Host host = S3Host.parse(hostHeader, pathStyleHosts, virtualHostBases);
        String rest = rawPath.substring(1);
        switch (host.form()) {
            case WEBSITE -> throw new Unmappable("S3 website endpoints serve anonymous reads and take no signed "
                    + "requests; Airlock does not forward to them");
            case VIRTUAL_HOSTED, ACCESS_POINT -> {
                return new S3Address(host, host.bucket(), rest.isEmpty() ? Optional.empty()
                        : Optional.of(Percent.decode(rest, false, false)));
            }
            default -> {
                if (rest.isEmpty()) {
                    return new S3Address(host, Optional.empty(), Optional.empty());
                }
                int slash = rest.indexOf('/');
                String bucket = S3Host.pathBucket(Percent.decode(slash < 0 ? rest : rest.substring(0, slash), false,
                        false));
                String key = slash < 0 ? "" : rest.substring(slash + 1);
                return new S3Address(host, Optional.of(bucket), key.isEmpty() ? Optional.empty()
                        : Optional.of(Percent.decode(key, false, false)));
            }
        }
    }

    /** Whether the request addresses a bucket or access point (rather than the service). */
    boolean hasContainer() {
        return bucket.isPresent() || host.accessPoint().isPresent();
    }

    /** The bucket's or access point's ARN. */
    String containerArn(String partition) {
        if (host.accessPoint().isPresent()) {
            S3Host.AccessPoint ap = host.accessPoint().get();
            return "arn:" + partition + ":s3:" + host.region().orElseThrow() + ":" + ap.account() + ":accesspoint/"
                    + ap.name();
        }
        return "arn:" + partition + ":s3:::" + bucket.orElseThrow();
    }

    /** The object's ARN. */
    String objectArn(String partition) {
        return containerArn(partition) + (host.accessPoint().isPresent() ? "/object/" : "/") + key.orElseThrow();
    }

    /** The path to send to AWS, for the host {@link S3Host#awsAuthority} gives. */
    String awsPath() {
        if (host.form() == S3Host.Form.ACCESS_POINT || host.virtualHosting(bucket)) {
            return "/" + key.map(Percent::encodePath).orElse("");
        }
        return pathStylePath();
    }

    /** The path-style path: {@code /BUCKET/KEY}, each encoded once. */
    String pathStylePath() {
        if (bucket.isEmpty()) {
            return "/";
        }
        return "/" + Percent.encodeComponent(bucket.get()) + key.map(k -> "/" + Percent.encodePath(k)).orElse("");
    }
}
