package dev.airlock.policy;

import static dev.airlock.policy.Fixtures.allowAll;
import static dev.airlock.policy.Fixtures.ctx;
import static dev.airlock.policy.Fixtures.identity;
import static dev.airlock.policy.Fixtures.outcome;
import static dev.airlock.policy.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.policy.condition.BaseOperator;
import dev.airlock.policy.condition.ConditionOperator;
import org.junit.jupiter.api.Test;

/**
 * The condition operators, with the examples of IAM User Guide, "IAM JSON policy elements:
 * Condition operators" and the AWS global condition keys they are documented with.
 */
class ConditionOperatorsTest {

    private static final Outcome ALLOWED = Outcome.ALLOWED;
    private static final Outcome IMPLICIT = Outcome.IMPLICITLY_DENIED;
    private static final Outcome EXPLICIT = Outcome.EXPLICITLY_DENIED;

    private static final String USER_BOB = "arn:aws:iam::111122223333:user/Bob";

    // ---- String ---------------------------------------------------------------------------

    private static final String JOB_CATEGORY = """
            {
              "Version": "2012-10-17",
              "Statement": {
                "Effect": "Allow",
                "Action": "iam:*AccessKey*",
                "Resource": "arn:aws:iam::111122223333:user/*",
                "Condition": {"StringEquals": {"aws:PrincipalTag/job-category": "iamuser-admin"}}
              }
            }
            """;

    // Condition operators, "String condition operators": the principal must be tagged
    // job-category=iamuser-admin; a principal without the tag is implicitly denied (the key is absent,
    // so the values do not match).
    @Test
    void stringEqualsOnPrincipalTag() {
        Policy p = identity(JOB_CATEGORY);
        assertThat(outcome(request("iam:CreateAccessKey", USER_BOB, ctx("aws:PrincipalTag/job-category",
                "iamuser-admin")), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("iam:CreateAccessKey", USER_BOB, ctx("aws:PrincipalTag/job-category",
                "developer")), p)).isEqualTo(IMPLICIT);
        assertThat(outcome(request("iam:CreateAccessKey", USER_BOB), p)).isEqualTo(IMPLICIT);
    }

    // Condition operators: StringEquals is exact and case sensitive; StringEqualsIgnoreCase ignores case.
    @Test
    void stringEqualsIsCaseSensitiveAndIgnoreCaseIsNot() {
        Policy exact = identity(JOB_CATEGORY);
        Policy ignoreCase = identity(JOB_CATEGORY.replace("\"StringEquals\"", "\"StringEqualsIgnoreCase\""));
        var upper = ctx("aws:PrincipalTag/job-category", "IAMUser-Admin");
        assertThat(outcome(request("iam:CreateAccessKey", USER_BOB, upper), exact)).isEqualTo(IMPLICIT);
        assertThat(outcome(request("iam:CreateAccessKey", USER_BOB, upper), ignoreCase)).isEqualTo(ALLOWED);
    }

    // IAM User Guide, "Controlling access to AWS resources using tags": condition key names are not
    // case-sensitive, so ec2:ResourceTag/Owner also matches a tag written owner; values stay case
    // sensitive.
    @Test
    void conditionKeyNamesAreCaseInsensitive() {
        Policy p = identity("""
                {
                    "Version": "2012-10-17",
                    "Statement": [{
                        "Effect": "Allow",
                        "Action": ["ec2:StartInstances", "ec2:StopInstances"],
                        "Resource": "arn:aws:ec2:*:*:instance/*",
                        "Condition": {"StringEquals": {"ec2:ResourceTag/Owner": "${aws:username}"}}
                    }]
                }
                """);
        String instance = "arn:aws:ec2:us-east-1:111122223333:instance/i-1234567890abcdef0";
        String richard = "arn:aws:iam::111122223333:user/richard-roe";
        assertThat(outcome(request("ec2:StartInstances", instance, richard,
                ctx("aws:username", "richard-roe", "ec2:ResourceTag/owner", "richard-roe")), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("ec2:StartInstances", instance, richard,
                ctx("AWS:UserName", "richard-roe", "EC2:RESOURCETAG/OWNER", "richard-roe")), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("ec2:StartInstances", instance, richard,
                ctx("aws:username", "richard-roe", "ec2:ResourceTag/Owner", "Richard-Roe")), p)).isEqualTo(IMPLICIT);
    }

