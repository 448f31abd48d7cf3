package dev.airlock.callmap;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the endpoint knows about a call beyond the request itself: when and from where it came,
 * over what transport, and for which session. The global condition keys every call carries are
 * computed from this (see {@link GlobalKeys}).
 *
 * <p>The Region is not here: it is read from the request's own SigV4 credential scope, which the
 * endpoint has already verified, so that {@link CallMapper#needsBody} and {@link CallMapper#map}
 * cannot disagree about it.
 *
 * @param now the time the request arrived ({@code aws:CurrentTime}, {@code aws:EpochTime}, and the
 *     age of a presigned URL's signature)
 * @param sourceIp the client address as the endpoint saw it ({@code aws:SourceIp})
 * @param secureTransport whether the request arrived over TLS ({@code aws:SecureTransport})
 * @param tlsVersion the negotiated TLS protocol version as IAM spells it, e.g. {@code 1.2} or
 *     {@code 1.3} ({@code s3:TlsVersion}); empty over plain HTTP or when unknown
 * @param partition {@code aws}, {@code aws-cn} or {@code aws-us-gov}: the partition of every ARN
 *     the mapper builds
 * @param account the session's own account: the owner of resources a request names without an
 *     account (a DynamoDB table name, an SQS queue name)
 * @param principalArn the calling principal ({@code aws:PrincipalArn})
 * @param principalKeys further principal keys the session knows and the request cannot tell, such
 *     as {@code aws:PrincipalTag/team}, {@code aws:userid}, {@code aws:username},
 *     {@code aws:MultiFactorAuthPresent}, {@code aws:TokenIssueTime}; they must not repeat a key
 *     computed here
 */
public record CallContext(Instant now, String sourceIp, boolean secureTransport, Optional<String> tlsVersion,
        String partition, String account, String principalArn, Map<String, List<String>> principalKeys) {

    /** Keys {@link GlobalKeys} computes; a session must not supply them itself. */
    static final Set<String> COMPUTED = Set.of("aws:currenttime", "aws:epochtime", "aws:securetransport",
            "aws:sourceip", "aws:requestedregion", "aws:principalarn", "aws:principalaccount", "aws:principaltype",
            "aws:viaawsservice", "aws:principalisawsservice", "aws:useragent", "aws:referer");

    private static final Set<String> PARTITIONS = Set.of("aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b",
            "aws-iso-e", "aws-iso-f", "aws-eusc");

    public CallContext {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(sourceIp, "sourceIp");
        Objects.requireNonNull(tlsVersion, "tlsVersion");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(principalArn, "principalArn");
        Objects.requireNonNull(principalKeys, "principalKeys");
        if (!PARTITIONS.contains(partition)) {
            throw new IllegalArgumentException("unknown partition " + partition);
        }
        if (!account.matches("\\d{12}")) {
            throw new IllegalArgumentException("account must be 12 digits: " + account);
        }
        if (!secureTransport && tlsVersion.isPresent()) {
            throw new IllegalArgumentException("a TLS version without secure transport");
        }
        Map<String, List<String>> copy = new HashMap<>();
        for (Map.Entry<String, List<String>> e : principalKeys.entrySet()) {
            String lower = e.getKey().toLowerCase(Locale.ROOT);
            if (COMPUTED.contains(lower)) {
                throw new IllegalArgumentException(e.getKey() + " is computed from the call, not supplied");
            }
            if (copy.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(e.getKey()))) {
                throw new IllegalArgumentException(e.getKey() + " is given twice (keys are case-insensitive)");
            }
            copy.put(e.getKey(), List.copyOf(e.getValue()));
        }
        principalKeys = Map.copyOf(copy);
    }

    /** A context with no extra principal keys. */
    public static CallContext of(Instant now, String sourceIp, boolean secureTransport, Optional<String> tlsVersion,
            String partition, String account, String principalArn) {
        return new CallContext(now, sourceIp, secureTransport, tlsVersion, partition, account, principalArn,
                Map.of());
    }
}
