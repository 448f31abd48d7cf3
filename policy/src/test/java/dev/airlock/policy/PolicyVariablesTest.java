package dev.airlock.policy;

import static dev.airlock.policy.Fixtures.allowAll;
import static dev.airlock.policy.Fixtures.ctx;
import static dev.airlock.policy.Fixtures.identity;
import static dev.airlock.policy.Fixtures.multi;
import static dev.airlock.policy.Fixtures.outcome;
import static dev.airlock.policy.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Policy variables. Source unless noted: IAM User Guide, "IAM policy elements: Variables and tags".
 * The engine takes variable values from the request context only, so each request carries
 * aws:username, aws:PrincipalTag/... explicitly.
 */
class PolicyVariablesTest {

    private static final Outcome ALLOWED = Outcome.ALLOWED;
    private static final Outcome IMPLICIT = Outcome.IMPLICITLY_DENIED;
    private static final Outcome EXPLICIT = Outcome.EXPLICITLY_DENIED;

    private static final String DAVID = "arn:aws:iam::111122223333:user/David";

    // IAM User Guide, "IAM JSON policy elements: Condition operators" (string operators): the
    // "home directory" policy with ${aws:username} in StringLike s3:prefix and in the Resource.
    private static final Policy HOME_DIRECTORY = identity("""
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": [
                    "s3:ListAllMyBuckets",
                    "s3:GetBucketLocation"
                  ],
                  "Resource": "arn:aws:s3:::*"
                },
                {
                  "Effect": "Allow",
                  "Action": "s3:ListBucket",
                  "Resource": "arn:aws:s3:::BUCKET-NAME",
                  "Condition": {"StringLike": {"s3:prefix": [
                    "",
                    "home/",
                    "home/${aws:username}/"
                  ]}}
                },
                {
                  "Effect": "Allow",
                  "Action": "s3:*",
                  "Resource": [
                    "arn:aws:s3:::BUCKET-NAME/home/${aws:username}",
                    "arn:aws:s3:::BUCKET-NAME/home/${aws:username}/*"
                  ]
                }
              ]
            }
            """);

    @Test
    void homeDirectoryListingIsLimitedToTheUsersOwnPrefix() {
        String bucket = "arn:aws:s3:::BUCKET-NAME";
        assertThat(outcome(request("s3:ListBucket", bucket, DAVID, ctx("aws:username", "David", "s3:prefix", "")),
                HOME_DIRECTORY)).isEqualTo(ALLOWED);
        assertThat(outcome(request("s3:ListBucket", bucket, DAVID, ctx("aws:username", "David", "s3:prefix", "home/")),
                HOME_DIRECTORY)).isEqualTo(ALLOWED);
        assertThat(outcome(request("s3:ListBucket", bucket, DAVID, ctx("aws:username", "David", "s3:prefix",
                "home/David/")), HOME_DIRECTORY)).isEqualTo(ALLOWED);
        assertThat(outcome(request("s3:ListBucket", bucket, DAVID, ctx("aws:username", "David", "s3:prefix",
                "home/Adele/")), HOME_DIRECTORY)).isEqualTo(IMPLICIT);
    }

    @Test
    void homeDirectoryObjectsAreLimitedToTheUsersOwnFolder() {
        assertThat(outcome(request("s3:PutObject", "arn:aws:s3:::BUCKET-NAME/home/David/notes.txt", DAVID,
                ctx("aws:username", "David")), HOME_DIRECTORY)).isEqualTo(ALLOWED);
        assertThat(outcome(request("s3:GetObject", "arn:aws:s3:::BUCKET-NAME/home/David", DAVID,
                ctx("aws:username", "David")), HOME_DIRECTORY)).isEqualTo(ALLOWED);
        assertThat(outcome(request("s3:GetObject", "arn:aws:s3:::BUCKET-NAME/home/Adele/notes.txt", DAVID,
                ctx("aws:username", "David")), HOME_DIRECTORY)).isEqualTo(IMPLICIT);
        // A user name is case sensitive in the resource: "david" is not "David".
        assertThat(outcome(request("s3:GetObject", "arn:aws:s3:::BUCKET-NAME/home/david/notes.txt", DAVID,
                ctx("aws:username", "David")), HOME_DIRECTORY)).isEqualTo(IMPLICIT);
    }

