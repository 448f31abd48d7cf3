package dev.airlock.callmap;

import dev.airlock.policy.Request;
import dev.airlock.policy.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** What a call needs from IAM, or why the endpoint cannot tell (and must deny). */
public sealed interface CallMapping permits CallMapping.Mapped, CallMapping.Unmapped {

    /**
     * The call maps to these IAM authorisations, all of which must be allowed.
     *
     * @param service the IAM service prefix, e.g. {@code s3}
     * @param operation the API operation, e.g. {@code ListObjectsV2}
     * @param parts never empty
     * @param globalKeys keys every part carries: {@code aws:SourceIp}, {@code aws:CurrentTime},
     *     {@code aws:RequestedRegion}, the principal's keys, ...
     * @param outbound the request to forward if the parts are allowed, built from what they were
     *     read from
     */
    record Mapped(String service, String operation, List<IamRequestPart> parts,
            Map<String, List<String>> globalKeys, Outbound outbound) implements CallMapping {

        public Mapped {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(outbound, "outbound");
            Objects.requireNonNull(operation, "operation");
            parts = List.copyOf(parts);
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("a mapped call needs at least one part");
            }
            Map<String, List<String>> keys = new LinkedHashMap<>();
            globalKeys.forEach((k, v) -> keys.put(k, List.copyOf(v)));
            globalKeys = java.util.Collections.unmodifiableMap(keys);
        }

        /** Every condition key of {@code part}: the call's global keys and the part's own. */
        public Map<String, List<String>> contextFor(IamRequestPart part) {
            // Key names are case-insensitive in IAM; a part's own key wins over a global one.
            Map<String, List<String>> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            all.putAll(globalKeys);
            all.putAll(part.conditionKeys());
            return new LinkedHashMap<>(all);
        }

        /**
         * One policy-engine request per part, in order, for {@code principalArn}. The resource's
         * account is {@code aws:ResourceAccount} when the part knows it; otherwise the engine
         * reads it from the ARN, or (S3) assumes the principal's own account.
         */
        public List<Request> toRequests(String principalArn) {
            List<Request> out = new ArrayList<>(parts.size());
            for (IamRequestPart part : parts) {
                Optional<String> account = Optional.ofNullable(part.conditionKeys().get("aws:ResourceAccount"))
                        .filter(v -> v.size() == 1).map(v -> v.get(0));
                out.add(new Request(part.action(), part.resource(), principalArn, account,
                        RequestContext.of(contextFor(part))));
            }
            return out;
        }
    }

    /** The call cannot be mapped and must be denied. */
    record Unmapped(String why) implements CallMapping {
        public Unmapped {
            Objects.requireNonNull(why, "why");
        }
    }
}
