package dev.airlock.callmap;

import static dev.airlock.callmap.Calls.s3;
import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.callmap.CallAuthorizer.Verdict;
import dev.airlock.callmap.CallMapping.Mapped;
import dev.airlock.policy.Evaluator;
import dev.airlock.policy.Policy;
import dev.airlock.policy.PolicyKind;
import dev.airlock.policy.PolicySet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mapped calls decided by the policy engine, as the endpoint will. */
class PolicyIntegrationTest {

    static final String HOST = "s3.us-east-1.amazonaws.com";

    static final String IDENTITY = """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": ["s3:*", "secretsmanager:*"], "Resource": "*"}]}""";

    /** The session is scoped to reports/: read objects there, list only with that prefix. */
    static final String SESSION = """
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "ReadReports", "Effect": "Allow", "Action": "s3:GetObject",
               "Resource": "arn:aws:s3:::b/reports/*"},
              {"Sid": "ListReports", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b",
               "Condition": {"StringLike": {"s3:prefix": "reports/*"}}}]}""";

    static PolicySet policies(String session) throws Exception {
        return PolicySet.builder()
                .identity(Policy.parse("agent-role", PolicyKind.IDENTITY, IDENTITY))
                .session(Policy.parse("session", PolicyKind.SESSION, session))
                .build();
    }

    static Verdict decide(Calls.Req request, String session) throws Exception {
        return CallAuthorizer.authorize(request.map(), policies(session), Calls.PRINCIPAL);
    }

    @ParameterizedTest(name = "list-type=2&{0} -> {1}")
    @CsvSource({
        "prefix=reports%2F&delimiter=%2F,           true",
        "prefix=reports%2F2024%2Fq1,                true",
        "prefix=secret%2F,                          false",
        "prefix=,                                   false",
        "delimiter=%2F,                             false",
        "prefix=report,                             false"})
    void prefixScopedListing(String query, boolean allowed) throws Exception {
        Verdict v = decide(s3(HOST).path("/b").query("list-type=2&" + query), SESSION);
        assertThat(v.allowed()).as(v.summary()).isEqualTo(allowed);
        // The engine alone agrees: the mapping, not the authorizer's extra checks, decides here.
        Mapped m = (Mapped) s3(HOST).path("/b").query("list-type=2&" + query).map();
        assertThat(Evaluator.evaluate(policies(SESSION), m.toRequests(Calls.PRINCIPAL).get(0)).allowed())
                .isEqualTo(allowed);
    }

    @Test
    void virtualHostedListingIsDecidedTheSameWay() throws Exception {
        assertThat(decide(s3("b.s3.us-east-1.amazonaws.com").path("/").query("list-type=2&prefix=reports%2F"),
                SESSION).allowed()).isTrue();
        assertThat(decide(s3("b.s3.us-east-1.amazonaws.com").path("/").query("list-type=2&prefix=hr%2F"),
                SESSION).allowed()).isFalse();
    }

    @ParameterizedTest(name = "{0} {1}?{2} -> {3}")
    @CsvSource(delimiter = '|', value = {
        "GET    | /b/reports/q1.csv |        | true",
        "HEAD   | /b/reports/q1.csv |        | true",
        "GET    | /b/secret/keys    |        | false",
        "GET    | /b/reports/q1.csv | tagging | false",
        "PUT    | /b/reports/new    |        | false",
        "DELETE | /b/reports/q1.csv |        | false",
        "GET    | /                 |        | false"})
    void objectAccessFollowsTheSessionPolicy(String method, String path, String query, boolean allowed)
            throws Exception {
        Verdict v = decide(s3(HOST).method(method.trim()).path(path.trim()).query(query == null ? "" : query.trim()),
                SESSION);
        assertThat(v.allowed()).as(v.summary()).isEqualTo(allowed);
    }

    @Test
    void aCopyNeedsBothItsReadAndItsWrite() throws Exception {
        Verdict v = decide(s3(HOST).method("PUT").path("/b/reports/copy").header("x-amz-copy-source", "b/reports/a"),
                SESSION);
        assertThat(v.allowed()).isFalse();
        assertThat(v.parts().get(0).allowed()).isTrue(); // GetObject on the source
        assertThat(v.parts().get(1).allowed()).isFalse(); // PutObject on the destination
    }

