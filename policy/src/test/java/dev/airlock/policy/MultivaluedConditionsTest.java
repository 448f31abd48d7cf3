package dev.airlock.policy;

import static dev.airlock.policy.Fixtures.allowAll;
import static dev.airlock.policy.Fixtures.identity;
import static dev.airlock.policy.Fixtures.multi;
import static dev.airlock.policy.Fixtures.outcome;
import static dev.airlock.policy.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ForAllValues / ForAnyValue. Sources: IAM User Guide, "Single-valued vs. multivalued context keys"
 * (formerly "Creating a condition with multiple context keys or values") and "Controlling access to
 * AWS resources using tags".
 */
class MultivaluedConditionsTest {

    private static final Outcome ALLOWED = Outcome.ALLOWED;
    private static final Outcome IMPLICIT = Outcome.IMPLICITLY_DENIED;
    private static final Outcome EXPLICIT = Outcome.EXPLICITLY_DENIED;

    private static final String THREAD = "arn:aws:dynamodb:us-east-2:111122223333:table/Thread";

    private static final Policy GET_ITEM = identity("""
            {
              "Version": "2012-10-17",
              "Statement": [{
                "Effect": "Allow",
                "Action": "dynamodb:GetItem",
                "Resource": "arn:aws:dynamodb:us-east-2:111122223333:table/Thread",
                "Condition": {"ForAllValues:StringLike": {"dynamodb:requestedAttributes": [
                  "PostDateTime",
                  "Message",
                  "Tags"
                ]}}
              }]
            }
            """);

    private static final Policy PUT_ITEM_DENY = identity("""
            {
              "Version": "2012-10-17",
              "Statement": [{
                "Effect": "Deny",
                "Action": "dynamodb:PutItem",
                "Resource": "arn:aws:dynamodb:us-east-2:111122223333:table/Thread",
                "Condition": {"ForAnyValue:StringLike": {"dynamodb:requestedAttributes": [
                  "ID",
                  "PostDateTime"
                ]}}
              }]
            }
            """);

    private static Request attributes(String action, String... names) {
        return request(action, THREAD, multi("dynamodb:requestedAttributes", List.of(names)));
    }

    // Multivalued context keys (DynamoDB Thread example): ForAllValues allows PostDateTime + Message,
    // both listed in the policy.
    @Test
    void forAllValuesAllowsWhenEveryRequestValueIsListed() {
        assertThat(outcome(attributes("dynamodb:GetItem", "PostDateTime", "Message"), GET_ITEM)).isEqualTo(ALLOWED);
        assertThat(outcome(attributes("dynamodb:GetItem", "Tags"), GET_ITEM)).isEqualTo(ALLOWED);
    }

    // Same example, evaluation table: for PostDateTime + UserName there is no match for UserName, so
    // the condition is false and the request is not allowed; ID alone fails as well.
    @Test
    void forAllValuesFailsWhenAnyRequestValueIsNotListed() {
        assertThat(outcome(attributes("dynamodb:GetItem", "PostDateTime", "UserName"), GET_ITEM)).isEqualTo(IMPLICIT);
        assertThat(outcome(attributes("dynamodb:GetItem", "ID"), GET_ITEM)).isEqualTo(IMPLICIT);
    }

    // Same page, ForAnyValue Deny example: a PutItem with UserName, Message and PostDateTime matches
    // on PostDateTime, so the Deny applies.
    @Test
    void forAnyValueDenyMatchesOnOneListedValue() {
        assertThat(outcome(attributes("dynamodb:PutItem", "UserName", "Message", "PostDateTime"), PUT_ITEM_DENY,
                allowAll())).isEqualTo(EXPLICIT);
    }

    // Same example: a PutItem with just UserName matches none of ID, PostDateTime; the Deny does not
    // apply (and the request still needs an Allow elsewhere).
    @Test
    void forAnyValueDenyIgnoresRequestsWithoutListedValues() {
        assertThat(outcome(attributes("dynamodb:PutItem", "UserName"), PUT_ITEM_DENY, allowAll())).isEqualTo(ALLOWED);
        assertThat(outcome(attributes("dynamodb:PutItem", "UserName"), PUT_ITEM_DENY)).isEqualTo(IMPLICIT);
    }

