package dev.airlock.policy;

import static dev.airlock.policy.Fixtures.ACCOUNT;
import static dev.airlock.policy.Fixtures.ctx;
import static dev.airlock.policy.Fixtures.identity;
import static dev.airlock.policy.Fixtures.outcome;
import static dev.airlock.policy.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.policy.match.Arn;
import dev.airlock.policy.match.ArnPattern;
import dev.airlock.policy.match.Wildcard;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Action, NotAction, Resource and NotResource matching. */
class ActionResourceMatchingTest {

    private static final Outcome ALLOWED = Outcome.ALLOWED;
    private static final Outcome IMPLICIT = Outcome.IMPLICITLY_DENIED;
    private static final Outcome EXPLICIT = Outcome.EXPLICITLY_DENIED;

    private static boolean arnMatches(String pattern, String resource) {
        return ArnPattern.compile(pattern, true).matches(Arn.parse(resource), resource, RequestContext.empty());
    }

    // ---- Action ---------------------------------------------------------------------------

    // IAM User Guide, "IAM JSON policy elements: Action": the prefix and the action name are case
    // insensitive; iam:ListAccessKeys is the same as IAM:listaccesskeys.
    @Test
    void actionNamesAreCaseInsensitive() {
        Policy p = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "iam:ListAccessKeys", "Resource": "*"}}
                """);
        assertThat(outcome(request("IAM:listaccesskeys", "*"), p)).isEqualTo(ALLOWED);
        assertThat(Wildcard.compile("iam:ListAccessKeys", true).matches("IAM:LISTACCESSKEYS")).isTrue();
    }

    // IAM User Guide, "IAM JSON policy elements: Condition operators" (string example) uses
    // "iam:*AccessKey*", which covers every access key action and nothing else.
    @Test
    void multiCharacterWildcardInActionName() {
        Policy p = identity("""
                {
                  "Version": "2012-10-17",
                  "Statement": {"Effect": "Allow", "Action": "iam:*AccessKey*", "Resource": "arn:aws:iam::111122223333:user/*"}
                }
                """);
        String user = "arn:aws:iam::" + ACCOUNT + ":user/Bob";
        assertThat(outcome(request("iam:CreateAccessKey", user), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("iam:ListAccessKeys", user), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("iam:UpdateAccessKey", user), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("iam:CreateUser", user), p)).isEqualTo(IMPLICIT);
        assertThat(outcome(request("s3:GetObject", user), p)).isEqualTo(IMPLICIT);
    }

    // IAM User Guide, "IAM JSON policy elements: Action": multi-character (*) and single-character (?)
    // wildcards can be used in the action name.
    @Test
    void singleCharacterWildcardInActionName() {
        Wildcard w = Wildcard.compile("s3:?etObject", true);
        assertThat(w.matches("s3:GetObject")).isTrue();
        assertThat(w.matches("s3:SetObject")).isTrue();
        assertThat(w.matches("s3:PutObject")).isFalse();
        assertThat(w.matches("s3:GetObjectAcl")).isFalse();
        assertThat(w.matches("s3:etObject")).isFalse();
    }

    // IAM User Guide, "IAM JSON policy elements: Action": "Action": "*" matches every action of every
    // service; "s3:*" only Amazon S3 actions.
    @Test
    void starMatchesEveryActionAndServiceStarOnlyThatService() {
        Policy all = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}
                """);
        Policy s3 = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}
                """);
        assertThat(outcome(request("dynamodb:GetItem", "*"), all)).isEqualTo(ALLOWED);
        assertThat(outcome(request("s3:DeleteBucket", "arn:aws:s3:::b"), s3)).isEqualTo(ALLOWED);
        assertThat(outcome(request("sqs:SendMessage", "*"), s3)).isEqualTo(IMPLICIT);
        assertThat(outcome(request("s3express:CreateSession", "*"), s3)).isEqualTo(IMPLICIT);
    }

    // IAM User Guide, "IAM JSON policy elements: Action": several actions are listed as an array.
    @Test
    void actionListMatchesAnyListedAction() {
        Policy p = identity("""
                {
                  "Version": "2012-10-17",
                  "Statement": {"Effect": "Allow", "Action": ["sqs:SendMessage", "sqs:ReceiveMessage", "ec2:StartInstances"], "Resource": "*"}
                }
                """);
        assertThat(outcome(request("sqs:ReceiveMessage", "*"), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("ec2:StartInstances", "*"), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("ec2:StopInstances", "*"), p)).isEqualTo(IMPLICIT);
    }

    @Test
    void globMatchingBacktracksAcrossSeveralStars() {
        Wildcard w = Wildcard.compile("a*b*c", false);
        assertThat(w.matches("abc")).isTrue();
        assertThat(w.matches("aXXbYYbZc")).isTrue();
        assertThat(w.matches("abcab")).isFalse();
        assertThat(w.matches("ABC")).isFalse();
        assertThat(Wildcard.compile("*", false).matches("")).isTrue();
        assertThat(Wildcard.compile("s3:Get*", true).matches("S3:getobject")).isTrue();
    }

    // ---- NotAction ------------------------------------------------------------------------

    // IAM User Guide, "IAM JSON policy elements: NotAction" (NotAction with Allow): "NotAction": "iam:*"
    // with "Resource": "*" allows every action in every service except IAM.
    @Test
    void allowNotActionIamAllowsEverythingButIam() {
        Policy p = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}}
                """);
        assertThat(outcome(request("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/x"), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("ec2:RunInstances", "*"), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("iam:CreateUser", "arn:aws:iam::111122223333:user/x"), p)).isEqualTo(IMPLICIT);
    }

    // IAM User Guide, "IAM JSON policy elements: NotAction": "NotAction": "s3:DeleteBucket" with
    // "Resource": "arn:aws:s3:::*" allows the S3 actions on S3 resources except deleting a bucket; it
    // does not allow ListAllMyBuckets, which requires the "*" resource.
    @Test
    void allowNotActionScopedByResource() {
        Policy p = identity("""
                {
                  "Version": "2012-10-17",
                  "Statement": {"Effect": "Allow", "NotAction": "s3:DeleteBucket", "Resource": "arn:aws:s3:::*"}
                }
                """);
        assertThat(outcome(request("s3:PutObject", "arn:aws:s3:::amzn-s3-demo-bucket/key"), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("s3:CreateBucket", "arn:aws:s3:::amzn-s3-demo-bucket"), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("s3:DeleteBucket", "arn:aws:s3:::amzn-s3-demo-bucket"), p)).isEqualTo(IMPLICIT);
        assertThat(outcome(request("s3:ListAllMyBuckets", "*"), p)).isEqualTo(IMPLICIT);
    }

    // IAM User Guide, "IAM JSON policy elements: NotAction" (NotAction with Deny): the
    // DenyAllUsersNotUsingMFA example denies everything except IAM actions when the user did not sign
    // in with MFA, and has no effect when MFA is present; it grants nothing by itself.
    @Test
    void denyNotActionWithBoolIfExistsMfa() {
        Policy deny = identity("""
                {
                    "Version": "2012-10-17",
                    "Statement": [{
                        "Sid": "DenyAllUsersNotUsingMFA",
                        "Effect": "Deny",
                        "NotAction": "iam:*",
                        "Resource": "*",
                        "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}
                    }]
                }
                """);
        Policy admin = Fixtures.allowAll();
        String bucket = "arn:aws:s3:::amzn-s3-demo-bucket";
        // Long-term access keys: the MFA key is absent, so the Deny applies.
        assertThat(outcome(request("s3:ListBucket", bucket), deny, admin)).isEqualTo(EXPLICIT);
        assertThat(outcome(request("s3:ListBucket", bucket, ctx("aws:MultiFactorAuthPresent", "false")), deny, admin))
                .isEqualTo(EXPLICIT);
        assertThat(outcome(request("iam:ChangePassword", "arn:aws:iam::111122223333:user/exampleuser"), deny, admin))
                .isEqualTo(ALLOWED);
        assertThat(outcome(request("s3:ListBucket", bucket, ctx("aws:MultiFactorAuthPresent", "true")), deny, admin))
                .isEqualTo(ALLOWED);
        assertThat(outcome(request("iam:ChangePassword", "*"), deny)).isEqualTo(IMPLICIT);
    }

    // ---- Resource -------------------------------------------------------------------------

    // IAM User Guide, "IAM JSON policy elements: Resource": in the Resource element, the IAM user name
    // is case sensitive.
    @Test
    void resourceArnIsCaseSensitive() {
        Policy p = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "iam:GetUser", "Resource": "arn:aws:iam::111122223333:user/Bob"}}
                """);
        assertThat(outcome(request("iam:GetUser", "arn:aws:iam::111122223333:user/Bob"), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("iam:GetUser", "arn:aws:iam::111122223333:user/bob"), p)).isEqualTo(IMPLICIT);
    }

    // IAM User Guide, "IAM JSON policy elements: Resource": "arn:aws:iam::account-ID:user/accounting/*"
    // refers to all IAM users whose path is /accounting.
    @Test
    void wildcardSelectsUsersByPath() {
        Policy p = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "iam:*", "Resource": "arn:aws:iam::111122223333:user/accounting/*"}}
                """);
        assertThat(outcome(request("iam:GetUser", "arn:aws:iam::111122223333:user/accounting/alice"), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("iam:GetUser", "arn:aws:iam::111122223333:user/accounting/emea/bob"), p))
                .isEqualTo(ALLOWED);
        assertThat(outcome(request("iam:GetUser", "arn:aws:iam::111122223333:user/engineering/carol"), p))
                .isEqualTo(IMPLICIT);
        assertThat(outcome(request("iam:GetUser", "arn:aws:iam::999999999999:user/accounting/alice"), p))
                .isEqualTo(IMPLICIT);
    }

    // IAM User Guide, "IAM JSON policy elements: Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*/test/*"
    // applies to each of these objects; "*" expands across "/", which has no special meaning.
    @ParameterizedTest
    @ValueSource(strings = {
        "amzn-s3-demo-bucket/1/test/object.jpg",
        "amzn-s3-demo-bucket/1/2/test/object.jpg",
        "amzn-s3-demo-bucket/1/2/test/3/object.jpg",
        "amzn-s3-demo-bucket/1/2/3/test/4/object.jpg",
        "amzn-s3-demo-bucket/1///test///object.jpg",
        "amzn-s3-demo-bucket/1/test/.jpg",
        "amzn-s3-demo-bucket//test/object.jpg",
        "amzn-s3-demo-bucket/1/test/"})
    void starExpandsAcrossSlashes(String object) {
        assertThat(arnMatches("arn:aws:s3:::amzn-s3-demo-bucket/*/test/*", "arn:aws:s3:::" + object)).isTrue();
    }

    // Same page: the ARN does not match these objects.
    @ParameterizedTest
    @ValueSource(strings = {
        "amzn-s3-demo-bucket/1-test/object.jpg",
        "amzn-s3-demo-bucket/test/object.jpg",
        "amzn-s3-demo-bucket/1/2/test.jpg"})
    void starDoesNotInventMissingSlashes(String object) {
        assertThat(arnMatches("arn:aws:s3:::amzn-s3-demo-bucket/*/test/*", "arn:aws:s3:::" + object)).isFalse();
    }

    // IAM User Guide, "IAM JSON policy elements: Resource": wildcards can be used in any segment,
    // several per segment, and "?" stands for exactly one character.
    @Test
    void wildcardsInRegionAndAccountSegments() {
        assertThat(arnMatches("arn:aws:sqs:*:111122223333:queue1", "arn:aws:sqs:eu-west-1:111122223333:queue1")).isTrue();
        assertThat(arnMatches("arn:aws:sqs:*:111122223333:queue1", "arn:aws:sqs:eu-west-1:999999999999:queue1")).isFalse();
        assertThat(arnMatches("arn:aws:sqs:us-east-?:*:queue?", "arn:aws:sqs:us-east-2:111122223333:queue1")).isTrue();
        assertThat(arnMatches("arn:aws:sqs:us-east-?:*:queue?", "arn:aws:sqs:us-east-2:111122223333:queue10")).isFalse();
        assertThat(arnMatches("arn:aws:sqs:us-east-?:*:queue?", "arn:aws:sqs:us-west-2:111122223333:queue1")).isFalse();
    }

    // IAM User Guide, "IAM JSON policy elements: Resource": for actions without resource-level
    // permissions you use "*"; "*" also matches every ARN.
    @Test
    void starResourceMatchesEverything() {
        assertThat(arnMatches("*", "*")).isTrue();
        assertThat(arnMatches("*", "arn:aws:dynamodb:us-east-2:111122223333:table/books_table")).isTrue();
        assertThat(ArnPattern.compile("*", true).matchesAll()).isTrue();
        // A non-ARN resource is only matched by "*".
        assertThat(ArnPattern.compile("arn:aws:s3:::*", true).matches(Optional.empty(), "*", RequestContext.empty()))
                .isFalse();
    }

    // IAM User Guide, "IAM JSON policy elements: Resource" (specifying multiple resources): the
    // books_table / magazines_table example.
    @Test
    void resourceListMatchesAnyListedArn() {
        Policy p = identity("""
                {
                  "Version": "2012-10-17",
                  "Statement": {
                    "Effect": "Allow",
                    "Action": "dynamodb:GetItem",
                    "Resource": [
                      "arn:aws:dynamodb:us-east-2:111122223333:table/books_table",
                      "arn:aws:dynamodb:us-east-2:111122223333:table/magazines_table"
                    ]
                  }
                }
                """);
        assertThat(outcome(request("dynamodb:GetItem", "arn:aws:dynamodb:us-east-2:111122223333:table/magazines_table"), p))
                .isEqualTo(ALLOWED);
        assertThat(outcome(request("dynamodb:GetItem", "arn:aws:dynamodb:us-east-2:111122223333:table/comics_table"), p))
                .isEqualTo(IMPLICIT);
        assertThat(outcome(request("dynamodb:GetItem", "arn:aws:dynamodb:us-west-2:111122223333:table/books_table"), p))
                .isEqualTo(IMPLICIT);
    }

    // IAM User Guide, "IAM JSON policy elements: Resource": "arn:aws:sqs:us-east-2:account-ID:queue1"
    // names one queue; the Lambda-style trailing qualifier ":PROD" belongs to the resource part.
    @Test
    void resourcePartKeepsItsColons() {
        assertThat(arnMatches("arn:aws:lambda:us-east-1:111122223333:function:my-function*",
                "arn:aws:lambda:us-east-1:111122223333:function:my-function:PROD")).isTrue();
        assertThat(arnMatches("arn:aws:lambda:us-east-1:111122223333:function:my-function",
                "arn:aws:lambda:us-east-1:111122223333:function:my-function:PROD")).isFalse();
    }

    // ---- NotResource ----------------------------------------------------------------------

    // IAM User Guide, "IAM JSON policy elements: NotResource": the HRPayroll example explicitly denies
    // access to all S3 resources other than the Payroll folder; it grants nothing itself.
    @Test
    void denyNotResourceProtectsEverythingButTheListedResources() {
        Policy deny = identity("""
                {
                  "Version": "2012-10-17",
                  "Statement": {
                    "Effect": "Deny",
                    "Action": "s3:*",
                    "NotResource": [
                      "arn:aws:s3:::HRBucket/Payroll",
                      "arn:aws:s3:::HRBucket/Payroll/*"
                    ]
                  }
                }
                """);
        Policy allowS3 = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}
                """);
        assertThat(outcome(request("s3:GetObject", "arn:aws:s3:::HRBucket/Payroll/2024.csv"), deny, allowS3))
                .isEqualTo(ALLOWED);
        assertThat(outcome(request("s3:GetObject", "arn:aws:s3:::HRBucket/Benefits/plan.pdf"), deny, allowS3))
                .isEqualTo(EXPLICIT);
        assertThat(outcome(request("s3:ListAllMyBuckets", "*"), deny, allowS3)).isEqualTo(EXPLICIT);
        // Only the services in the statement are affected.
        assertThat(outcome(request("sqs:SendMessage", "arn:aws:sqs:us-east-2:111122223333:queue1"), deny,
                Fixtures.allowAll())).isEqualTo(ALLOWED);
        assertThat(outcome(request("s3:GetObject", "arn:aws:s3:::HRBucket/Payroll/2024.csv"), deny)).isEqualTo(IMPLICIT);
    }

    // IAM User Guide, "IAM JSON policy elements: NotResource": NotResource with Allow allows all
    // resources, for the services in the statement, that are not listed.
    @Test
    void allowNotResourceAllowsEverythingButTheListedResources() {
        Policy p = identity("""
                {
                  "Version": "2012-10-17",
                  "Statement": {
                    "Effect": "Allow",
                    "Action": "s3:*",
                    "NotResource": ["arn:aws:s3:::HRBucket/Payroll", "arn:aws:s3:::HRBucket/Payroll/*"]
                  }
                }
                """);
        assertThat(outcome(request("s3:GetObject", "arn:aws:s3:::any-other-bucket/file"), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("s3:GetObject", "arn:aws:s3:::HRBucket/Payroll/2024.csv"), p)).isEqualTo(IMPLICIT);
        assertThat(outcome(request("sqs:SendMessage", "arn:aws:sqs:us-east-2:111122223333:queue1"), p))
                .isEqualTo(IMPLICIT);
    }
}