    @Test
    void aBatchDeleteIsDeniedIfAnyKeyIs() throws Exception {
        String session = """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:DeleteObject",
                  "Resource": "arn:aws:s3:::b/scratch/*"}]}""";
        String inside = "<Delete><Object><Key>scratch/a</Key></Object><Object><Key>scratch/b</Key></Object></Delete>";
        String outside = "<Delete><Object><Key>scratch/a</Key></Object><Object><Key>reports/q1</Key></Object></Delete>";
        assertThat(decide(s3(HOST).method("POST").path("/b").query("delete").body(inside), session).allowed()).isTrue();
        assertThat(decide(s3(HOST).method("POST").path("/b").query("delete").body(outside), session).allowed())
                .isFalse();
    }

    @Test
    void oneStatementWithIfExistsWouldLeakTheWholeBucketListing() throws Exception {
        // Why the session policy above uses two statements: with one statement for both actions the
        // prefix condition must tolerate GetObject (which has no s3:prefix), and then it tolerates a
        // listing without a prefix too.
        String single = """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                  "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::b/reports/*", "arn:aws:s3:::b"],
                  "Condition": {"StringLikeIfExists": {"s3:prefix": "reports/*"}}}]}""";
        assertThat(decide(s3(HOST).path("/b").query("list-type=2&prefix=reports%2F"), single).allowed()).isTrue();
        assertThat(decide(s3(HOST).path("/b").query("list-type=2&prefix=secret%2F"), single).allowed()).isFalse();
        assertThat(decide(s3(HOST).path("/b/reports/q1.csv"), single).allowed()).isTrue();
        assertThat(decide(s3(HOST).path("/b").query("list-type=2"), single).allowed()).isTrue(); // the leak
    }

    @Test
    void unmappedCallsAreDenied() throws Exception {
        Verdict v = decide(s3(HOST).path("/b").query("foo"), SESSION);
        assertThat(v.allowed()).isFalse();
        assertThat(v.summary()).contains("cannot be mapped");
    }

    @Test
    void aConditionOnAKeyTheMappingCannotKnowFailsClosed() throws Exception {
        // The engine alone would allow: the Deny's key is absent from the mapped request.
        String session = """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
                  {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*",
                   "Condition": {"StringEquals": {"s3:ExistingObjectTag/classification": "secret"}}}]}""";
        Calls.Req get = s3(HOST).path("/b/reports/q1.csv");
        Mapped m = (Mapped) get.map();
        assertThat(Evaluator.evaluate(policies(session), m.toRequests(Calls.PRINCIPAL).get(0)).allowed()).isTrue();
        Verdict v = decide(get, session);
        assertThat(v.allowed()).isFalse();
        assertThat(v.summary()).contains("s3:ExistingObjectTag/classification");
    }

    @Test
    void aDenyThatMayMatchTheRealSecretArnFailsClosed() throws Exception {
        String denyDb = """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "*"},
                  {"Effect": "Deny", "Action": "secretsmanager:GetSecretValue",
                   "Resource": "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf"}]}""";
        String denyOther = denyDb.replace("prod/db-AbCdEf", "other-AbCdEf");
        Calls.Req byName = Calls.json("secretsmanager", "secretsmanager.us-east-1.amazonaws.com",
                "secretsmanager.GetSecretValue", "{\"SecretId\":\"prod/db\"}");
        assertThat(decide(byName, denyDb).allowed()).isFalse();
        assertThat(decide(byName, denyOther).allowed()).isTrue();
    }

    @Test
    void globsIntersect() {
        assertThat(CallAuthorizer.globsIntersect("secret:db-AbCdEf", "secret:db-??????")).isTrue();
        assertThat(CallAuthorizer.globsIntersect("secret:db-*", "secret:db-??????")).isTrue();
        assertThat(CallAuthorizer.globsIntersect("secret:db-AbCdEfG", "secret:db-??????")).isFalse();
        assertThat(CallAuthorizer.globsIntersect("secret:other-*", "secret:db-??????")).isFalse();
        assertThat(CallAuthorizer.globsIntersect("*", "x")).isTrue();
    }
}
