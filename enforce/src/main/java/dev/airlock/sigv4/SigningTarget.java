package dev.airlock.sigv4;

/**
 * Where an outgoing request is signed for.
 *
 * @param region the region name (e.g. {@code us-east-1})
 * @param service the signing name of the service (e.g. {@code s3})
 */
public record SigningTarget(String region, String service) {

    public SigningTarget {
        if (region.isEmpty() || service.isEmpty() || region.indexOf('/') >= 0 || service.indexOf('/') >= 0) {
            throw new IllegalArgumentException("invalid signing target " + region + "/" + service);
        }
    }
}
