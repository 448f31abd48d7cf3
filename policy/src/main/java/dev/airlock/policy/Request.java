package dev.airlock.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * One request to authorise.
 *
 * @param action the IAM action, {@code service:Action}, in any case
 * @param resource the resource ARN, or {@code *} for actions without resource-level permissions
 * @param principal the calling principal's ARN (IAM user, assumed-role session, role, federated
 *     user, account root) or a service principal such as {@code s3.amazonaws.com}
 * @param resourceAccount the account that owns the resource; when empty it is read from the
 *     resource ARN, and failing that (S3 ARNs carry no account) taken to be the principal's
 * @param context the request's condition keys
 */
public record Request(String action, String resource, String principal,
        Optional<String> resourceAccount, RequestContext context) {

    public Request {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(resourceAccount, "resourceAccount");
        Objects.requireNonNull(context, "context");
    }

    public static Request of(String action, String resource, String principal) {
        return new Request(action, resource, principal, Optional.empty(), RequestContext.empty());
    }

    public Request withContext(RequestContext c) {
        return new Request(action, resource, principal, resourceAccount, c);
    }

    public Request withResourceAccount(String account) {
        return new Request(action, resource, principal, Optional.of(account), context);
    }
}