    // Multivalued context keys: ForAllValues also returns true if the key is not in the request or
    // its values resolve to an empty data set; ForAnyValue returns false in those cases.
    @Test
    void absentOrEmptyKeyIsTrueForAllValuesAndFalseForAnyValue() {
        assertThat(outcome(request("dynamodb:GetItem", THREAD), GET_ITEM)).isEqualTo(ALLOWED);
        assertThat(outcome(attributes("dynamodb:GetItem"), GET_ITEM)).isEqualTo(ALLOWED);
        assertThat(outcome(request("dynamodb:PutItem", THREAD), PUT_ITEM_DENY, allowAll())).isEqualTo(ALLOWED);
        assertThat(outcome(attributes("dynamodb:PutItem"), PUT_ITEM_DENY, allowAll())).isEqualTo(ALLOWED);
    }

    // Same page: with no matching context key ForAnyValue returns false, and IfExists does not change
    // that (the set operator's rule for a missing key decides; the ...IfExists rule of "Condition
    // operators" is for single-valued keys). A public report against real AWS (re:Post,
    // "ForAnyValue:StringEqualsIfExists behaving unexpectedly": sqs:ListQueues, which carries no
    // aws:TagKeys, was denied) agrees. ForAllValues stays true.
    @Test
    void ifExistsDoesNotMakeForAnyValueTrueForAMissingKey() {
        for (String op : List.of("ForAnyValue:StringEqualsIfExists", "ForAnyValue:StringNotEqualsIfExists",
                "ForAnyValue:StringLikeIfExists")) {
            Policy p = identity("""
                    {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "sqs:*", "Resource": "*",
                     "Condition": {"%s": {"aws:TagKeys": ["team"]}}}}
                    """.formatted(op));
            assertThat(outcome(request("sqs:ListQueues", "*"), p)).as(op).isEqualTo(IMPLICIT);
        }
        Policy all = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "sqs:*", "Resource": "*",
                 "Condition": {"ForAllValues:StringEqualsIfExists": {"aws:TagKeys": ["team"]}}}}
                """);
        assertThat(outcome(request("sqs:ListQueues", "*"), all)).isEqualTo(ALLOWED);
    }

    // Same page: "Multivalued context keys require a condition set operator." A plain operator compares
    // one value, and a set (even of one value, or none) is not one: the condition does not match, for
    // the negated operators too. The reference evaluator answers the same, which its authors report
    // AWS confirmed. Only an absent key keeps the plain operators' rule (negated and IfExists true).
    @Test
    void plainOperatorsNeverMatchAMultivaluedKey() {
        for (String condition : List.of("\"StringEquals\": {\"aws:TagKeys\": \"env\"}",
                "\"StringLike\": {\"aws:TagKeys\": \"*\"}", "\"StringNotEquals\": {\"aws:TagKeys\": \"team\"}",
                "\"StringNotLike\": {\"aws:TagKeys\": \"x*\"}", "\"StringEqualsIfExists\": {\"aws:TagKeys\": \"env\"}")) {
            Policy p = identity("""
                    {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*",
                     "Condition": {%s}}}
                    """.formatted(condition));
            for (List<String> keys : List.of(List.of("env"), List.of("env", "cost"), List.<String>of())) {
                assertThat(outcome(request("ec2:CreateTags", "*", multi("aws:TagKeys", keys)), p))
                        .as(condition + " with " + keys).isEqualTo(IMPLICIT);
            }
        }
        Policy notEquals = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*",
                 "Condition": {"StringNotEquals": {"aws:TagKeys": "team"}}}}
                """);
        assertThat(outcome(request("ec2:CreateTags", "*"), notEquals)).isEqualTo(ALLOWED);
    }

    // "Single-valued vs. multivalued context keys" (key points): a multivalued context key cannot be a
    // policy variable, even when the request carries one value for it.
    @Test
    void aMultivaluedKeyIsNoPolicyVariable() {
        Policy p = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject",
                 "Resource": "arn:aws:s3:::b/${aws:TagKeys}/*"}}
                """);
        assertThat(outcome(request("s3:GetObject", "arn:aws:s3:::b/env/x", multi("aws:TagKeys", List.of("env"))), p))
                .isEqualTo(IMPLICIT);
        assertThat(outcome(request("s3:GetObject", "arn:aws:s3:::b/env/x",
                RequestContext.of(java.util.Map.of("aws:TagKeys", List.of("env")))), p)).isEqualTo(ALLOWED);
    }

    // Multivalued context keys: use caution with ForAllValues and Allow; include the Null condition
    // operator with false to require that the key exists.
    @Test
    void nullFalseClosesTheForAllValuesGap() {
        Policy p = identity("""
                {
                  "Version": "2012-10-17",
                  "Statement": {
                    "Effect": "Allow",
                    "Action": ["secretsmanager:CreateSecret", "secretsmanager:TagResource"],
                    "Resource": "*",
                    "Condition": {
                      "ForAllValues:StringEquals": {"aws:TagKeys": ["environment", "cost-center"]},
                      "Null": {"aws:TagKeys": "false"}
                    }
                  }
                }
                """);
        assertThat(outcome(request("secretsmanager:TagResource", "*"), p)).isEqualTo(IMPLICIT);
        assertThat(outcome(request("secretsmanager:TagResource", "*", multi("aws:TagKeys", List.of("environment"))), p))
                .isEqualTo(ALLOWED);
    }

    // IAM User Guide, "Controlling access to AWS resources using tags" (controlling tag keys): create
    // and tag a Secrets Manager secret only with the tag keys environment or cost-center.
    @Test
    void tagKeysRestrictedToAnAllowList() {
        Policy p = identity("""
                {
                    "Version": "2012-10-17",
                    "Statement": {
                        "Effect": "Allow",
                        "Action": [
                            "secretsmanager:CreateSecret",
                            "secretsmanager:TagResource"
                        ],
                        "Resource": "*",
                        "Condition": {
                            "ForAllValues:StringEquals": {
                                "aws:TagKeys": [
                                    "environment",
                                    "cost-center"
                                ]
                            }
                        }
                    }
                }
                """);
        assertThat(outcome(request("secretsmanager:CreateSecret", "*",
                multi("aws:TagKeys", List.of("environment", "cost-center"))), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("secretsmanager:CreateSecret", "*",
                multi("aws:TagKeys", List.of("cost-center"))), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("secretsmanager:CreateSecret", "*",
                multi("aws:TagKeys", List.of("environment", "owner"))), p)).isEqualTo(IMPLICIT);
    }

    // IAM User Guide, "Controlling access to AWS resources using tags" (controlling access to
    // requests): CreateTags is allowed only with the environment key set to preprod or production;
    // ForAllValues on aws:TagKeys stops a second key such as "Environment" (StringEquals is case
    // sensitive on values).
    @Test
    void requestTagValueAndTagKeyTogether() {
        Policy p = identity("""
                {
                    "Version": "2012-10-17",
                    "Statement": {
                        "Effect": "Allow",
                        "Action": "ec2:CreateTags",
                        "Resource": "arn:aws:ec2:*:*:instance/*",
                        "Condition": {
                            "StringEquals": {
                                "aws:RequestTag/environment": [
                                    "preprod",
                                    "production"
                                ]
                            },
                            "ForAllValues:StringEquals": {"aws:TagKeys": "environment"}
                        }
                    }
                }
                """);
        String instance = "arn:aws:ec2:us-east-1:111122223333:instance/i-1234567890abcdef0";
        assertThat(outcome(request("ec2:CreateTags", instance, multi("aws:TagKeys", List.of("environment"),
                "aws:RequestTag/environment", "preprod")), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("ec2:CreateTags", instance, multi("aws:TagKeys", List.of("environment", "Environment"),
                "aws:RequestTag/environment", "production")), p)).isEqualTo(IMPLICIT);
        assertThat(outcome(request("ec2:CreateTags", instance, multi("aws:TagKeys", List.of("environment"),
                "aws:RequestTag/environment", "dev")), p)).isEqualTo(IMPLICIT);
    }

    // Multivalued context keys: with ForAnyValue a single matching pair among all request/policy
    // combinations is enough (the six-combination table).
    @Test
    void forAnyValueAllowWithStringLikeWildcards() {
        Policy p = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*",
                 "Condition": {"ForAnyValue:StringLike": {"aws:TagKeys": ["cost-*", "owner"]}}}}
                """);
        assertThat(outcome(request("ec2:CreateTags", "*", multi("aws:TagKeys", List.of("env", "cost-center"))), p))
                .isEqualTo(ALLOWED);
        assertThat(outcome(request("ec2:CreateTags", "*", multi("aws:TagKeys", List.of("env", "Owner"))), p))
                .isEqualTo(IMPLICIT);
    }
}
