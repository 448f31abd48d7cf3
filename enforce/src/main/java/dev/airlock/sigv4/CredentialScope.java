package dev.airlock.sigv4;

/**
 * The scope a signature is bound to.
 *
 * @param date the day, {@code yyyyMMdd}, in UTC
 * @param region the region name (e.g. {@code us-east-1})
 * @param service the signing name of the service (e.g. {@code s3}, {@code sts})
 */
public record CredentialScope(String date, String region, String service) {

    public CredentialScope {
        if (date.length() != 8 || region.isEmpty() || service.isEmpty()) {
            throw new IllegalArgumentException("invalid credential scope " + date + "/" + region + "/" + service);
        }
    }

    /** {@code date/region/service/aws4_request}, as it appears in the string to sign. */
    public String value() {
        return date + '/' + region + '/' + service + '/' + SigV4.TERMINATOR;
    }
}
