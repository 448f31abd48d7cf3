package dev.airlock.callmap;

import java.util.Optional;

/**
 * Looks up what IAM evaluates but the request does not say: the KMS key behind an alias, the full
 * ARN of a secret named without its random suffix. The endpoint can implement this with its own
 * upstream credentials (and a cache); without a resolver the mapper denies calls that need one
 * (KMS aliases) or marks the resource {@link IamRequestPart.ResourceCertainty#UNKNOWN_SUFFIX}
 * (secret names).
 */
public interface ResourceResolver {

    /**
     * The key ARN ({@code arn:PARTITION:kms:REGION:ACCOUNT:key/ID}) the alias points to.
     *
     * @param aliasArn {@code arn:PARTITION:kms:REGION:ACCOUNT:alias/NAME}
     */
    Optional<String> kmsKeyForAlias(String aliasArn);

    /**
     * The full ARN of a secret, with its six-character suffix.
     *
     * @param region the Region of the call
     * @param account the account the secret is in
     * @param nameOrPartialArn the {@code SecretId} as the request gives it
     */
    Optional<String> secretArn(String region, String account, String nameOrPartialArn);

    /** A resolver that knows nothing. */
    static ResourceResolver none() {
        return new ResourceResolver() {
            @Override
            public Optional<String> kmsKeyForAlias(String aliasArn) {
                return Optional.empty();
            }

            @Override
            public Optional<String> secretArn(String region, String account, String nameOrPartialArn) {
                return Optional.empty();
            }
        };
    }
}
