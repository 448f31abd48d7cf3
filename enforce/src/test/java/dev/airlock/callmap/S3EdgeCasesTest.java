package dev.airlock.callmap;

import static dev.airlock.callmap.Calls.parts;
import static dev.airlock.callmap.Calls.s3;
import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.callmap.CallMapping.Mapped;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** S3 requests beyond the operation table: addressing, encoding, signing, refusals. */
class S3EdgeCasesTest {

    static final String HOST = "s3.us-east-1.amazonaws.com";

    @Test
    void presignedUrlIsAuthorisedAsQueryStringAuthWithItsSignatureAge() {
        Mapped m = s3(HOST).noHeader("Authorization").noHeader("X-Amz-Date").noHeader("x-amz-content-sha256")
                .path("/b/reports/q1.csv")
                .query("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20250601%2Fus-east-1%2Fs3"
                        + "%2Faws4_request&X-Amz-Date=20250601T115500Z&X-Amz-Expires=3600"
                        + "&X-Amz-SignedHeaders=host&X-Amz-Signature=" + "a".repeat(64))
                .mapped();
        assertThat(parts(m)).containsExactly("s3:GetObject arn:aws:s3:::b/reports/q1.csv");
        assertThat(Calls.keys(m, 0)).containsEntry("s3:authType", List.of("REST-QUERY-STRING"))
                .containsEntry("s3:signatureAge", List.of("300000"))
                .doesNotContainKey("s3:x-amz-content-sha256");
        assertThat(m.parts().get(0).undeterminedKeys()).contains("s3:x-amz-content-sha256");
    }

