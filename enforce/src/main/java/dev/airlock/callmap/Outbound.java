package dev.airlock.callmap;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The request to forward for a mapped call, rebuilt from the values the mapper parsed and the
 * policy engine evaluated: the path is re-encoded from the decoded bucket, key or segments, the
 * query from the decoded parameters, and a body the mapper read is re-serialised from its parsed
 * form. So an upstream parser can only read what was authorised; nothing of the client's raw
 * target or parsed body is relayed.
 *
 * @param destination where the request goes and with which path
 * @param rawQuery the query to send, encoded from the parsed parameters (presigning parameters left
 *     out); empty for none
 * @param headers headers to send in place of the client's of the same name (lower-case names):
 *     checksums of a rebuilt body, a rebuilt {@code x-amz-copy-source} or {@code x-amz-tagging}
 * @param body the rebuilt body when the mapper read the body; empty when the body was not an input
 *     to the decision (an object upload), which is then passed on as verified
 */
public record Outbound(Destination destination, String rawQuery, Map<String, String> headers, Optional<byte[]> body) {

    public Outbound {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(rawQuery, "rawQuery");
        TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        headers = Collections.unmodifiableMap(h);
        body = body.map(b -> Arrays.copyOf(b, b.length));
    }

    @Override
    public Optional<byte[]> body() {
        return body.map(b -> Arrays.copyOf(b, b.length));
    }

    /** Where a request goes. */
    public sealed interface Destination permits S3, Service {}

    /**
     * An S3 request, as the mapper read its bucket and key.
     *
     * @param awsAuthority the AWS host serving it (virtual-hosted when DNS allows, as S3's SDKs do);
     *     empty when the client addressed a host that is not AWS's (the endpoint itself)
     * @param awsPath the path for {@code awsAuthority}
     * @param pathStylePath {@code /BUCKET/KEY}, for S3-compatible upstreams that serve one host and
     *     for AWS's regional endpoint when {@code awsAuthority} is empty
     * @param accessPoint whether it addresses an access point (which S3-compatible upstreams lack)
     * @param keys every object key and key prefix the request names (object, copy source, deleted
     *     keys, listing prefix and markers), decoded, for checks that depend on the upstream
     */
    public record S3(Optional<String> awsAuthority, String awsPath, String pathStylePath, boolean accessPoint,
            List<String> keys) implements Destination {
        public S3 {
            keys = List.copyOf(keys);
        }
    }

    /**
     * A request to any other service.
     *
     * @param host the AWS host the client signed, lower case and without its port; empty when the
     *     client addressed the endpoint itself ({@code AWS_ENDPOINT_URL})
     * @param path the path re-encoded from its decoded segments
     */
    public record Service(Optional<String> host, String path) implements Destination {}
}
