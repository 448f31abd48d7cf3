/**
 * Maps AWS API calls, as the enforcing endpoint receives them, to the IAM authorisations they
 * need: {@link dev.airlock.callmap.CallMapper} turns an {@link dev.airlock.callmap.HttpRequestView}
 * and a {@link dev.airlock.callmap.CallContext} into a {@link dev.airlock.callmap.CallMapping}:
 * either the parts (action, resource ARN, condition keys) that must all be allowed, or why the
 * call cannot be mapped, in which case it must be denied. {@link dev.airlock.callmap.CallAuthorizer}
 * decides a mapping with the policy engine, failing closed where the mapping is not exact.
 *
 * <p>Rules every mapper follows:
 *
 * <ul>
 *   <li>every action is checked against the action catalog, and every resource ARN against the
 *       action's resource types; {@code *} is only produced for actions IAM evaluates without a
 *       resource;
 *   <li>anything not understood (an unknown S3 sub-resource or parameter, an unknown operation, a
 *       repeated parameter, a malformed body, an ambiguous {@code +}) is unmapped, never guessed;
 *   <li>when the documentation leaves two candidate resources open, both are required;
 *   <li>condition keys an action supports but the request cannot tell (resource tags, existing
 *       object tags, the bucket owner) are listed per part as undetermined.
 * </ul>
 */
package dev.airlock.callmap;
