package dev.airlock.callmap;

import dev.airlock.policy.match.Arn;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The global condition keys (IAM User Guide, "AWS global condition context keys") a call carries
 * whatever its action: time, network, transport, Region and principal. Keys that only exist when
 * another service calls on the principal's behalf ({@code aws:CalledVia}, {@code aws:SourceArn},
 * VPC endpoint keys) are absent, as they are for a direct call.
 */
final class GlobalKeys {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private GlobalKeys() {}

    static Map<String, List<String>> of(CallContext ctx, CredentialScope scope, HttpRequestView request) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        Instant now = ctx.now().truncatedTo(ChronoUnit.SECONDS);
        keys.put("aws:CurrentTime", List.of(ISO.format(now)));
        keys.put("aws:EpochTime", List.of(Long.toString(now.getEpochSecond())));
        keys.put("aws:SecureTransport", List.of(Boolean.toString(ctx.secureTransport())));
        keys.put("aws:SourceIp", List.of(ctx.sourceIp()));
        keys.put("aws:RequestedRegion", List.of(scope.region()));
        keys.put("aws:PrincipalArn", List.of(ctx.principalArn()));
        keys.put("aws:PrincipalAccount", List.of(ctx.account()));
        principalType(ctx.principalArn()).ifPresent(t -> keys.put("aws:PrincipalType", List.of(t)));
        keys.put("aws:ViaAWSService", List.of("false"));
        keys.put("aws:PrincipalIsAWSService", List.of("false"));
        request.header("User-Agent").ifPresent(ua -> keys.put("aws:UserAgent", List.of(ua)));
        request.header("Referer").ifPresent(r -> keys.put("aws:Referer", List.of(r)));
        keys.putAll(ctx.principalKeys());
        return keys;
    }

    /** {@code aws:PrincipalType} as IAM sets it for the kinds of ARN a signed request can have. */
    static Optional<String> principalType(String principalArn) {
        Optional<Arn> arn = Arn.parse(principalArn);
        if (arn.isEmpty()) {
            return Optional.empty();
        }
        String resource = arn.get().resource();
        if (arn.get().service().equals("sts") && resource.startsWith("assumed-role/")) {
            return Optional.of("AssumedRole");
        }
        if (arn.get().service().equals("sts") && resource.startsWith("federated-user/")) {
            return Optional.of("FederatedUser");
        }
        if (arn.get().service().equals("iam") && resource.startsWith("user/")) {
            return Optional.of("User");
        }
        if (arn.get().service().equals("iam") && resource.equals("root")) {
            return Optional.of("Account");
        }
        return Optional.empty();
    }
}