    // Condition operators: StringLike uses * and ? wildcards and you must specify wildcards to achieve
    // partial matches; StringEquals treats * as an ordinary character.
    @Test
    void stringLikeNeedsWildcardsAndStringEqualsHasNone() {
        Policy like = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*",
                 "Condition": {"StringLike": {"ec2:InstanceType": ["t2.*", "m?.large"]}}}}
                """);
        Policy equals = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*",
                 "Condition": {"StringEquals": {"ec2:InstanceType": "t2.*"}}}}
                """);
        Policy noWildcard = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*",
                 "Condition": {"StringLike": {"ec2:InstanceType": "t2"}}}}
                """);
        assertThat(outcome(request("ec2:RunInstances", "*", ctx("ec2:InstanceType", "t2.micro")), like)).isEqualTo(ALLOWED);
        assertThat(outcome(request("ec2:RunInstances", "*", ctx("ec2:InstanceType", "m5.large")), like)).isEqualTo(ALLOWED);
        assertThat(outcome(request("ec2:RunInstances", "*", ctx("ec2:InstanceType", "m5.xlarge")), like)).isEqualTo(IMPLICIT);
        assertThat(outcome(request("ec2:RunInstances", "*", ctx("ec2:InstanceType", "T2.micro")), like)).isEqualTo(IMPLICIT);
        assertThat(outcome(request("ec2:RunInstances", "*", ctx("ec2:InstanceType", "t2.micro")), equals)).isEqualTo(IMPLICIT);
        assertThat(outcome(request("ec2:RunInstances", "*", ctx("ec2:InstanceType", "t2.*")), equals)).isEqualTo(ALLOWED);
        assertThat(outcome(request("ec2:RunInstances", "*", ctx("ec2:InstanceType", "t2.micro")), noWildcard))
                .isEqualTo(IMPLICIT);
    }

    // Condition operators, "Important": if the key is absent the condition is false, except for
    // operators that require the key not to match (StringNotEquals, StringNotLike, ArnNotLike...),
    // which are true.
    @Test
    void negatedStringOperatorsAreTrueWhenTheKeyIsAbsent() {
        Policy deny = identity("""
                {
                  "Version": "2012-10-17",
                  "Statement": [{
                    "Effect": "Deny",
                    "Action": "*",
                    "Resource": "*",
                    "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-central-1", "eu-west-1"]}}
                  }]
                }
                """);
        Policy notLike = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "*", "Resource": "*",
                 "Condition": {"StringNotLike": {"aws:PrincipalTag/team": "platform-*"}}}}
                """);
        assertThat(outcome(request("ec2:RunInstances", "*", ctx("aws:RequestedRegion", "eu-west-1")), deny, allowAll()))
                .isEqualTo(ALLOWED);
        assertThat(outcome(request("ec2:RunInstances", "*", ctx("aws:RequestedRegion", "us-east-1")), deny, allowAll()))
                .isEqualTo(EXPLICIT);
        assertThat(outcome(request("ec2:RunInstances", "*"), deny, allowAll())).isEqualTo(EXPLICIT);
        assertThat(outcome(request("ec2:RunInstances", "*"), notLike, allowAll())).isEqualTo(EXPLICIT);
        assertThat(outcome(request("ec2:RunInstances", "*", ctx("aws:PrincipalTag/team", "platform-core")), notLike,
                allowAll())).isEqualTo(ALLOWED);
    }

    // ---- Numeric --------------------------------------------------------------------------

    // Condition operators, "Numeric condition operators": NumericLessThanEquals on s3:max-keys lets the
    // requester list up to 10 objects at a time.
    @Test
    void numericLessThanEqualsOnMaxKeys() {
        Policy p = identity("""
                {
                  "Version": "2012-10-17",
                  "Statement": {
                    "Effect": "Allow",
                    "Action": "s3:ListBucket",
                    "Resource": "arn:aws:s3:::example_bucket",
                    "Condition": {"NumericLessThanEquals": {"s3:max-keys": "10"}}
                  }
                }
                """);
        String bucket = "arn:aws:s3:::example_bucket";
        assertThat(outcome(request("s3:ListBucket", bucket, ctx("s3:max-keys", "10")), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("s3:ListBucket", bucket, ctx("s3:max-keys", "3")), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("s3:ListBucket", bucket, ctx("s3:max-keys", "11")), p)).isEqualTo(IMPLICIT);
        assertThat(outcome(request("s3:ListBucket", bucket), p)).isEqualTo(IMPLICIT);
    }

    // IAM User Guide, "AWS global condition context keys" (aws:MultiFactorAuthAge) with "Numeric
    // condition operators": allow only when MFA was used within the last hour; the key is absent for
    // long-term credentials, so those are not allowed.
    @Test
    void numericLessThanOnMultiFactorAuthAge() {
        Policy p = identity("""
                {
                  "Version": "2012-10-17",
                  "Statement": {
                    "Effect": "Allow",
                    "Action": "ec2:TerminateInstances",
                    "Resource": "*",
                    "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}
                  }
                }
                """);
        assertThat(outcome(request("ec2:TerminateInstances", "*", ctx("aws:MultiFactorAuthAge", "300")), p))
                .isEqualTo(ALLOWED);
        assertThat(outcome(request("ec2:TerminateInstances", "*", ctx("aws:MultiFactorAuthAge", "3600")), p))
                .isEqualTo(IMPLICIT);
        assertThat(outcome(request("ec2:TerminateInstances", "*", ctx("aws:MultiFactorAuthAge", "86400")), p))
                .isEqualTo(IMPLICIT);
        assertThat(outcome(request("ec2:TerminateInstances", "*"), p)).isEqualTo(IMPLICIT);
    }

    // Condition operators, "Numeric condition operators": keys are compared to an integer or decimal
    // value, so 10 and 10.0 are equal; a JSON number is accepted as the policy value.
    @Test
    void numericOperatorsCompareDecimalValues() {
        Policy p = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*",
                 "Condition": {"NumericEquals": {"s3:max-keys": 10}}}}
                """);
        assertThat(outcome(request("s3:ListBucket", "*", ctx("s3:max-keys", "10.0")), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("s3:ListBucket", "*", ctx("s3:max-keys", "10.5")), p)).isEqualTo(IMPLICIT);
        assertThat(outcome(request("s3:ListBucket", "*", ctx("s3:max-keys", "ten")), p)).isEqualTo(IMPLICIT);
    }

    // Same section: exponent notation is neither an integer nor a decimal, so a request value "1e1" is
    // not a number: it equals nothing, and so NumericNotEquals holds.
    @Test
    void exponentNotationInARequestIsNotANumber() {
        Policy equals = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*",
                 "Condition": {"NumericEquals": {"s3:max-keys": "10"}}}}
                """);
        Policy notEquals = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*",
                 "Condition": {"NumericNotEquals": {"s3:max-keys": "1"}}}}
                """);
        assertThat(outcome(request("s3:ListBucket", "*", ctx("s3:max-keys", "1e1")), equals)).isEqualTo(IMPLICIT);
        assertThat(outcome(request("s3:ListBucket", "*", ctx("s3:max-keys", "1e0")), notEquals)).isEqualTo(ALLOWED);
    }

    // ---- Date -----------------------------------------------------------------------------

    // IAM User Guide, "AWS: Allows access based on date and time" example: DateGreaterThan and
    // DateLessThan on aws:CurrentTime bound a window (both conditions must hold).
    @Test
    void dateWindowOnCurrentTime() {
        Policy p = identity("""
                {
                    "Version": "2012-10-17",
                    "Statement": [{
                        "Effect": "Allow",
                        "Action": "s3:GetObject",
                        "Resource": "*",
                        "Condition": {
                            "DateGreaterThan": {"aws:CurrentTime": "2020-04-01T00:00:00Z"},
                            "DateLessThan": {"aws:CurrentTime": "2020-06-30T23:59:59Z"}
                        }
                    }]
                }
                """);
        assertThat(outcome(request("s3:GetObject", "*", ctx("aws:CurrentTime", "2020-05-15T12:00:00Z")), p))
                .isEqualTo(ALLOWED);
        assertThat(outcome(request("s3:GetObject", "*", ctx("aws:CurrentTime", "2020-03-31T23:59:59Z")), p))
                .isEqualTo(IMPLICIT);
        assertThat(outcome(request("s3:GetObject", "*", ctx("aws:CurrentTime", "2020-07-01T00:00:00Z")), p))
                .isEqualTo(IMPLICIT);
        // Strictly greater: the first instant of the window is outside it.
        assertThat(outcome(request("s3:GetObject", "*", ctx("aws:CurrentTime", "2020-04-01T00:00:00Z")), p))
                .isEqualTo(IMPLICIT);
        assertThat(outcome(request("s3:GetObject", "*"), p)).isEqualTo(IMPLICIT);
    }

    // Condition operators, "Date condition operators": values are W3C ISO 8601 dates or epoch (UNIX)
    // time; both name the same instants (1585699200 = 2020-04-01T00:00:00Z).
    @Test
    void dateOperatorsAcceptEpochAndIsoAlike() {
        Policy epochPolicy = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
                 "Condition": {"DateGreaterThanEquals": {"aws:EpochTime": "1585699200"}}}}
                """);
        Policy isoPolicy = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
                 "Condition": {"DateLessThan": {"aws:CurrentTime": "2020-04-01"}}}}
                """);
        assertThat(outcome(request("s3:GetObject", "*", ctx("aws:EpochTime", "1585699200")), epochPolicy)).isEqualTo(ALLOWED);
        assertThat(outcome(request("s3:GetObject", "*", ctx("aws:EpochTime", "1585699199")), epochPolicy)).isEqualTo(IMPLICIT);
        assertThat(outcome(request("s3:GetObject", "*", ctx("aws:CurrentTime", "2020-03-31T23:59:59Z")), isoPolicy))
                .isEqualTo(ALLOWED);
        assertThat(outcome(request("s3:GetObject", "*", ctx("aws:CurrentTime", "2020-04-01T00:00:00Z")), isoPolicy))
                .isEqualTo(IMPLICIT);
    }

    // Condition operators, "Date condition operators": DateGreaterThan on aws:TokenIssueTime; the key
    // exists only for temporary credentials, so an IAM user with access keys is denied.
    @Test
    void dateGreaterThanOnTokenIssueTime() {
        Policy p = identity("""
                {
                  "Version": "2012-10-17",
                  "Statement": {
                    "Effect": "Allow",
                    "Action": "iam:*AccessKey*",
                    "Resource": "arn:aws:iam::111122223333:user/*",
                    "Condition": {"DateGreaterThan": {"aws:TokenIssueTime": "2020-01-01T00:00:01Z"}}
                  }
                }
                """);
        assertThat(outcome(request("iam:ListAccessKeys", USER_BOB, ctx("aws:TokenIssueTime", "2020-05-01T08:00:00Z")), p))
                .isEqualTo(ALLOWED);
        assertThat(outcome(request("iam:ListAccessKeys", USER_BOB, ctx("aws:TokenIssueTime", "2019-12-31T23:00:00Z")), p))
                .isEqualTo(IMPLICIT);
        assertThat(outcome(request("iam:ListAccessKeys", USER_BOB), p)).isEqualTo(IMPLICIT);
    }

    // ---- Bool -----------------------------------------------------------------------------

    // Condition operators, "Boolean condition operators": the BooleanExample denies all S3 actions on
    // the bucket when the request is not sent over TLS.
    @Test
    void boolDeniesRequestsWithoutSecureTransport() {
        Policy deny = identity("""
                {
                  "Version": "2012-10-17",
                  "Statement": [{
                    "Sid": "BooleanExample",
                    "Action": "s3:*",
                    "Effect": "Deny",
                    "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"],
                    "Condition": {"Bool": {"aws:SecureTransport": "false"}}
                  }]
                }
                """);
        String object = "arn:aws:s3:::amzn-s3-demo-bucket/report.pdf";
        assertThat(outcome(request("s3:GetObject", object, ctx("aws:SecureTransport", "false")), deny, allowAll()))
                .isEqualTo(EXPLICIT);
        assertThat(outcome(request("s3:GetObject", object, ctx("aws:SecureTransport", "true")), deny, allowAll()))
                .isEqualTo(ALLOWED);
        // The policy does not allow any actions by itself.
        assertThat(outcome(request("s3:GetObject", object, ctx("aws:SecureTransport", "true")), deny)).isEqualTo(IMPLICIT);
    }

    // Condition operators, "Important": for a Bool condition the absent key does not match, so a
    // Deny on aws:MultiFactorAuthPresent "false" does not catch long-term credentials (no key);
    // BoolIfExists does ("...IfExists condition operators").
    @Test
    void boolWithoutIfExistsMissesAbsentMfaKeyButBoolIfExistsCatchesIt() {
        Policy bool = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "*", "Resource": "*",
                 "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}}}
                """);
        Policy ifExists = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "*", "Resource": "*",
                 "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}}
                """);
        Request accessKeys = request("ec2:StopInstances", "*");
        Request noMfa = request("ec2:StopInstances", "*", ctx("aws:MultiFactorAuthPresent", "false"));
        Request mfa = request("ec2:StopInstances", "*", ctx("aws:MultiFactorAuthPresent", "true"));
        assertThat(outcome(accessKeys, bool, allowAll())).isEqualTo(ALLOWED);
        assertThat(outcome(noMfa, bool, allowAll())).isEqualTo(EXPLICIT);
        assertThat(outcome(accessKeys, ifExists, allowAll())).isEqualTo(EXPLICIT);
        assertThat(outcome(noMfa, ifExists, allowAll())).isEqualTo(EXPLICIT);
        assertThat(outcome(mfa, ifExists, allowAll())).isEqualTo(ALLOWED);
    }

    // IAM User Guide, "Grammar of the IAM JSON policy language": a condition value may be a string,
    // a number or a Boolean, so a JSON false is the same as "false".
    @Test
    void jsonBooleanConditionValue() {
        Policy deny = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "s3:*", "Resource": "*",
                 "Condition": {"Bool": {"aws:SecureTransport": false}}}}
                """);
        assertThat(outcome(request("s3:GetObject", "*", ctx("aws:SecureTransport", "false")), deny, allowAll()))
                .isEqualTo(EXPLICIT);
        assertThat(outcome(request("s3:GetObject", "*", ctx("aws:SecureTransport", "true")), deny, allowAll()))
                .isEqualTo(ALLOWED);
    }

    // ---- Binary ---------------------------------------------------------------------------

    // Condition operators, "Binary condition operators": BinaryEquals compares the key byte for byte
    // with the base-64 value in the policy.
    @Test
    void binaryEqualsComparesDecodedBytes() {
        Policy p = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*",
                 "Condition": {"BinaryEquals": {"key": "QmluYXJ5VmFsdWVJbkJhc2U2NA=="}}}}
                """);
        assertThat(outcome(request("dynamodb:GetItem", "*", ctx("key", "QmluYXJ5VmFsdWVJbkJhc2U2NA==")), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("dynamodb:GetItem", "*", ctx("key", "T3RoZXJWYWx1ZQ==")), p)).isEqualTo(IMPLICIT);
        assertThat(outcome(request("dynamodb:GetItem", "*"), p)).isEqualTo(IMPLICIT);
    }

    // ---- IP address -----------------------------------------------------------------------

    // Condition operators, "IP address condition operators": the request must come from 203.0.113.0
    // to 203.0.113.255.
    @Test
    void ipAddressRange() {
        Policy p = identity("""
                {
                  "Version": "2012-10-17",
                  "Statement": {
                    "Effect": "Allow",
                    "Action": "iam:*AccessKey*",
                    "Resource": "arn:aws:iam::111122223333:user/*",
                    "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}
                  }
                }
                """);
        assertThat(outcome(request("iam:ListAccessKeys", USER_BOB, ctx("aws:SourceIp", "203.0.113.0")), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("iam:ListAccessKeys", USER_BOB, ctx("aws:SourceIp", "203.0.113.255")), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("iam:ListAccessKeys", USER_BOB, ctx("aws:SourceIp", "203.0.114.1")), p)).isEqualTo(IMPLICIT);
        // Requests through a VPC endpoint carry no aws:SourceIp: the condition is false.
        assertThat(outcome(request("iam:ListAccessKeys", USER_BOB), p)).isEqualTo(IMPLICIT);
    }

    // Condition operators, "IP address condition operators": mixing IPv4 and IPv6 ranges
    // (203.0.113.0/24 and 2001:DB8:1234:5678::/64) covers both address families.
    @Test
    void ipv4AndIpv6RangesTogether() {
        Policy p = identity("""
                {
                  "Version": "2012-10-17",
                  "Statement": {
                    "Effect": "Allow",
                    "Action": "someservice:*",
                    "Resource": "*",
                    "Condition": {
                      "IpAddress": {
                        "aws:SourceIp": [
                          "203.0.113.0/24",
                          "2001:DB8:1234:5678::/64"
                        ]
                      }
                    }
                  }
                }
                """);
        assertThat(outcome(request("someservice:Do", "*", ctx("aws:SourceIp", "203.0.113.42")), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("someservice:Do", "*", ctx("aws:SourceIp", "2001:db8:1234:5678::a")), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("someservice:Do", "*",
                ctx("aws:SourceIp", "2001:0db8:1234:5678:ffff:ffff:ffff:ffff")), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("someservice:Do", "*", ctx("aws:SourceIp", "2001:db8:1234:5679::1")), p)).isEqualTo(IMPLICIT);
        assertThat(outcome(request("someservice:Do", "*", ctx("aws:SourceIp", "198.51.100.7")), p)).isEqualTo(IMPLICIT);
    }

    // Condition operators, "IP address condition operators": an address without a routing prefix
    // gets the default prefix /32.
    @Test
    void bareAddressIsASingleHost() {
        Policy p = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*",
                 "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.7"}}}}
                """);
        assertThat(outcome(request("s3:GetObject", "*", ctx("aws:SourceIp", "203.0.113.7")), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("s3:GetObject", "*", ctx("aws:SourceIp", "203.0.113.8")), p)).isEqualTo(IMPLICIT);
    }

    // Condition operators, "IP address condition operators": values are standard CIDR blocks, so
    // 0.0.0.0/0 covers every IPv4 address and ::/0 every IPv6 address, each only its own family.
    @Test
    void zeroPrefixCoversAWholeAddressFamily() {
        Policy v4 = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*",
                 "Condition": {"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}}}
                """);
        Policy v6 = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*",
                 "Condition": {"IpAddress": {"aws:SourceIp": "::/0"}}}}
                """);
        assertThat(outcome(request("s3:GetObject", "*", ctx("aws:SourceIp", "198.51.100.1")), v4)).isEqualTo(ALLOWED);
        assertThat(outcome(request("s3:GetObject", "*", ctx("aws:SourceIp", "2001:db8::1")), v4)).isEqualTo(IMPLICIT);
        assertThat(outcome(request("s3:GetObject", "*", ctx("aws:SourceIp", "2001:db8::1")), v6)).isEqualTo(ALLOWED);
        assertThat(outcome(request("s3:GetObject", "*", ctx("aws:SourceIp", "198.51.100.1")), v6)).isEqualTo(IMPLICIT);
    }

    // IAM User Guide, "AWS: Denies access to AWS based on the source IP": NotIpAddress denies calls
    // from outside 192.0.2.0/24 and 203.0.113.0/24, except calls AWS services make on the user's behalf
    // (Bool aws:ViaAWSService false); the conditions are ANDed.
    @Test
    void notIpAddressDenyExample() {
        Policy deny = identity("""
                {
                    "Version": "2012-10-17",
                    "Statement": {
                        "Effect": "Deny",
                        "Action": "*",
                        "Resource": "*",
                        "Condition": {
                            "NotIpAddress": {"aws:SourceIp": ["192.0.2.0/24", "203.0.113.0/24"]},
                            "Bool": {"aws:ViaAWSService": "false"}
                        }
                    }
                }
                """);
        assertThat(outcome(request("ec2:DescribeInstances", "*", ctx("aws:SourceIp", "198.51.100.1",
                "aws:ViaAWSService", "false")), deny, allowAll())).isEqualTo(EXPLICIT);
        assertThat(outcome(request("ec2:DescribeInstances", "*", ctx("aws:SourceIp", "192.0.2.44",
                "aws:ViaAWSService", "false")), deny, allowAll())).isEqualTo(ALLOWED);
        assertThat(outcome(request("ec2:DescribeInstances", "*", ctx("aws:SourceIp", "198.51.100.1",
                "aws:ViaAWSService", "true")), deny, allowAll())).isEqualTo(ALLOWED);
    }

    // ---- ARN ------------------------------------------------------------------------------

    // Condition operators, "Amazon Resource Name (ARN) condition operators": ArnEquals on
    // aws:SourceArn (the SQS/SNS example) matches only the named topic, case-sensitively; the key is
    // absent when a user calls directly, so the condition is false.
    @Test
    void arnEqualsMatchesOnlyTheNamedSource() {
        Policy p = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*",
                 "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-2:123456789012:TOPIC-ID"}}}}
                """);
        assertThat(outcome(request("sqs:SendMessage", "*", ctx("aws:SourceArn",
                "arn:aws:sns:us-east-2:123456789012:TOPIC-ID")), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("sqs:SendMessage", "*", ctx("aws:SourceArn",
                "arn:aws:sns:us-east-2:123456789012:OTHER-TOPIC")), p)).isEqualTo(IMPLICIT);
        assertThat(outcome(request("sqs:SendMessage", "*", ctx("aws:SourceArn",
                "arn:aws:sns:us-east-2:123456789012:topic-id")), p)).isEqualTo(IMPLICIT);
        assertThat(outcome(request("sqs:SendMessage", "*"), p)).isEqualTo(IMPLICIT);
    }

    // Condition operators, "ARN condition operators": with the pattern
    // arn:aws:someservice:*:111122223333:finance/* and the value
    // arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt,
    // StringLike matches (the first * spans colons) but ArnLike fails (each component is separate).
    @Test
    void arnLikeChecksComponentsWhereStringLikeDoesNot() {
        String pattern = "arn:aws:someservice:*:111122223333:finance/*";
        String value = "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt";
        Policy arnLike = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "someservice:*", "Resource": "*",
                 "Condition": {"ArnLike": {"aws:SourceArn": "%s"}}}}
                """.formatted(pattern));
        Policy stringLike = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "someservice:*", "Resource": "*",
                 "Condition": {"StringLike": {"aws:SourceArn": "%s"}}}}
                """.formatted(pattern));
        assertThat(outcome(request("someservice:Read", "*", ctx("aws:SourceArn", value)), stringLike)).isEqualTo(ALLOWED);
        assertThat(outcome(request("someservice:Read", "*", ctx("aws:SourceArn", value)), arnLike)).isEqualTo(IMPLICIT);
        assertThat(outcome(request("someservice:Read", "*", ctx("aws:SourceArn",
                "arn:aws:someservice:us-east-2:111122223333:finance/document.txt")), arnLike)).isEqualTo(ALLOWED);
    }

    // Condition operators, "ARN condition operators": ArnEquals and ArnLike behave identically (both
    // accept wildcards); ArnNotEquals and ArnNotLike likewise, and being negated they are true when
    // the key is absent.
    @Test
    void arnEqualsTakesWildcardsAndArnNotLikeIsTrueWhenAbsent() {
        Policy equals = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*",
                 "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:sns:*:123456789012:alerts-*"}}}}
                """);
        Policy notLike = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "sqs:SendMessage", "Resource": "*",
                 "Condition": {"ArnNotLike": {"aws:SourceArn": "arn:aws:sns:*:123456789012:*"}}}}
                """);
        assertThat(outcome(request("sqs:SendMessage", "*", ctx("aws:SourceArn",
                "arn:aws:sns:eu-west-1:123456789012:alerts-prod")), equals)).isEqualTo(ALLOWED);
        assertThat(outcome(request("sqs:SendMessage", "*"), notLike, allowAll())).isEqualTo(EXPLICIT);
        assertThat(outcome(request("sqs:SendMessage", "*", ctx("aws:SourceArn",
                "arn:aws:sns:eu-west-1:999999999999:x")), notLike, allowAll())).isEqualTo(EXPLICIT);
        assertThat(outcome(request("sqs:SendMessage", "*", ctx("aws:SourceArn",
                "arn:aws:sns:eu-west-1:123456789012:x")), notLike, allowAll())).isEqualTo(ALLOWED);
    }

    // ---- ...IfExists ----------------------------------------------------------------------

    // Condition operators, "...IfExists condition operators": the THISPOLICYDOESNOTWORK statement fails
    // for resources without ec2:InstanceType (images, key pairs...); StringLikeIfExists only tests the
    // key when it exists.
    @Test
    void stringLikeIfExistsOnInstanceType() {
        Policy broken = identity("""
                {
                  "Version": "2012-10-17",
                  "Statement": {
                    "Sid": "THISPOLICYDOESNOTWORK",
                    "Effect": "Allow",
                    "Action": "ec2:RunInstances",
                    "Resource": "*",
                    "Condition": {"StringLike": {"ec2:InstanceType": ["t1.*", "t2.*", "m3.*"]}}
                  }
                }
                """);
        Policy fixed = identity("""
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Sid": "RunInstance",
                            "Effect": "Allow",
                            "Action": "ec2:RunInstances",
                            "Resource": "*",
                            "Condition": {"StringLikeIfExists": {"ec2:InstanceType": ["t1.*", "t2.*", "m3.*"]}}
                        },
                        {
                            "Sid": "DescribeActions",
                            "Effect": "Allow",
                            "Action": ["ec2:DescribeImages", "ec2:DescribeInstances", "ec2:DescribeVpcs",
                                       "ec2:DescribeKeyPairs", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"],
                            "Resource": "*"
                        }]
                }
                """);
        String image = "arn:aws:ec2:us-east-1::image/ami-0abcdef1234567890";
        String instance = "arn:aws:ec2:us-east-1:111122223333:instance/*";
        assertThat(outcome(request("ec2:RunInstances", image), broken)).isEqualTo(IMPLICIT);
        assertThat(outcome(request("ec2:RunInstances", image), fixed)).isEqualTo(ALLOWED);
        assertThat(outcome(request("ec2:RunInstances", instance, ctx("ec2:InstanceType", "t2.micro")), fixed))
                .isEqualTo(ALLOWED);
        assertThat(outcome(request("ec2:RunInstances", instance, ctx("ec2:InstanceType", "m5.large")), fixed))
                .isEqualTo(IMPLICIT);
    }

    // Condition operators, "...IfExists condition operators": with "Effect": "Deny" and a negated
    // operator like StringNotEqualsIfExists, the request is still denied even if the tag is missing.
    @Test
    void denyWithStringNotEqualsIfExistsStillDeniesWhenTagIsMissing() {
        Policy deny = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "ec2:*", "Resource": "*",
                 "Condition": {"StringNotEqualsIfExists": {"aws:ResourceTag/project": "atlas"}}}}
                """);
        assertThat(outcome(request("ec2:StopInstances", "*"), deny, allowAll())).isEqualTo(EXPLICIT);
        assertThat(outcome(request("ec2:StopInstances", "*", ctx("aws:ResourceTag/project", "hermes")), deny, allowAll()))
                .isEqualTo(EXPLICIT);
        assertThat(outcome(request("ec2:StopInstances", "*", ctx("aws:ResourceTag/project", "atlas")), deny, allowAll()))
                .isEqualTo(ALLOWED);
    }

    // ---- Null -----------------------------------------------------------------------------

    // Condition operators, "Condition operator to check existence of condition keys": Null true on
    // aws:TokenIssueTime requires that the user is not using temporary credentials.
    @Test
    void nullTrueRequiresTheKeyToBeAbsent() {
        Policy p = identity("""
                {
                  "Version": "2012-10-17",
                  "Statement": {
                      "Action": "ec2:*",
                      "Effect": "Allow",
                      "Resource": "*",
                      "Condition": {"Null": {"aws:TokenIssueTime": "true"}}
                  }
                }
                """);
        assertThat(outcome(request("ec2:DescribeInstances", "*"), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("ec2:DescribeInstances", "*", ctx("aws:TokenIssueTime", "2024-01-01T00:00:00Z")), p))
                .isEqualTo(IMPLICIT);
    }

    // Same section: Null false means the key exists and its value is not null.
    @Test
    void nullFalseRequiresTheKeyToBePresent() {
        Policy p = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*",
                 "Condition": {"Null": {"aws:RequestTag/cost-center": "false"}}}}
                """);
        assertThat(outcome(request("ec2:CreateTags", "*", ctx("aws:RequestTag/cost-center", "cc-42")), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("ec2:CreateTags", "*"), p)).isEqualTo(IMPLICIT);
    }

    // ---- Combining ------------------------------------------------------------------------

    // IAM User Guide, "IAM JSON policy elements: Condition" (condition evaluation logic): several
    // operators or several keys are ANDed; several values for one key are ORed.
    @Test
    void keysAndOperatorsAreAndedValuesAreOred() {
        Policy p = identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "sns:Subscribe", "Resource": "*",
                 "Condition": {
                   "StringEquals": {"sns:Protocol": ["https", "email"], "aws:PrincipalTag/team": "ops"},
                   "IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}}
                """);
        assertThat(outcome(request("sns:Subscribe", "*", ctx("sns:Protocol", "email", "aws:PrincipalTag/team", "ops",
                "aws:SourceIp", "203.0.113.9")), p)).isEqualTo(ALLOWED);
        assertThat(outcome(request("sns:Subscribe", "*", ctx("sns:Protocol", "sms", "aws:PrincipalTag/team", "ops",
                "aws:SourceIp", "203.0.113.9")), p)).isEqualTo(IMPLICIT);
        assertThat(outcome(request("sns:Subscribe", "*", ctx("sns:Protocol", "https", "aws:PrincipalTag/team", "dev",
                "aws:SourceIp", "203.0.113.9")), p)).isEqualTo(IMPLICIT);
        assertThat(outcome(request("sns:Subscribe", "*", ctx("sns:Protocol", "https", "aws:PrincipalTag/team", "ops",
                "aws:SourceIp", "198.51.100.9")), p)).isEqualTo(IMPLICIT);
    }

    // Condition operators: a full operator name combines a set qualifier, a base operator and
    // IfExists; IfExists is not allowed on Null.
    @Test
    void operatorNamesParse() {
        ConditionOperator op = ConditionOperator.parse("ForAnyValue:StringLikeIfExists").orElseThrow();
        assertThat(op.base()).isEqualTo(BaseOperator.STRING_LIKE);
        assertThat(op.qualifier()).isEqualTo(ConditionOperator.SetQualifier.FOR_ANY_VALUE);
        assertThat(op.ifExists()).isTrue();
        assertThat(op.awsName()).isEqualTo("ForAnyValue:StringLikeIfExists");
        assertThat(ConditionOperator.parse("ForAllValues:ArnLike").orElseThrow().qualifier())
                .isEqualTo(ConditionOperator.SetQualifier.FOR_ALL_VALUES);
        assertThat(ConditionOperator.parse("DateLessThanEquals").orElseThrow().base())
                .isEqualTo(BaseOperator.DATE_LESS_THAN_EQUALS);
        assertThat(ConditionOperator.parse("Null")).isPresent();
        assertThat(ConditionOperator.parse("NullIfExists")).isEmpty();
        assertThat(ConditionOperator.parse("StringEqualz")).isEmpty();
        assertThat(ConditionOperator.parse("IfExists")).isEmpty();
        assertThat(BaseOperator.NOT_IP_ADDRESS.negated()).isTrue();
        assertThat(BaseOperator.IP_ADDRESS.negated()).isFalse();
    }
}
