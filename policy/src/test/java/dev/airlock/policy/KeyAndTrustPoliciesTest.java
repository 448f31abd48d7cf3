package dev.airlock.policy;

import static dev.airlock.policy.Fixtures.ACCOUNT;
import static dev.airlock.policy.Fixtures.OTHER_ACCOUNT;
import static dev.airlock.policy.Fixtures.ROLE_ARN;
import static dev.airlock.policy.Fixtures.SESSION_ARN;
import static dev.airlock.policy.Fixtures.USER_ARN;
import static dev.airlock.policy.Fixtures.boundary;
import static dev.airlock.policy.Fixtures.decide;
import static dev.airlock.policy.Fixtures.identity;
import static dev.airlock.policy.Fixtures.request;
import static dev.airlock.policy.Fixtures.resource;
import static dev.airlock.policy.Fixtures.scp;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The service-specific exceptions to the general evaluation logic. Sources: IAM User Guide, "Policy
 * evaluation logic" ("IAM role trust policies and KMS key policies are exceptions to this logic,
 * because they must explicitly allow access for principals"); AWS KMS Developer Guide, "Key policies
 * in AWS KMS", "Default key policy" and "Controlling access to aliases"; AWS STS API Reference,
 * GetCallerIdentity.
 */
class KeyAndTrustPoliciesTest {

    private static final String KEY = "arn:aws:kms:us-east-1:" + ACCOUNT + ":key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String ALIAS = "arn:aws:kms:us-east-1:" + ACCOUNT + ":alias/app";
    private static final String TARGET_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/DeployRole";

    private static final Policy MAY_DECRYPT = identity("""
            {"Version": "2012-10-17", "Statement": [{"Sid": "Decrypt", "Effect": "Allow", "Action": "kms:Decrypt",
             "Resource": "*"}]}
            """);
    private static final Policy MAY_ASSUME = identity("""
            {"Version": "2012-10-17", "Statement": [{"Sid": "Assume", "Effect": "Allow",
             "Action": ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"], "Resource": "*"}]}
            """);

    private static Policy keyPolicyFor(String awsPrincipal) {
        return resource("""
                {"Version": "2012-10-17", "Statement": [{"Sid": "KeyUse", "Effect": "Allow",
                 "Principal": {"AWS": "%s"}, "Action": "kms:*", "Resource": "*"}]}
                """.formatted(awsPrincipal));
    }

    private static Policy trustPolicyFor(String awsPrincipal) {
        return resource("""
                {"Version": "2012-10-17", "Statement": [{"Sid": "Trust", "Effect": "Allow",
                 "Principal": {"AWS": "%s"}, "Action": ["sts:AssumeRole", "sts:TagSession"]}]}
                """.formatted(awsPrincipal));
    }

    private static Outcome outcome(PolicySet set, String action, String resource, String principal) {
        return decide(set, request(action, resource, principal)).outcome();
    }

    // "Key policies in AWS KMS": without permission from the key policy, IAM policies that allow
    // permissions have no effect, even in the key's own account (the example of the issue: a key
    // policy for bob only, an identity policy for the caller).
    @Test
    void identityPolicyAloneGrantsNothingOnAKey() {
        PolicySet set = PolicySet.builder().identity(MAY_DECRYPT)
                .resource(keyPolicyFor("arn:aws:iam::" + ACCOUNT + ":user/bob")).build();
        Decision d = decide(set, request("kms:Decrypt", KEY, USER_ARN));
        assertThat(d.outcome()).isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(d.missingAllows()).extracting(MissingAllow::layer).containsExactly(Layer.RESOURCE);
        assertThat(d.missingAllows().get(0).reason()).contains("key policy");
    }