    @Test
    void headerSignedRequestHasNoSignatureAge() {
        Mapped m = s3(HOST).path("/b/k").mapped();
        assertThat(Calls.keys(m, 0)).doesNotContainKey("s3:signatureAge");
        assertThat(m.parts().get(0).undeterminedKeys()).doesNotContain("s3:signatureAge");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/b/a%2Fb%20c%3F%23%25.txt | arn:aws:s3:::b/a/b c?#%.txt",
        "/b/dir/%E2%9C%93.txt      | arn:aws:s3:::b/dir/✓.txt",
        "/b/a+b                    | arn:aws:s3:::b/a+b",
        "/b//leading-slash         | arn:aws:s3:::b//leading-slash",
        "/b/../x                   | arn:aws:s3:::b/../x",
        "/b/trailing/              | arn:aws:s3:::b/trailing/"})
    void keysAreDecodedExactlyOnceAndNeverNormalised(String path, String arn) {
        assertThat(parts(s3(HOST).path(path).mapped())).containsExactly("s3:GetObject " + arn);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "my.bucket.s3.us-east-1.amazonaws.com      | /k | arn:aws:s3:::my.bucket/k",
        "b.s3.dualstack.us-west-2.amazonaws.com    | /k | arn:aws:s3:::b/k",
        "b.s3-us-west-2.amazonaws.com              | /k | arn:aws:s3:::b/k",
        "s3-us-west-2.amazonaws.com                | /b/k | arn:aws:s3:::b/k",
        "b.s3-accelerate.amazonaws.com             | /k | arn:aws:s3:::b/k",
        "B.S3.US-EAST-1.AMAZONAWS.COM:443          | /k | arn:aws:s3:::b/k",
        "localhost:9000                            | /b/k | arn:aws:s3:::b/k",
        "[::1]:9000                                | /b/k | arn:aws:s3:::b/k"})
    void addressingStyles(String host, String path, String arn) {
        assertThat(parts(s3(host).path(path).mapped())).containsExactly("s3:GetObject " + arn);
    }

    @Test
    void cnPartitionArns() {
        Calls.Req r = s3("b.s3.cn-north-1.amazonaws.com.cn").path("/k");
        r.header("Authorization", Calls.authorization("s3", "cn-north-1"));
        CallMapping m = Calls.MAPPER.map(r.view(), CallContext.of(Calls.NOW, "10.0.0.1", true,
                java.util.Optional.empty(), "aws-cn", Calls.ACCOUNT, "arn:aws-cn:iam::111122223333:user/a"));
        assertThat(parts((Mapped) m)).containsExactly("s3:GetObject arn:aws-cn:s3:::b/k");
        assertThat(((Mapped) m).parts().get(0).undeterminedKeys()).contains("s3:TlsVersion");
        assertThat(((Mapped) m).globalKeys()).containsEntry("aws:RequestedRegion", List.of("cn-north-1"))
                .containsEntry("aws:PrincipalType", List.of("User"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo", "acl&tagging", "list-type=1", "x-id=PutObject", "prefix=a&prefix=b", "prefix=a+b",
        "X-Amz-Signature=abc", "select&select-type=1"})
    void unknownOrAmbiguousQueriesAreRefused(String query) {
        assertThat(s3(HOST).path("/b").query(query).unmapped()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo", "versions", "uploads&uploadId=x", "location", "delete", "uploadId=x&x=1",
        "response-content-type=text%2Fplain&x=1"})
    void unknownSubresourcesOfObjectsAreRefused(String query) {
        assertThat(s3(HOST).path("/b/k").query(query).unmapped()).isNotBlank();
    }

    @Test
    void xIdNamingTheOperationIsAccepted() {
        assertThat(parts(s3(HOST).path("/b/k").query("x-id=GetObject").mapped()))
                .containsExactly("s3:GetObject arn:aws:s3:::b/k");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "GET    | /b/%zz",
        "GET    | /b/%C3%28",
        "GET    | /bad bucket!/k",
        "PUT    | /",
        "DELETE | /",
        "PATCH  | /b/k",
        "POST   | /b/k",
        "POST   | /b"})
    void malformedOrUnknownRequestsAreRefused(String method, String path) {
        assertThat(s3(HOST).method(method.trim()).path(path.trim()).unmapped()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ap-111122223333.s3-accesspoint.us-east-1.amazonaws.com",
        "111122223333.s3-control.us-east-1.amazonaws.com", "b.s3-object-lambda.us-east-1.amazonaws.com",
        "b--use1-az4--x-s3.s3express-use1-az4.us-east-1.amazonaws.com", "dynamodb.us-east-1.amazonaws.com"})
    void otherS3AndAwsEndpointsAreRefused(String host) {
        assertThat(s3(host).path("/k").unmapped()).isNotBlank();
    }

    @Test
    void s3ControlRequestsAreRefused() {
        assertThat(s3("127.0.0.1:8443").path("/v20180820/accesspoint").header("x-amz-account-id", "111122223333")
                .unmapped()).contains("S3 Control");
    }

    @Test
    void unsignedSigV2AndDoublySignedRequestsAreRefused() {
        assertThat(s3(HOST).noHeader("Authorization").path("/b/k").unmapped()).contains("not signed");
        assertThat(s3(HOST).header("Authorization", "AWS AKIDEXAMPLE:c2lnbmF0dXJl").path("/b/k").unmapped())
                .contains("not supported");
        assertThat(s3(HOST).path("/b/k").query("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20250601"
                + "%2Fus-east-1%2Fs3%2Faws4_request").unmapped()).contains("both");
    }

    @Test
    void regionComesFromTheCredentialScope() {
        Mapped m = s3("b.s3.eu-west-1.amazonaws.com").header("Authorization", Calls.authorization("s3", "eu-west-1"))
                .path("/k").mapped();
        assertThat(m.globalKeys()).containsEntry("aws:RequestedRegion", List.of("eu-west-1"));
    }

    @Test
    void deleteObjectsAuthorisesEveryKeyInTheBody() {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Quiet>true</Quiet>"
                + "<Object><Key> spaced key </Key></Object>"
                + "<Object><Key>a&amp;b&lt;c</Key></Object>"
                + "<Object><Key>reports/x</Key><VersionId>v7</VersionId></Object>"
                + "<Object><Key>reports/x</Key><VersionId>v7</VersionId></Object>"
                + "</Delete>";
        Mapped m = s3(HOST).method("POST").path("/b").query("delete")
                .header("x-amz-bypass-governance-retention", "true").body(body).mapped();
        assertThat(parts(m)).containsExactly(
                "s3:DeleteObject arn:aws:s3:::b/ spaced key ",
                "s3:BypassGovernanceRetention arn:aws:s3:::b/ spaced key ",
                "s3:DeleteObject arn:aws:s3:::b/a&b<c",
                "s3:BypassGovernanceRetention arn:aws:s3:::b/a&b<c",
                "s3:DeleteObjectVersion arn:aws:s3:::b/reports/x",
                "s3:BypassGovernanceRetention arn:aws:s3:::b/reports/x");
        assertThat(Calls.keys(m, 4)).containsEntry("s3:versionid", List.of("v7"));
        assertThat(m.operation()).isEqualTo("DeleteObjects");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not xml", "<Delete></Delete>", "<Delete><Object><VersionId>v</VersionId></Object></Delete>",
        "<Tagging/>", "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x \"y\">]><Delete><Object><Key>&x;</Key></Object></Delete>",
        "<Delete><Object><Key>a</Key><Key>b</Key></Object></Delete>"})
    void malformedDeleteBodiesAreRefused(String body) {
        assertThat(s3(HOST).method("POST").path("/b").query("delete").body(body).unmapped()).isNotBlank();
    }

    @Test
    void tooManyKeysToDeleteAreRefused() {
        StringBuilder body = new StringBuilder("<Delete>");
        for (int i = 0; i <= 1000; i++) {
            body.append("<Object><Key>k").append(i).append("</Key></Object>");
        }
        body.append("</Delete>");
        assertThat(s3(HOST).method("POST").path("/b").query("delete").body(body.toString()).unmapped())
                .contains("more than 1000");
    }

    @Test
    void bodyAuthorisedOperationsWithoutTheirBodyAreRefused() {
        HttpRequestView v = s3(HOST).method("POST").path("/b").query("delete").view();
        assertThat(Calls.MAPPER.needsBody(v)).isTrue();
        assertThat(Calls.MAPPER.map(v, Calls.context())).isInstanceOf(CallMapping.Unmapped.class);
        assertThat(Calls.MAPPER.needsBody(s3(HOST).method("PUT").path("/b/k").view())).isFalse();
        assertThat(Calls.MAPPER.needsBody(s3(HOST).method("GET").path("/b/k").view())).isFalse();
    }

    @Test
    void oversizedBodiesAreRefused() {
        HttpRequestView v = s3(HOST).method("POST").path("/b").query("delete").view()
                .withBody(new byte[RpcMapper.MAX_BODY + 1]);
        assertThat(Calls.MAPPER.map(v, Calls.context())).isInstanceOf(CallMapping.Unmapped.class);
    }

    @Test
    void expectedBucketOwnerPinsTheResourceAccount() {
        Mapped m = s3(HOST).path("/b/k").header("x-amz-expected-bucket-owner", "444455556666").mapped();
        assertThat(Calls.keys(m, 0)).containsEntry("s3:ResourceAccount", List.of("444455556666"))
                .containsEntry("aws:ResourceAccount", List.of("444455556666"));
        assertThat(m.parts().get(0).undeterminedKeys()).doesNotContain("aws:ResourceAccount", "s3:ResourceAccount");
        assertThat(m.toRequests(Calls.PRINCIPAL).get(0).resourceAccount()).contains("444455556666");
    }

    @Test
    void resourceStateKeysAreReportedAsUndetermined() {
        IamRequestPart p = s3(HOST).path("/b/k").mapped().parts().get(0);
        assertThat(p.undeterminedKeys()).contains("s3:ExistingObjectTag/<key>", "aws:ResourceTag/${TagKey}",
                "s3:BucketTag/${TagKey}", "s3:ResourceAccount", "aws:ResourceAccount", "aws:ResourceOrgID")
                .doesNotContain("s3:authType", "s3:DataAccessPointArn", "s3:AccessGrantsInstanceArn");
    }

    @Test
    void copySourceKeyIsTheDecodedSourceAndRefusesOddSources() {
        Mapped m = s3(HOST).method("PUT").path("/b/dst").header("x-amz-copy-source", "src%2Fbucket/a%2Bb").mapped();
        assertThat(parts(m)).containsExactly("s3:GetObject arn:aws:s3:::src/bucket/a+b",
                "s3:PutObject arn:aws:s3:::b/dst");
        assertThat(Calls.keys(m, 1)).containsEntry("s3:x-amz-copy-source", List.of("src/bucket/a+b"));
        for (String bad : List.of("arn:aws:s3:us-east-1:111122223333:accesspoint/ap/object/k", "onlybucket",
                "b/k?foo=1", "/b/")) {
            assertThat(s3(HOST).method("PUT").path("/b/dst").header("x-amz-copy-source", bad).unmapped())
                    .as(bad).isNotBlank();
        }
        assertThat(s3(HOST).path("/b/k").header("x-amz-copy-source", "src/a").unmapped()).contains("copy-source");
    }

    @Test
    void copyWithTaggingAndAclNeedsThoseWritesToo() {
        Mapped m = s3(HOST).method("PUT").path("/b/dst").header("x-amz-copy-source", "src/a")
                .header("x-amz-tagging-directive", "REPLACE").header("x-amz-tagging", "a=1")
                .header("x-amz-grant-read", "id=abc").mapped();
        assertThat(parts(m)).containsExactly("s3:GetObject arn:aws:s3:::src/a", "s3:PutObject arn:aws:s3:::b/dst",
                "s3:PutObjectAcl arn:aws:s3:::b/dst", "s3:PutObjectTagging arn:aws:s3:::b/dst");
        assertThat(Calls.keys(m, 2)).containsEntry("s3:x-amz-grant-read", List.of("id=abc"));
        assertThat(Calls.keys(m, 3)).containsEntry("s3:RequestObjectTag/a", List.of("1"));
    }

    @Test
    void ambiguousTaggingHeadersAreRefused() {
        assertThat(s3(HOST).method("PUT").path("/b/k").header("x-amz-tagging", "a=1&a=2").unmapped()).isNotBlank();
        assertThat(s3(HOST).method("PUT").path("/b/k").header("x-amz-tagging", "a=1&A=2").unmapped()).isNotBlank();
        assertThat(s3(HOST).method("PUT").path("/b/k").header("x-amz-tagging", "a=x+y").unmapped()).isNotBlank();
    }

    @Test
    void globalKeysDescribeTheCallAndPrincipal() {
        Mapped m = s3(HOST).path("/b/k").header("User-Agent", "aws-cli/2.17").mapped();
        assertThat(m.globalKeys()).containsEntry("aws:CurrentTime", List.of("2025-06-01T12:00:00Z"))
                .containsEntry("aws:EpochTime", List.of("1748779200"))
                .containsEntry("aws:SourceIp", List.of("198.51.100.7"))
                .containsEntry("aws:PrincipalArn", List.of(Calls.PRINCIPAL))
                .containsEntry("aws:PrincipalAccount", List.of(Calls.ACCOUNT))
                .containsEntry("aws:PrincipalType", List.of("AssumedRole"))
                .containsEntry("aws:UserAgent", List.of("aws-cli/2.17"))
                .containsEntry("aws:ViaAWSService", List.of("false"));
    }
}
