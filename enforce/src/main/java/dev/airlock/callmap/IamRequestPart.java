package dev.airlock.callmap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One authorisation IAM makes for a call: an action on a resource with the condition keys that
 * belong to this action and resource. A call is allowed only when every part is.
 *
 * @param action {@code service:Action} as the catalog spells it
 * @param resource the resource ARN, or {@code *} for actions IAM evaluates without a resource
 * @param conditionKeys the request's condition keys specific to this part (keys common to the
 *     whole call are in {@link CallMapping.Mapped#globalKeys()}); names as AWS spells them
 * @param undeterminedKeys keys IAM would evaluate for this part whose values the endpoint cannot
 *     know from the request, such as {@code aws:ResourceTag/${TagKey}} or
 *     {@code s3:ExistingObjectTag/<key>}, in the catalog's spelling (a {@code ${...}} or
 *     {@code <...>} suffix stands for any key with that prefix). A policy that conditions on one
 *     of them cannot be evaluated faithfully; see {@link CallAuthorizer}
 * @param certainty whether {@code resource} is the exact ARN IAM evaluates
 */
public record IamRequestPart(String action, String resource, Map<String, List<String>> conditionKeys,
        Set<String> undeterminedKeys, ResourceCertainty certainty) {

    /** How exactly {@link #resource()} names what IAM evaluates. */
    public enum ResourceCertainty {
        /** The ARN (or {@code *}) IAM evaluates. */
        EXACT,
        /**
         * The ARN with a suffix the request does not carry replaced by {@code ?} wildcards, as for a
         * Secrets Manager secret named without its six-character suffix. Policy patterns match it
         * as they would the real ARN as long as they do not pin the unknown characters; a Deny on
         * the exact ARN does not match it.
         */
        UNKNOWN_SUFFIX
    }

    public IamRequestPart {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(certainty, "certainty");
        Map<String, List<String>> keys = new LinkedHashMap<>();
        conditionKeys.forEach((k, v) -> keys.put(k, List.copyOf(v)));
        conditionKeys = java.util.Collections.unmodifiableMap(keys);
        undeterminedKeys = java.util.Collections.unmodifiableSet(new TreeSet<>(undeterminedKeys));
    }

    /** A part with no condition keys, exact resource. */
    public static IamRequestPart of(String action, String resource) {
        return new IamRequestPart(action, resource, Map.of(), Set.of(), ResourceCertainty.EXACT);
    }
}