    // Every KMS key has exactly one key policy; a request that gives none has nothing to allow it.
    @Test
    void aKeyWithoutKeyPolicyIsImplicitlyDenied() {
        Decision d = decide(PolicySet.builder().identity(MAY_DECRYPT).build(), request("kms:Decrypt", KEY, USER_ARN));
        assertThat(d.outcome()).isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(d.missingAllows().get(0).reason()).contains("no resource policy was given");
    }

    // "Default key policy": the statement naming the account root "Allows access to the AWS account and
    // enables IAM policies": the identity policy must then allow as well.
    @Test
    void keyPolicyNamingTheAccountDelegatesToIdentityPolicies() {
        for (String account : List.of("arn:aws:iam::" + ACCOUNT + ":root", ACCOUNT)) {
            Policy key = keyPolicyFor(account);
            assertThat(outcome(PolicySet.builder().identity(MAY_DECRYPT).resource(key).build(), "kms:Decrypt", KEY,
                    USER_ARN)).as(account).isEqualTo(Outcome.ALLOWED);
            assertThat(outcome(PolicySet.builder().resource(key).build(), "kms:Decrypt", KEY, USER_ARN)).as(account)
                    .isEqualTo(Outcome.IMPLICITLY_DENIED);
        }
    }

    // "Key policies in AWS KMS": the key policy alone can control access; naming the caller allows it
    // without any identity policy.
    @Test
    void keyPolicyNamingTheCallerAllowsOnItsOwn() {
        Decision d = decide(PolicySet.builder().resource(keyPolicyFor(USER_ARN)).build(),
                request("kms:Decrypt", KEY, USER_ARN));
        assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(d.deciding()).extracting(StatementRef::layer).containsExactly(Layer.RESOURCE);
    }

    // "Key policies in AWS KMS": an IAM policy can deny a permission to a KMS key without permission
    // from the key policy.
    @Test
    void identityDenyAppliesWhateverTheKeyPolicySays() {
        Policy deny = identity("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "kms:Decrypt", "Resource": "*"}]}
                """);
        assertThat(outcome(PolicySet.builder().identity(deny).resource(keyPolicyFor(USER_ARN)).build(), "kms:Decrypt",
                KEY, USER_ARN)).isEqualTo(Outcome.EXPLICITLY_DENIED);
    }

    // A key policy naming the role grants to its sessions, capped by a permissions boundary like any
    // resource policy grant to a role ARN.
    @Test
    void keyPolicyNamingTheRoleIsCappedByTheSessionsBoundary() {
        Policy s3Only = boundary("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
                """);
        assertThat(outcome(PolicySet.builder().resource(keyPolicyFor(ROLE_ARN)).build(), "kms:Decrypt", KEY,
                SESSION_ARN)).isEqualTo(Outcome.ALLOWED);
        assertThat(outcome(PolicySet.builder().resource(keyPolicyFor(ROLE_ARN)).permissionsBoundary(s3Only).build(),
                "kms:Decrypt", KEY, SESSION_ARN)).isEqualTo(Outcome.IMPLICITLY_DENIED);
    }

    // Cross-account use of a key still needs both sides ("Allowing users in other accounts to use a
    // KMS key").
    @Test
    void crossAccountKeyUseNeedsKeyPolicyAndIdentityPolicy() {
        String eve = "arn:aws:iam::" + OTHER_ACCOUNT + ":user/eve";
        assertThat(outcome(PolicySet.builder().identity(MAY_DECRYPT).resource(keyPolicyFor(OTHER_ACCOUNT)).build(),
                "kms:Decrypt", KEY, eve)).isEqualTo(Outcome.ALLOWED);
        assertThat(outcome(PolicySet.builder().resource(keyPolicyFor(eve)).build(), "kms:Decrypt", KEY, eve))
                .isEqualTo(Outcome.IMPLICITLY_DENIED);
    }

