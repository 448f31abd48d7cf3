package dev.airlock.callmap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.callmap.CallMapping.Mapped;
import dev.airlock.catalog.ActionCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every S3 operation the mapper knows, each sent path-style and virtual-hosted style (AWS Regional
 * and global endpoints, the endpoint's own host, and a configured virtual-host base), asserting
 * operation, actions, resources and the operation's own condition keys.
 */
class S3OperationTableTest {

    /** How a request addresses its bucket. */
    enum Style {
        PATH_REGIONAL("s3.us-east-1.amazonaws.com", false),
        PATH_CUSTOM("127.0.0.1:8443", false),
        VIRTUAL_REGIONAL("s3.us-east-1.amazonaws.com", true),
        VIRTUAL_GLOBAL("s3.amazonaws.com", true),
        VIRTUAL_CUSTOM("airlock.localhost:8443", true);

        final String base;
        final boolean virtual;

        Style(String base, boolean virtual) {
            this.base = base;
            this.virtual = virtual;
        }
    }

    /**
     * One row: a request to bucket {@code b} (null: no bucket) and raw key (null: the bucket
     * itself), with what it must map to.
     */
    record Case(String operation, String method, String bucket, String rawKey, String query,
            Map<String, String> headers, String body, List<String> parts, Map<String, List<String>> keys) {
        @Override
        public String toString() {
            return operation + " " + method + (rawKey == null ? "" : " /" + rawKey) + (query.isEmpty() ? "" : "?" + query);
        }
    }

    static final String B = "arn:aws:s3:::b";
    static final String K = "arn:aws:s3:::b/reports/q1.csv";

    static List<Case> cases() {
        List<Case> t = new ArrayList<>();
        t.add(c("ListBuckets", "GET", null, null, "", Map.of(), null, List.of("s3:ListAllMyBuckets *"), Map.of()));

        // Buckets.
        t.add(c("CreateBucket", "PUT", "b", null, "", Map.of("x-amz-acl", "private"),
                "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                        + "<LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>",
                List.of("s3:CreateBucket " + B, "s3:PutBucketAcl " + B),
                Map.of("s3:locationconstraint", List.of("eu-west-1"), "s3:x-amz-acl", List.of("private"))));
        t.add(c("CreateBucket", "PUT", "b", null, "", Map.of("x-amz-bucket-object-lock-enabled", "true",
                "x-amz-object-ownership", "BucketOwnerEnforced"), "", List.of("s3:CreateBucket " + B,
                "s3:PutBucketObjectLockConfiguration " + B, "s3:PutBucketVersioning " + B,
                "s3:PutBucketOwnershipControls " + B), Map.of("s3:x-amz-object-ownership",
                List.of("BucketOwnerEnforced"))));
        t.add(c("DeleteBucket", "DELETE", "b", null, "", Map.of(), null, List.of("s3:DeleteBucket " + B), Map.of()));
        t.add(c("HeadBucket", "HEAD", "b", null, "", Map.of(), null, List.of("s3:ListBucket " + B), Map.of()));
        t.add(c("ListObjects", "GET", "b", null, "prefix=reports%2F&delimiter=%2F&max-keys=10", Map.of(), null,
                List.of("s3:ListBucket " + B), Map.of("s3:prefix", List.of("reports/"), "s3:delimiter",
                List.of("/"), "s3:max-keys", List.of("10"))));
        t.add(c("ListObjectsV2", "GET", "b", null, "list-type=2&prefix=reports%2F&delimiter=%2F&encoding-type=url",
                Map.of(), null, List.of("s3:ListBucket " + B), Map.of("s3:prefix", List.of("reports/"),
                "s3:delimiter", List.of("/"))));
        t.add(c("ListObjectsV2", "GET", "b", null, "list-type=2&prefix=&delimiter=%2F", Map.of(), null,
                List.of("s3:ListBucket " + B), Map.of("s3:prefix", List.of(""))));
        t.add(c("ListObjectVersions", "GET", "b", null, "versions&prefix=a%20b", Map.of(), null,
                List.of("s3:ListBucketVersions " + B), Map.of("s3:prefix", List.of("a b"))));
        t.add(c("ListMultipartUploads", "GET", "b", null, "uploads&max-uploads=5", Map.of(), null,
                List.of("s3:ListBucketMultipartUploads " + B), Map.of()));
        t.add(c("DeleteObjects", "POST", "b", null, "delete", Map.of(), "<Delete><Object><Key>reports/q1.csv</Key>"
                + "</Object><Object><Key>old.txt</Key><VersionId>v1</VersionId></Object></Delete>",
                List.of("s3:DeleteObject " + K, "s3:DeleteObjectVersion arn:aws:s3:::b/old.txt"), Map.of()));
        t.add(c("GetBucketLocation", "GET", "b", null, "location", Map.of(), null,
                List.of("s3:GetBucketLocation " + B), Map.of()));
        t.add(c("GetBucketPolicyStatus", "GET", "b", null, "policyStatus", Map.of(), null,
                List.of("s3:GetBucketPolicyStatus " + B), Map.of()));
        // Sub-resources with GET / PUT / DELETE (null: the method is not an operation).
        String[][] subs = {
            {"acl", "GetBucketAcl", "s3:GetBucketAcl", "PutBucketAcl", "s3:PutBucketAcl", null, null},
            {"policy", "GetBucketPolicy", "s3:GetBucketPolicy", "PutBucketPolicy", "s3:PutBucketPolicy",
                "DeleteBucketPolicy", "s3:DeleteBucketPolicy"},
            {"versioning", "GetBucketVersioning", "s3:GetBucketVersioning", "PutBucketVersioning",
                "s3:PutBucketVersioning", null, null},
            {"tagging", "GetBucketTagging", "s3:GetBucketTagging", "PutBucketTagging", "s3:PutBucketTagging",
                "DeleteBucketTagging", "s3:PutBucketTagging"},
            {"cors", "GetBucketCors", "s3:GetBucketCORS", "PutBucketCors", "s3:PutBucketCORS", "DeleteBucketCors",
                "s3:PutBucketCORS"},
            {"lifecycle", "GetBucketLifecycleConfiguration", "s3:GetLifecycleConfiguration",
                "PutBucketLifecycleConfiguration", "s3:PutLifecycleConfiguration", "DeleteBucketLifecycle",
                "s3:PutLifecycleConfiguration"},
            {"encryption", "GetBucketEncryption", "s3:GetEncryptionConfiguration", "PutBucketEncryption",
                "s3:PutEncryptionConfiguration", "DeleteBucketEncryption", "s3:PutEncryptionConfiguration"},
            {"website", "GetBucketWebsite", "s3:GetBucketWebsite", "PutBucketWebsite", "s3:PutBucketWebsite",
                "DeleteBucketWebsite", "s3:DeleteBucketWebsite"},
            {"logging", "GetBucketLogging", "s3:GetBucketLogging", "PutBucketLogging", "s3:PutBucketLogging",
                null, null},
            {"notification", "GetBucketNotificationConfiguration", "s3:GetBucketNotification",
                "PutBucketNotificationConfiguration", "s3:PutBucketNotification", null, null},
            {"replication", "GetBucketReplication", "s3:GetReplicationConfiguration", null, null,
                "DeleteBucketReplication", "s3:PutReplicationConfiguration"},
            {"object-lock", "GetObjectLockConfiguration", "s3:GetBucketObjectLockConfiguration",
                "PutObjectLockConfiguration", "s3:PutBucketObjectLockConfiguration", null, null},
            {"ownershipControls", "GetBucketOwnershipControls", "s3:GetBucketOwnershipControls",
                "PutBucketOwnershipControls", "s3:PutBucketOwnershipControls", "DeleteBucketOwnershipControls",
                "s3:PutBucketOwnershipControls"},
            {"publicAccessBlock", "GetPublicAccessBlock", "s3:GetBucketPublicAccessBlock", "PutPublicAccessBlock",
                "s3:PutBucketPublicAccessBlock", "DeletePublicAccessBlock", "s3:PutBucketPublicAccessBlock"},
            {"accelerate", "GetBucketAccelerateConfiguration", "s3:GetAccelerateConfiguration",
                "PutBucketAccelerateConfiguration", "s3:PutAccelerateConfiguration", null, null},
            {"requestPayment", "GetBucketRequestPayment", "s3:GetBucketRequestPayment", "PutBucketRequestPayment",
                "s3:PutBucketRequestPayment", null, null},
        };
        for (String[] s : subs) {
            String[] methods = {"GET", "PUT", "DELETE"};
            for (int i = 0; i < 3; i++) {
                if (s[1 + 2 * i] != null) {
                    t.add(c(s[1 + 2 * i], methods[i], "b", null, s[0], Map.of(), null,
                            List.of(s[2 + 2 * i] + " " + B), Map.of()));
                }
            }
        }
        t.add(c("PutBucketReplication", "PUT", "b", null, "replication", Map.of(),
                "<ReplicationConfiguration><Role>arn:aws:iam::111122223333:role/replication</Role><Rule>"
                        + "<Status>Enabled</Status></Rule></ReplicationConfiguration>",
                List.of("s3:PutReplicationConfiguration " + B, "iam:PassRole arn:aws:iam::111122223333:role/replication"),
                Map.of()));
        for (String[] c : new String[][] {{"analytics", "Analytics"}, {"metrics", "Metrics"},
                {"inventory", "Inventory"}, {"intelligent-tiering", "IntelligentTiering"}}) {
            t.add(c("GetBucket" + c[1] + "Configuration", "GET", "b", null, c[0] + "&id=x", Map.of(), null,
                    List.of("s3:Get" + c[1] + "Configuration " + B), Map.of()));
            t.add(c("GetBucket" + c[1] + "Configuration", "GET", "b", null, c[0], Map.of(), null,
                    List.of("s3:Get" + c[1] + "Configuration " + B), Map.of()));
            t.add(c("PutBucket" + c[1] + "Configuration", "PUT", "b", null, c[0] + "&id=x", Map.of(), null,
                    List.of("s3:Put" + c[1] + "Configuration " + B), Map.of()));
            t.add(c("DeleteBucket" + c[1] + "Configuration", "DELETE", "b", null, c[0] + "&id=x", Map.of(), null,
                    List.of("s3:Put" + c[1] + "Configuration " + B), Map.of()));
        }

        // Objects.
        String key = "reports/q1.csv";
        t.add(c("GetObject", "GET", "b", key, "", Map.of(), null, List.of("s3:GetObject " + K), Map.of()));
        t.add(c("GetObject", "GET", "b", key, "versionId=3HL4kqtJ&response-content-type=text%2Fplain", Map.of(),
                null, List.of("s3:GetObjectVersion " + K), Map.of("s3:versionid", List.of("3HL4kqtJ"))));
        t.add(c("HeadObject", "HEAD", "b", key, "", Map.of(), null, List.of("s3:GetObject " + K), Map.of()));
        t.add(c("HeadObject", "HEAD", "b", key, "versionId=v2&partNumber=1", Map.of(), null,
                List.of("s3:GetObjectVersion " + K), Map.of("s3:versionid", List.of("v2"))));
        t.add(c("PutObject", "PUT", "b", key, "", Map.of("x-amz-server-side-encryption", "aws:kms",
                "x-amz-storage-class", "STANDARD_IA"), null, List.of("s3:PutObject " + K),
                Map.of("s3:x-amz-server-side-encryption", List.of("aws:kms"), "s3:x-amz-storage-class",
                        List.of("STANDARD_IA"))));
        t.add(c("PutObject", "PUT", "b", key, "", Map.of("x-amz-acl", "public-read", "x-amz-tagging",
                "team=data&tier=gold"), null, List.of("s3:PutObject " + K, "s3:PutObjectAcl " + K,
                "s3:PutObjectTagging " + K), Map.of("s3:x-amz-acl", List.of("public-read"),
                "s3:RequestObjectTag/team", List.of("data"), "s3:RequestObjectTagKeys", List.of("team", "tier"))));
        t.add(c("PutObject", "PUT", "b", key, "", Map.of("x-amz-object-lock-mode", "GOVERNANCE",
                "x-amz-object-lock-retain-until-date", "2030-01-01T00:00:00Z", "x-amz-object-lock-legal-hold", "ON"),
                null, List.of("s3:PutObject " + K, "s3:PutObjectRetention " + K, "s3:PutObjectLegalHold " + K),
                Map.of("s3:object-lock-mode", List.of("GOVERNANCE"))));
        t.add(c("PutObject", "PUT", "b", key, "", Map.of("If-None-Match", "*"), null, List.of("s3:PutObject " + K),
                Map.of("s3:if-none-match", List.of("*"))));
        t.add(c("CopyObject", "PUT", "b", key, "", Map.of("x-amz-copy-source", "src/in%20box/a.csv",
                "x-amz-metadata-directive", "REPLACE"), null,
                List.of("s3:GetObject arn:aws:s3:::src/in box/a.csv", "s3:PutObject " + K),
                Map.of()));
        t.add(c("CopyObject", "PUT", "b", key, "", Map.of("x-amz-copy-source", "/src/a.csv?versionId=v9"), null,
                List.of("s3:GetObjectVersion arn:aws:s3:::src/a.csv", "s3:PutObject " + K),
                Map.of("s3:versionid", List.of("v9"))));
        t.add(c("CreateMultipartUpload", "POST", "b", key, "uploads", Map.of("x-amz-storage-class", "GLACIER"), null,
                List.of("s3:PutObject " + K), Map.of("s3:x-amz-storage-class", List.of("GLACIER"))));
        t.add(c("UploadPart", "PUT", "b", key, "partNumber=3&uploadId=abc", Map.of(), null,
                List.of("s3:PutObject " + K), Map.of()));
        t.add(c("UploadPartCopy", "PUT", "b", key, "partNumber=1&uploadId=abc",
                Map.of("x-amz-copy-source", "src/big.bin", "x-amz-copy-source-range", "bytes=0-99"), null,
                List.of("s3:GetObject arn:aws:s3:::src/big.bin", "s3:PutObject " + K), Map.of()));
        t.add(c("CompleteMultipartUpload", "POST", "b", key, "uploadId=abc", Map.of(), null,
                List.of("s3:PutObject " + K), Map.of()));
        t.add(c("AbortMultipartUpload", "DELETE", "b", key, "uploadId=abc", Map.of(), null,
                List.of("s3:AbortMultipartUpload " + K), Map.of()));
        t.add(c("ListParts", "GET", "b", key, "uploadId=abc&max-parts=100", Map.of(), null,
                List.of("s3:ListMultipartUploadParts " + K), Map.of()));
        t.add(c("DeleteObject", "DELETE", "b", key, "", Map.of(), null, List.of("s3:DeleteObject " + K), Map.of()));
        t.add(c("DeleteObject", "DELETE", "b", key, "versionId=v1", Map.of("x-amz-bypass-governance-retention",
                "true"), null, List.of("s3:DeleteObjectVersion " + K, "s3:BypassGovernanceRetention " + K),
                Map.of("s3:versionid", List.of("v1"))));
        t.add(c("GetObjectTagging", "GET", "b", key, "tagging", Map.of(), null, List.of("s3:GetObjectTagging " + K),
                Map.of()));
        t.add(c("GetObjectTagging", "GET", "b", key, "tagging&versionId=v1", Map.of(), null,
                List.of("s3:GetObjectVersionTagging " + K), Map.of()));
        t.add(c("PutObjectTagging", "PUT", "b", key, "tagging", Map.of(), "<Tagging><TagSet><Tag><Key>env</Key>"
                + "<Value>prod</Value></Tag></TagSet></Tagging>", List.of("s3:PutObjectTagging " + K),
                Map.of("s3:RequestObjectTag/env", List.of("prod"), "s3:RequestObjectTagKeys", List.of("env"))));
        t.add(c("PutObjectTagging", "PUT", "b", key, "tagging&versionId=v1", Map.of(), "<Tagging><TagSet/></Tagging>",
                List.of("s3:PutObjectVersionTagging " + K), Map.of()));
        t.add(c("DeleteObjectTagging", "DELETE", "b", key, "tagging", Map.of(), null,
                List.of("s3:DeleteObjectTagging " + K), Map.of()));
        t.add(c("DeleteObjectTagging", "DELETE", "b", key, "tagging&versionId=v1", Map.of(), null,
                List.of("s3:DeleteObjectVersionTagging " + K), Map.of()));
        t.add(c("GetObjectAcl", "GET", "b", key, "acl", Map.of(), null, List.of("s3:GetObjectAcl " + K), Map.of()));
        t.add(c("GetObjectAcl", "GET", "b", key, "acl&versionId=v1", Map.of(), null,
                List.of("s3:GetObjectVersionAcl " + K), Map.of()));
        t.add(c("PutObjectAcl", "PUT", "b", key, "acl", Map.of("x-amz-acl", "private"), null,
                List.of("s3:PutObjectAcl " + K), Map.of("s3:x-amz-acl", List.of("private"))));
        t.add(c("PutObjectAcl", "PUT", "b", key, "acl&versionId=v1", Map.of(), null,
                List.of("s3:PutObjectVersionAcl " + K), Map.of()));
        t.add(c("GetObjectRetention", "GET", "b", key, "retention", Map.of(), null,
                List.of("s3:GetObjectRetention " + K), Map.of()));
        t.add(c("PutObjectRetention", "PUT", "b", key, "retention", Map.of("x-amz-bypass-governance-retention", "true"),
                "<Retention><Mode>GOVERNANCE</Mode><RetainUntilDate>2030-01-01T00:00:00Z</RetainUntilDate></Retention>",
                List.of("s3:PutObjectRetention " + K, "s3:BypassGovernanceRetention " + K),
                Map.of("s3:object-lock-mode", List.of("GOVERNANCE"), "s3:object-lock-retain-until-date",
                        List.of("2030-01-01T00:00:00Z"))));
        t.add(c("GetObjectLegalHold", "GET", "b", key, "legal-hold", Map.of(), null,
                List.of("s3:GetObjectLegalHold " + K), Map.of()));
        t.add(c("PutObjectLegalHold", "PUT", "b", key, "legal-hold", Map.of(), "<LegalHold><Status>ON</Status></LegalHold>",
                List.of("s3:PutObjectLegalHold " + K), Map.of("s3:object-lock-legal-hold", List.of("ON"))));
        t.add(c("GetObjectAttributes", "GET", "b", key, "attributes", Map.of("x-amz-object-attributes", "ETag"), null,
                List.of("s3:GetObject " + K, "s3:GetObjectAttributes " + K), Map.of()));
        t.add(c("GetObjectAttributes", "GET", "b", key, "attributes&versionId=v1", Map.of(), null,
                List.of("s3:GetObjectVersion " + K, "s3:GetObjectVersionAttributes " + K), Map.of()));
        t.add(c("RestoreObject", "POST", "b", key, "restore", Map.of(), null, List.of("s3:RestoreObject " + K),
                Map.of()));
        t.add(c("SelectObjectContent", "POST", "b", key, "select&select-type=2", Map.of(), null,
                List.of("s3:GetObject " + K), Map.of()));
        t.add(c("GetObjectTorrent", "GET", "b", key, "torrent", Map.of(), null, List.of("s3:GetObjectTorrent " + K),
                Map.of()));
        t.add(c("GetObjectTorrent", "GET", "b", key, "torrent&versionId=v1", Map.of(), null,
                List.of("s3:GetObjectVersionTorrent " + K), Map.of()));
        return t;
    }

    private static Case c(String op, String method, String bucket, String key, String query,
            Map<String, String> headers, String body, List<String> parts, Map<String, List<String>> keys) {
        return new Case(op, method, bucket, key, query, headers, body, parts, keys);
    }

    static Stream<Arguments> rows() {
        List<Arguments> out = new ArrayList<>();
        for (Case c : cases()) {
            for (Style s : Style.values()) {
                if (c.bucket() == null && s.virtual) {
                    continue;
                }
                out.add(Arguments.of(s, c));
            }
        }
        return out.stream();
    }

    static Calls.Req request(Style style, Case c) {
        String host;
        String path;
        if (c.bucket() == null) {
            host = style.base;
            path = "/";
        } else if (style.virtual) {
            host = c.bucket() + "." + style.base;
            path = "/" + (c.rawKey() == null ? "" : c.rawKey());
        } else {
            host = style.base;
            path = "/" + c.bucket() + (c.rawKey() == null ? "" : "/" + c.rawKey());
        }
        Calls.Req r = Calls.s3(host).method(c.method()).path(path).query(c.query());
        c.headers().forEach(r::header);
        if (c.body() != null) {
            r.body(c.body());
        }
        return r;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("rows")
    void mapsOperation(Style style, Case c) {
        Mapped m = request(style, c).mapped();
        assertThat(m.service()).isEqualTo("s3");
        assertThat(m.operation()).isEqualTo(c.operation());
        assertThat(Calls.parts(m)).containsExactlyElementsOf(c.parts());
        Map<String, List<String>> part0 = m.parts().get(0).conditionKeys();
        c.keys().forEach((k, v) -> assertThat(part0).as("key %s", k).containsEntry(k, v));
        // The keys of how the request was signed, on every part whose action supports them.
        Map<String, List<String>> signing = Map.of("s3:authType", List.of("REST-HEADER"), "s3:signatureversion",
                List.of("AWS4-HMAC-SHA256"), "s3:TlsVersion", List.of("1.3"), "s3:x-amz-content-sha256",
                List.of("UNSIGNED-PAYLOAD"));
        for (IamRequestPart p : m.parts()) {
            List<String> supported = ActionCatalog.builtIn().require(p.action()).conditionKeys();
            signing.forEach((k, v) -> {
                if (supported.contains(k)) {
                    assertThat(p.conditionKeys()).as("%s on %s", k, p.action()).containsEntry(k, v);
                } else {
                    assertThat(p.conditionKeys()).as("%s on %s", k, p.action()).doesNotContainKey(k);
                }
            });
        }
        assertThat(m.globalKeys()).containsEntry("aws:RequestedRegion", List.of("us-east-1"))
                .containsEntry("aws:SecureTransport", List.of("true"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodyless")
    void needsBodyOnlyWhereTheBodyDecides(Case c) {
        HttpRequestView v = request(Style.PATH_REGIONAL, c).view();
        boolean expected = c.body() != null;
        assertThat(Calls.MAPPER.needsBody(HttpRequestView.of(v.method(), v.host(), v.rawPath(), v.rawQuery(),
                v.headers()))).isEqualTo(expected);
    }

    static Stream<Case> bodyless() {
        Map<String, Case> first = new LinkedHashMap<>();
        for (Case c : cases()) {
            first.putIfAbsent(c.operation(), c);
        }
        return first.values().stream().filter(c -> !c.operation().equals("PutObject"));
    }
}