    // "Principal key values": aws:username is not present for an assumed role, and any attempt to
    // match it fails; "Policy variables with no value": a Resource with such a variable matches no
    // resource.
    @Test
    void variableWithoutValueMatchesNoResource() {
        String session = "arn:aws:sts::111122223333:assumed-role/examplerole/David";
        assertThat(outcome(request("s3:GetObject", "arn:aws:s3:::BUCKET-NAME/home/David/notes.txt", session,
                RequestContext.empty()), HOME_DIRECTORY)).isEqualTo(IMPLICIT);
    }

    // "Specifying default values": a principal tagged team=yellow can access
    // amzn-s3-demo-bucket-yellow; a principal without the team tag gets the default "company-wide".
    @Test
    void defaultValueIsUsedWhenTheTagIsMissing() {
        Policy p = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket",
                 "Resource":"arn:aws:s3:::amzn-s3-demo-bucket-${aws:PrincipalTag/team, 'company-wide'}"}}
                """);
        assertThat(outcome(request("s3:ListBucket", "arn:aws:s3:::amzn-s3-demo-bucket-yellow",
                ctx("aws:PrincipalTag/team", "yellow")), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("s3:ListBucket", "arn:aws:s3:::amzn-s3-demo-bucket-company-wide",
                ctx("aws:PrincipalTag/team", "yellow")), p)).isEqualTo(IMPLICIT);
        assertThat(outcome(request("s3:ListBucket", "arn:aws:s3:::amzn-s3-demo-bucket-company-wide"), p))
                .isEqualTo(ALLOWED);
        assertThat(outcome(request("s3:ListBucket", "arn:aws:s3:::amzn-s3-demo-bucket-yellow"), p)).isEqualTo(IMPLICIT);
    }

    // IAM User Guide (earlier edition), "Specifying default values": anonymous users do not populate
    // ${aws:userid}; a default of 'anonymous' stands in for them, in a condition value as well.
    @Test
    void defaultValueInAConditionValue() {
        Policy p = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
                 "Condition": {"StringEquals": {"s3:ExistingObjectTag/reader": "${aws:userid, 'anonymous'}"}}}}
                """);
        assertThat(outcome(request("s3:GetObject", "*", ctx("s3:ExistingObjectTag/reader", "anonymous")), p))
                .isEqualTo(ALLOWED);
        assertThat(outcome(request("s3:GetObject", "*", ctx("aws:userid", "AIDAEXAMPLE",
                "s3:ExistingObjectTag/reader", "anonymous")), p)).isEqualTo(IMPLICIT);
        assertThat(outcome(request("s3:GetObject", "*", ctx("aws:userid", "AIDAEXAMPLE",
                "s3:ExistingObjectTag/reader", "AIDAEXAMPLE")), p)).isEqualTo(ALLOWED);
    }

    // "Using variables in policies": ${aws:PrincipalTag/team} in both the Resource and a StringLike
    // s3:prefix condition lets members of a team use only their team's prefix.
    @Test
    void principalTagInResourceAndCondition() {
        Policy p = identity("""
                {
                  "Version":"2012-10-17",
                  "Statement": [
                    {
                      "Effect": "Allow",
                      "Action": ["s3:ListBucket"],
                      "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket"],
                      "Condition": {"StringLike": {"s3:prefix": ["${aws:PrincipalTag/team}/*"]}}
                    },
                    {
                      "Effect": "Allow",
                      "Action": ["s3:GetObject", "s3:PutObject"],
                      "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket/${aws:PrincipalTag/team}/*"]
                    }
                  ]
                }
                """);
        var marketing = ctx("aws:PrincipalTag/team", "marketing", "s3:prefix", "marketing/2024/");
        assertThat(outcome(request("s3:ListBucket", "arn:aws:s3:::amzn-s3-demo-bucket", marketing), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("s3:ListBucket", "arn:aws:s3:::amzn-s3-demo-bucket",
                ctx("aws:PrincipalTag/team", "marketing", "s3:prefix", "finance/")), p)).isEqualTo(IMPLICIT);
        assertThat(outcome(request("s3:PutObject", "arn:aws:s3:::amzn-s3-demo-bucket/marketing/plan.doc",
                ctx("aws:PrincipalTag/team", "marketing")), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("s3:PutObject", "arn:aws:s3:::amzn-s3-demo-bucket/finance/plan.doc",
                ctx("aws:PrincipalTag/team", "marketing")), p)).isEqualTo(IMPLICIT);
    }

    // "Using variables in policies": AllowUnlessOwnedBySomeoneElse compares s3:ExistingObjectTag/owner
    // with ${aws:PrincipalTag/owner}.
    @Test
    void variableAsConditionValue() {
        Policy p = identity("""
                {
                  "Version":"2012-10-17",
                  "Statement": [{
                    "Sid": "AllowUnlessOwnedBySomeoneElse",
                    "Effect": "Allow",
                    "Action": ["s3:GetObject"],
                    "Resource": ["*"],
                    "Condition": {"StringEquals": {"s3:ExistingObjectTag/owner": "${aws:PrincipalTag/owner}"}}
                  }]
                }
                """);
        String object = "arn:aws:s3:::amzn-s3-demo-bucket/doc.txt";
        assertThat(outcome(request("s3:GetObject", object, ctx("aws:PrincipalTag/owner", "maria",
                "s3:ExistingObjectTag/owner", "maria")), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("s3:GetObject", object, ctx("aws:PrincipalTag/owner", "maria",
                "s3:ExistingObjectTag/owner", "li")), p)).isEqualTo(IMPLICIT);
        // "Policy variables with no value": StringEquals does not match an effectively null value.
        assertThat(outcome(request("s3:GetObject", object, ctx("s3:ExistingObjectTag/owner", "li")), p))
                .isEqualTo(IMPLICIT);
    }

    // "Policy variables with no value": aws:principaltag/Team must equal s3:ExistingObjectTag/Team;
    // access is explicitly denied when aws:principaltag/Team is not set (StringNotEquals matches a
    // null value).
    @Test
    void invertedOperatorMatchesVariableWithNoValue() {
        Policy deny = identity("""
                {
                  "Version":"2012-10-17",
                  "Statement": [{
                    "Effect": "Deny",
                    "Action": "s3:GetObject",
                    "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
                    "Condition": {"StringNotEquals": {"s3:ExistingObjectTag/Team": "${aws:PrincipalTag/Team}"}}
                  }]
                }
                """);
        String object = "arn:aws:s3:::amzn-s3-demo-bucket/doc.txt";
        assertThat(outcome(request("s3:GetObject", object, ctx("s3:ExistingObjectTag/Team", "blue")), deny, allowAll()))
                .isEqualTo(EXPLICIT);
        assertThat(outcome(request("s3:GetObject", object, ctx("aws:PrincipalTag/Team", "blue",
                "s3:ExistingObjectTag/Team", "blue")), deny, allowAll())).isEqualTo(ALLOWED);
        assertThat(outcome(request("s3:GetObject", object, ctx("aws:PrincipalTag/Team", "red",
                "s3:ExistingObjectTag/Team", "blue")), deny, allowAll())).isEqualTo(EXPLICIT);
    }

    // Same section, for the other inverted operators: a variable with no value is effectively null,
    // nothing is like it, so StringNotLike and ArnNotLike match and the Deny takes effect.
    @Test
    void invertedLikeOperatorsMatchVariableWithNoValue() {
        Policy deny = identity("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:ListBucket", "Resource": "*",
                 "Condition": {"StringNotLike": {"s3:prefix": "home/${aws:username}/*"},
                               "ArnNotLike": {"aws:SourceArn": "arn:aws:iam::111122223333:user/${aws:username}"}}}]}
                """);
        String bucket = "arn:aws:s3:::amzn-s3-demo-bucket";
        String session = "arn:aws:sts::111122223333:assumed-role/examplerole/David";
        assertThat(outcome(request("s3:ListBucket", bucket, session, ctx("s3:prefix", "home/David/",
                "aws:SourceArn", "arn:aws:iam::111122223333:user/David")), deny, allowAll())).isEqualTo(EXPLICIT);
        assertThat(outcome(request("s3:ListBucket", bucket, DAVID, ctx("aws:username", "David", "s3:prefix",
                "home/David/", "aws:SourceArn", "arn:aws:iam::111122223333:user/Adele")), deny, allowAll()))
                .isEqualTo(ALLOWED);
    }

    // Same section: "If a variable that has no value in the authorization context is used as part of
    // the Resource or NotResource element of a policy, the resource that includes a policy variable
    // with no value will not match any resource." A NotResource entry that matches nothing excludes
    // nothing, so this Deny covers every object of a caller without aws:username.
    @Test
    void notResourceEntryWithVariableWithNoValueExcludesNothing() {
        Policy deny = identity("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*",
                 "NotResource": "arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*"}]}
                """);
        String object = "arn:aws:s3:::amzn-s3-demo-bucket/home/David/notes.txt";
        String session = "arn:aws:sts::111122223333:assumed-role/examplerole/David";
        assertThat(outcome(request("s3:GetObject", object, session, RequestContext.empty()), deny, allowAll()))
                .isEqualTo(EXPLICIT);
        assertThat(outcome(request("s3:GetObject", object, DAVID, ctx("aws:username", "David")), deny, allowAll()))
                .isEqualTo(ALLOWED);
    }

    // "Specifying default values": a default gives the variable a value, so the NotResource entry
    // matches the default's resource and excludes it from the Deny.
    @Test
    void defaultValueResolvesAVariableInNotResource() {
        Policy deny = identity("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*",
                 "NotResource": "arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username, 'shared'}/*"}]}
                """);
        String session = "arn:aws:sts::111122223333:assumed-role/examplerole/David";
        assertThat(outcome(request("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/home/shared/a.txt", session,
                RequestContext.empty()), deny, allowAll())).isEqualTo(ALLOWED);
        assertThat(outcome(request("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/home/David/a.txt", session,
                RequestContext.empty()), deny, allowAll())).isEqualTo(EXPLICIT);
    }

    // "Where you can use policy variables" (Resource element): the SNS example builds the topic name
    // from three principal tags and a trailing * for custom suffixes.
    @Test
    void severalVariablesInOneResource() {
        Policy p = identity("""
                {
                  "Version":"2012-10-17",
                  "Statement": [{
                    "Sid": "AllowAccessBasedOnArnMatching",
                    "Effect": "Allow",
                    "Action": ["sns:CreateTopic", "sns:DeleteTopic"],
                    "Resource": ["arn:aws:sns:*:*:${aws:PrincipalTag/access-project}-${aws:PrincipalTag/access-application}-${aws:PrincipalTag/access-environment}-*"]
                  }]
                }
                """);
        var tags = ctx("aws:PrincipalTag/access-project", "peg", "aws:PrincipalTag/access-application", "web",
                "aws:PrincipalTag/access-environment", "prod");
        assertThat(outcome(request("sns:CreateTopic", "arn:aws:sns:us-east-1:111122223333:peg-web-prod-alerts", tags), p))
                .isEqualTo(ALLOWED);
        assertThat(outcome(request("sns:CreateTopic", "arn:aws:sns:us-east-1:111122223333:peg-web-dev-alerts", tags), p))
                .isEqualTo(IMPLICIT);
        assertThat(outcome(request("sns:CreateTopic", "arn:aws:sns:us-east-1:111122223333:peg-web-prod-alerts",
                ctx("aws:PrincipalTag/access-project", "peg", "aws:PrincipalTag/access-application", "web")), p))
                .isEqualTo(IMPLICIT);
    }

    // IAM User Guide (earlier edition of the same page), Resource element: the SQS example allows
    // queues named <user name>-queue in us-east-2 of any account.
    @Test
    void variableAfterWildcardSegments() {
        Policy p = identity("""
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {"Sid": "ListForConsole", "Effect": "Allow", "Action": "sqs:ListQueues", "Resource": "*"},
                        {"Sid": "AllQueueActions", "Effect": "Allow", "Action": "sqs:*",
                         "Resource": "arn:aws:sqs:us-east-2:*:${aws:username}-queue"}
                    ]
                }
                """);
        assertThat(outcome(request("sqs:SendMessage", "arn:aws:sqs:us-east-2:111122223333:David-queue", DAVID,
                ctx("aws:username", "David")), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("sqs:SendMessage", "arn:aws:sqs:us-east-2:111122223333:Adele-queue", DAVID,
                ctx("aws:username", "David")), p)).isEqualTo(IMPLICIT);
        assertThat(outcome(request("sqs:SendMessage", "arn:aws:sqs:us-west-2:111122223333:David-queue", DAVID,
                ctx("aws:username", "David")), p)).isEqualTo(IMPLICIT);
    }

    // "Special characters": ${*}, ${?} and ${$} stand for a literal *, ? and $.
    @Test
    void specialCharacterVariablesAreLiteral() {
        Policy p = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*",
                 "Condition": {"StringLike": {"s3:prefix": ["reports/${*}", "what${?}", "cost${$}*"]}}}}
                """);
        assertThat(outcome(request("s3:ListBucket", "*", ctx("s3:prefix", "reports/*")), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("s3:ListBucket", "*", ctx("s3:prefix", "reports/2024")), p)).isEqualTo(IMPLICIT);
        assertThat(outcome(request("s3:ListBucket", "*", ctx("s3:prefix", "what?")), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("s3:ListBucket", "*", ctx("s3:prefix", "whatX")), p)).isEqualTo(IMPLICIT);
        // The policy's own * after ${$} is still a wildcard.
        assertThat(outcome(request("s3:ListBucket", "*", ctx("s3:prefix", "cost$center")), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("s3:ListBucket", "*", ctx("s3:prefix", "costcenter")), p)).isEqualTo(IMPLICIT);
    }

    // "Special characters": the predefined variables work wherever regular variables do, including
    // the resource part of an ARN.
    @Test
    void literalAsteriskInResource() {
        Policy p = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject",
                 "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/${*}.txt"}}
                """);
        assertThat(outcome(request("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/*.txt"), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/a.txt"), p)).isEqualTo(IMPLICIT);
    }

    // "Using variables in policies": key names are case-insensitive (aws:CurrentTime is
    // AWS:currenttime), in a variable as anywhere else.
    @Test
    void variableKeyNamesAreCaseInsensitive() {
        Policy p = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "iam:*AccessKey*",
                 "Resource": "arn:aws:iam::111122223333:user/${AWS:UserName}"}}
                """);
        assertThat(outcome(request("iam:CreateAccessKey", "arn:aws:iam::111122223333:user/David", DAVID,
                ctx("aws:username", "David")), p)).isEqualTo(ALLOWED);
    }

    // "Using variables in policies": any single-valued key can be a variable; a multivalued key
    // cannot, so a request with two tag keys resolves nothing.
    @Test
    void multivaluedKeyIsNotAVariable() {
        Policy p = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject",
                 "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/${aws:TagKeys}/*"}}
                """);
        assertThat(outcome(request("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/env/x",
                multi("aws:TagKeys", List.of("env", "team"))), p)).isEqualTo(IMPLICIT);
        assertThat(outcome(request("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/team/x",
                multi("aws:TagKeys", List.of("env", "team"))), p)).isEqualTo(IMPLICIT);
    }

    // "Where you can use policy variables" (Condition element): variables work with the ARN operators.
    @Test
    void variableInArnLikeCondition() {
        Policy p = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*",
                 "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:111122223333:${aws:username}-*"}}}}
                """);
        assertThat(outcome(request("sqs:SendMessage", "*", DAVID, ctx("aws:username", "David",
                "aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:David-alerts")), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("sqs:SendMessage", "*", DAVID, ctx("aws:username", "David",
                "aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:Adele-alerts")), p)).isEqualTo(IMPLICIT);
    }

    // "Using variables in policies" / IAM JSON policy elements: Version: without Version 2012-10-17,
    // variables like ${aws:username} are treated as literal strings.
    @Test
    void variablesAreLiteralInA2008Policy() {
        Policy p = identity("""
                {
                  "Version": "2008-10-17",
                  "Statement": [{
                    "Effect": "Allow",
                    "Action": ["s3:GetObject", "s3:PutObject"],
                    "Resource": ["arn:aws:s3:::mybucket/${aws:username}/*"]
                  }]
                }
                """);
        assertThat(outcome(request("s3:GetObject", "arn:aws:s3:::mybucket/David/notes.txt", DAVID,
                ctx("aws:username", "David")), p)).isEqualTo(IMPLICIT);
        assertThat(outcome(request("s3:GetObject", "arn:aws:s3:::mybucket/${aws:username}/notes.txt", DAVID,
                ctx("aws:username", "David")), p)).isEqualTo(ALLOWED);
    }

    // IAM JSON policy elements: Version: a policy without Version is read as 2008-10-17, so the
    // variable is literal there too, in conditions as well as in resources.
    @Test
    void variablesAreLiteralWithoutVersion() {
        Policy p = identity("""
                {
                  "Statement": [{
                    "Effect": "Allow",
                    "Action": "s3:ListBucket",
                    "Resource": "arn:aws:s3:::mybucket",
                    "Condition": {"StringLike": {"s3:prefix": ["${aws:username}/*"]}}
                  }]
                }
                """);
        assertThat(p.version()).isEqualTo(PolicyVersion.V2008_10_17);
        assertThat(outcome(request("s3:ListBucket", "arn:aws:s3:::mybucket", DAVID,
                ctx("aws:username", "David", "s3:prefix", "David/")), p)).isEqualTo(IMPLICIT);
        assertThat(outcome(request("s3:ListBucket", "arn:aws:s3:::mybucket", DAVID,
                ctx("aws:username", "David", "s3:prefix", "${aws:username}/x")), p)).isEqualTo(ALLOWED);
    }
}