    // "Controlling access to aliases": kms:CreateAlias on the alias is granted by an IAM policy; aliases
    // have no key policy. KMS actions on "*" (kms:ListKeys, kms:CreateKey) involve no key either.
    @Test
    void aliasesAndKeylessActionsFollowTheGeneralLogic() {
        Policy aliases = identity("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["kms:CreateAlias", "kms:ListKeys"],
                 "Resource": "*"}]}
                """);
        PolicySet set = PolicySet.builder().identity(aliases).build();
        assertThat(outcome(set, "kms:CreateAlias", ALIAS, USER_ARN)).isEqualTo(Outcome.ALLOWED);
        assertThat(outcome(set, "kms:ListKeys", "*", USER_ARN)).isEqualTo(Outcome.ALLOWED);
    }

    // "Policy evaluation logic": a role's trust policy must allow the caller even in the same account.
    @Test
    void trustPolicyMustAllowTheCallerOrItsAccount() {
        PolicySet bobOnly = PolicySet.builder().identity(MAY_ASSUME)
                .resource(trustPolicyFor("arn:aws:iam::" + ACCOUNT + ":user/bob")).build();
        assertThat(outcome(bobOnly, "sts:AssumeRole", TARGET_ROLE, USER_ARN)).isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(outcome(PolicySet.builder().identity(MAY_ASSUME).build(), "sts:AssumeRole", TARGET_ROLE, USER_ARN))
                .isEqualTo(Outcome.IMPLICITLY_DENIED);
        PolicySet account = PolicySet.builder().identity(MAY_ASSUME)
                .resource(trustPolicyFor("arn:aws:iam::" + ACCOUNT + ":root")).build();
        assertThat(outcome(account, "sts:AssumeRole", TARGET_ROLE, USER_ARN)).isEqualTo(Outcome.ALLOWED);
        assertThat(outcome(account, "sts:TagSession", TARGET_ROLE, USER_ARN)).isEqualTo(Outcome.ALLOWED);
        // The trust policy must allow each action itself: sts:SetSourceIdentity is not in it.
        assertThat(outcome(account, "sts:SetSourceIdentity", TARGET_ROLE, USER_ARN)).isEqualTo(Outcome.IMPLICITLY_DENIED);
    }

    // A trust policy that names the caller (a user, or a role for role chaining) allows on its own.
    @Test
    void trustPolicyNamingTheCallerAllowsWithoutIdentityPolicy() {
        assertThat(outcome(PolicySet.builder().resource(trustPolicyFor(USER_ARN)).build(), "sts:AssumeRole",
                TARGET_ROLE, USER_ARN)).isEqualTo(Outcome.ALLOWED);
        assertThat(outcome(PolicySet.builder().resource(trustPolicyFor(ROLE_ARN)).build(), "sts:AssumeRole",
                TARGET_ROLE, SESSION_ARN)).isEqualTo(Outcome.ALLOWED);
        assertThat(outcome(PolicySet.builder().resource(trustPolicyFor(ACCOUNT)).build(), "sts:AssumeRole",
                TARGET_ROLE, USER_ARN)).isEqualTo(Outcome.IMPLICITLY_DENIED);
    }

    // STS API Reference, GetCallerIdentity: no permission is needed, and an explicit deny (here in an
    // identity policy and an SCP) does not stop it.
    @Test
    void getCallerIdentityNeedsNoPermissionAndCannotBeDenied() {
        Decision none = decide(PolicySet.builder().build(), request("sts:GetCallerIdentity", "*", USER_ARN));
        assertThat(none.outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(none.deciding()).isEmpty();
        assertThat(none.note()).hasValueSatisfying(n -> assertThat(n).contains("needs no permission"));
        Policy denyAll = identity("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}
                """);
        Policy scpDeny = scp("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "sts:*", "Resource": "*"}]}
                """);
        PolicySet denied = PolicySet.builder().identity(denyAll).scpLevel(List.of(scpDeny)).build();
        assertThat(outcome(denied, "STS:GetCallerIdentity", "*", SESSION_ARN)).isEqualTo(Outcome.ALLOWED);
    }
}
