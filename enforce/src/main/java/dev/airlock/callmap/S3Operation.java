package dev.airlock.callmap;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One row of the S3 REST API: which requests are this operation and which IAM action(s) it needs.
 * The table follows the S3 API Reference (request syntax of each operation) and "Required
 * permissions for Amazon S3 API operations" in the S3 User Guide.
 *
 * @param name the API operation
 * @param method the HTTP method
 * @param target what the request addresses
 * @param subresource the query parameter that selects the operation ({@code acl},
 *     {@code uploads}, ...), or empty for the plain resource
 * @param action the IAM action on the addressed resource
 * @param versionAction the action when the request names a version ({@code versionId}); empty when
 *     the operation has no separate version action
 * @param params further query parameters the operation accepts; any other is refused
 * @param special extra handling beyond "one action on the addressed resource"
 */
record S3Operation(String name, String method, Target target, String subresource, String action,
        Optional<String> versionAction, Set<String> params, Special special) {

    enum Target { SERVICE, BUCKET, OBJECT }

    enum Special {
        NONE,
        /** ListObjects, ListObjectsV2, ListObjectVersions, ListMultipartUploads: s3:prefix and friends. */
        LIST,
        /** Reads CreateBucketConfiguration; ACL, Object Lock and ownership headers add actions. */
        CREATE_BUCKET,
        /** One DeleteObject(Version) per key in the XML body. */
        DELETE_OBJECTS,
        /** PutObject and CreateMultipartUpload: ACL, tagging and Object Lock headers add actions. */
        WRITE_OBJECT,
        /** CopyObject: read the source, write the destination. */
        COPY_OBJECT,
        /** UploadPartCopy: read the source, write the destination part. */
        UPLOAD_PART_COPY,
        /** GetObjectAttributes: two actions, both switching with versionId. */
        ATTRIBUTES,
        /** DeleteObject and PutObjectRetention: x-amz-bypass-governance-retention adds an action. */
        BYPASS_GOVERNANCE,
        /** PutObjectTagging: tags come from the XML body. */
        TAGGING_BODY,
        /** PutObjectRetention: mode and date come from the XML body (and bypass may add an action). */
        RETENTION_BODY,
        /** PutObjectLegalHold: status comes from the XML body. */
        LEGAL_HOLD_BODY,
        /** PutBucketReplication: iam:PassRole on the role in the XML body. */
        REPLICATION_BODY
    }

    boolean needsBody() {
        return switch (special) {
            case CREATE_BUCKET, DELETE_OBJECTS, TAGGING_BODY, RETENTION_BODY, LEGAL_HOLD_BODY, REPLICATION_BODY -> true;
            default -> false;
        };
    }

    /** Every IAM action this row can emit (for checking the table against the catalog). */
    List<String> actions() {
        List<String> out = new ArrayList<>();
        out.add(action);
        versionAction.ifPresent(out::add);
        switch (special) {
            case CREATE_BUCKET -> out.addAll(List.of("s3:PutBucketAcl", "s3:PutBucketObjectLockConfiguration",
                    "s3:PutBucketVersioning", "s3:PutBucketOwnershipControls"));
            case DELETE_OBJECTS -> out.addAll(List.of("s3:DeleteObjectVersion", "s3:BypassGovernanceRetention"));
            case WRITE_OBJECT, COPY_OBJECT -> out.addAll(List.of("s3:PutObjectAcl", "s3:PutObjectTagging",
                    "s3:PutObjectRetention", "s3:PutObjectLegalHold", "s3:GetObject", "s3:GetObjectVersion"));
            case UPLOAD_PART_COPY -> out.addAll(List.of("s3:GetObject", "s3:GetObjectVersion"));
            case ATTRIBUTES -> out.addAll(List.of("s3:GetObjectAttributes", "s3:GetObjectVersionAttributes"));
            case BYPASS_GOVERNANCE, RETENTION_BODY -> out.add("s3:BypassGovernanceRetention");
            case REPLICATION_BODY -> out.add("iam:PassRole");
            default -> { }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------

    private static final Set<String> RESPONSE_OVERRIDES = Set.of("response-cache-control",
            "response-content-disposition", "response-content-encoding", "response-content-language",
            "response-content-type", "response-expires");

    private static final List<S3Operation> ALL = build();

    static List<S3Operation> all() {
        return ALL;
    }

    /** The query parameters that select an operation. */
    static final Set<String> SUBRESOURCES = Set.of("acl", "policy", "policyStatus", "versioning", "tagging", "cors",
            "lifecycle", "encryption", "website", "logging", "notification", "replication", "object-lock",
            "ownershipControls", "publicAccessBlock", "accelerate", "requestPayment", "analytics", "metrics",
            "inventory", "intelligent-tiering", "location", "versions", "uploads", "uploadId", "delete", "restore",
            "select", "torrent", "retention", "legal-hold", "attributes", "list-type");

    private static List<S3Operation> build() {
        List<S3Operation> t = new ArrayList<>();
        Target s = Target.SERVICE;
        Target b = Target.BUCKET;
        Target o = Target.OBJECT;

        t.add(row("ListBuckets", "GET", s, "", "s3:ListAllMyBuckets",
                Set.of("max-buckets", "continuation-token", "prefix", "bucket-region"), Special.NONE));

        // Buckets.
        t.add(row("CreateBucket", "PUT", b, "", "s3:CreateBucket", Set.of(), Special.CREATE_BUCKET));
        t.add(row("DeleteBucket", "DELETE", b, "", "s3:DeleteBucket", Set.of(), Special.NONE));
        t.add(row("HeadBucket", "HEAD", b, "", "s3:ListBucket", Set.of(), Special.NONE));
        t.add(row("ListObjects", "GET", b, "", "s3:ListBucket",
                Set.of("delimiter", "encoding-type", "marker", "max-keys", "prefix"), Special.LIST));
        t.add(row("ListObjectsV2", "GET", b, "list-type", "s3:ListBucket", Set.of("continuation-token", "delimiter",
                "encoding-type", "fetch-owner", "max-keys", "prefix", "start-after"), Special.LIST));
        t.add(row("ListObjectVersions", "GET", b, "versions", "s3:ListBucketVersions", Set.of("delimiter",
                "encoding-type", "key-marker", "max-keys", "prefix", "version-id-marker"), Special.LIST));
        t.add(row("ListMultipartUploads", "GET", b, "uploads", "s3:ListBucketMultipartUploads", Set.of("delimiter",
                "encoding-type", "key-marker", "max-uploads", "prefix", "upload-id-marker"), Special.LIST));
        t.add(row("DeleteObjects", "POST", b, "delete", "s3:DeleteObject", Set.of(), Special.DELETE_OBJECTS));
        t.add(row("GetBucketLocation", "GET", b, "location", "s3:GetBucketLocation", Set.of(), Special.NONE));
        t.add(row("GetBucketAcl", "GET", b, "acl", "s3:GetBucketAcl", Set.of(), Special.NONE));
        t.add(row("PutBucketAcl", "PUT", b, "acl", "s3:PutBucketAcl", Set.of(), Special.NONE));
        t.add(row("GetBucketPolicy", "GET", b, "policy", "s3:GetBucketPolicy", Set.of(), Special.NONE));
        t.add(row("PutBucketPolicy", "PUT", b, "policy", "s3:PutBucketPolicy", Set.of(), Special.NONE));
        t.add(row("DeleteBucketPolicy", "DELETE", b, "policy", "s3:DeleteBucketPolicy", Set.of(), Special.NONE));
        t.add(row("GetBucketPolicyStatus", "GET", b, "policyStatus", "s3:GetBucketPolicyStatus", Set.of(),
                Special.NONE));
        t.add(row("GetBucketVersioning", "GET", b, "versioning", "s3:GetBucketVersioning", Set.of(), Special.NONE));
        t.add(row("PutBucketVersioning", "PUT", b, "versioning", "s3:PutBucketVersioning", Set.of(), Special.NONE));
        t.add(row("GetBucketTagging", "GET", b, "tagging", "s3:GetBucketTagging", Set.of(), Special.NONE));
        t.add(row("PutBucketTagging", "PUT", b, "tagging", "s3:PutBucketTagging", Set.of(), Special.NONE));
        t.add(row("DeleteBucketTagging", "DELETE", b, "tagging", "s3:PutBucketTagging", Set.of(), Special.NONE));
        t.add(row("GetBucketCors", "GET", b, "cors", "s3:GetBucketCORS", Set.of(), Special.NONE));
        t.add(row("PutBucketCors", "PUT", b, "cors", "s3:PutBucketCORS", Set.of(), Special.NONE));
        t.add(row("DeleteBucketCors", "DELETE", b, "cors", "s3:PutBucketCORS", Set.of(), Special.NONE));
        t.add(row("GetBucketLifecycleConfiguration", "GET", b, "lifecycle", "s3:GetLifecycleConfiguration",
                Set.of(), Special.NONE));
        t.add(row("PutBucketLifecycleConfiguration", "PUT", b, "lifecycle", "s3:PutLifecycleConfiguration",
                Set.of(), Special.NONE));
        t.add(row("DeleteBucketLifecycle", "DELETE", b, "lifecycle", "s3:PutLifecycleConfiguration", Set.of(),
                Special.NONE));
        t.add(row("GetBucketEncryption", "GET", b, "encryption", "s3:GetEncryptionConfiguration", Set.of(),
                Special.NONE));
        t.add(row("PutBucketEncryption", "PUT", b, "encryption", "s3:PutEncryptionConfiguration", Set.of(),
                Special.NONE));
        t.add(row("DeleteBucketEncryption", "DELETE", b, "encryption", "s3:PutEncryptionConfiguration", Set.of(),
                Special.NONE));
        t.add(row("GetBucketWebsite", "GET", b, "website", "s3:GetBucketWebsite", Set.of(), Special.NONE));
        t.add(row("PutBucketWebsite", "PUT", b, "website", "s3:PutBucketWebsite", Set.of(), Special.NONE));
        t.add(row("DeleteBucketWebsite", "DELETE", b, "website", "s3:DeleteBucketWebsite", Set.of(), Special.NONE));
        t.add(row("GetBucketLogging", "GET", b, "logging", "s3:GetBucketLogging", Set.of(), Special.NONE));
        t.add(row("PutBucketLogging", "PUT", b, "logging", "s3:PutBucketLogging", Set.of(), Special.NONE));
        t.add(row("GetBucketNotificationConfiguration", "GET", b, "notification", "s3:GetBucketNotification",
                Set.of(), Special.NONE));
        t.add(row("PutBucketNotificationConfiguration", "PUT", b, "notification", "s3:PutBucketNotification",
                Set.of(), Special.NONE));
        t.add(row("GetBucketReplication", "GET", b, "replication", "s3:GetReplicationConfiguration", Set.of(),
                Special.NONE));
        t.add(row("PutBucketReplication", "PUT", b, "replication", "s3:PutReplicationConfiguration", Set.of(),
                Special.REPLICATION_BODY));
        t.add(row("DeleteBucketReplication", "DELETE", b, "replication", "s3:PutReplicationConfiguration", Set.of(),
                Special.NONE));
        t.add(row("GetObjectLockConfiguration", "GET", b, "object-lock", "s3:GetBucketObjectLockConfiguration",
                Set.of(), Special.NONE));
        t.add(row("PutObjectLockConfiguration", "PUT", b, "object-lock", "s3:PutBucketObjectLockConfiguration",
                Set.of(), Special.NONE));
        t.add(row("GetBucketOwnershipControls", "GET", b, "ownershipControls", "s3:GetBucketOwnershipControls",
                Set.of(), Special.NONE));
        t.add(row("PutBucketOwnershipControls", "PUT", b, "ownershipControls", "s3:PutBucketOwnershipControls",
                Set.of(), Special.NONE));
        t.add(row("DeleteBucketOwnershipControls", "DELETE", b, "ownershipControls",
                "s3:PutBucketOwnershipControls", Set.of(), Special.NONE));
        t.add(row("GetPublicAccessBlock", "GET", b, "publicAccessBlock", "s3:GetBucketPublicAccessBlock", Set.of(),
                Special.NONE));
        t.add(row("PutPublicAccessBlock", "PUT", b, "publicAccessBlock", "s3:PutBucketPublicAccessBlock", Set.of(),
                Special.NONE));
        t.add(row("DeletePublicAccessBlock", "DELETE", b, "publicAccessBlock", "s3:PutBucketPublicAccessBlock",
                Set.of(), Special.NONE));
        t.add(row("GetBucketAccelerateConfiguration", "GET", b, "accelerate", "s3:GetAccelerateConfiguration",
                Set.of(), Special.NONE));
        t.add(row("PutBucketAccelerateConfiguration", "PUT", b, "accelerate", "s3:PutAccelerateConfiguration",
                Set.of(), Special.NONE));
        t.add(row("GetBucketRequestPayment", "GET", b, "requestPayment", "s3:GetBucketRequestPayment", Set.of(),
                Special.NONE));
        t.add(row("PutBucketRequestPayment", "PUT", b, "requestPayment", "s3:PutBucketRequestPayment", Set.of(),
                Special.NONE));
        // Bucket configurations addressed by id; a GET without id lists them.
        for (String[] c : new String[][] {{"analytics", "Analytics"}, {"metrics", "Metrics"},
                {"inventory", "Inventory"}, {"intelligent-tiering", "IntelligentTiering"}}) {
            String sub = c[0];
            String cap = c[1];
            t.add(row("GetBucket" + cap + "Configuration", "GET", b, sub, "s3:Get" + cap + "Configuration",
                    Set.of("id", "continuation-token"), Special.NONE));
            t.add(row("PutBucket" + cap + "Configuration", "PUT", b, sub, "s3:Put" + cap + "Configuration",
                    Set.of("id"), Special.NONE));
            t.add(row("DeleteBucket" + cap + "Configuration", "DELETE", b, sub, "s3:Put" + cap + "Configuration",
                    Set.of("id"), Special.NONE));
        }

        // Objects.
        Set<String> getParams = union(RESPONSE_OVERRIDES, Set.of("partNumber"));
        t.add(vrow("GetObject", "GET", o, "", "s3:GetObject", "s3:GetObjectVersion", getParams, Special.NONE));
        t.add(vrow("HeadObject", "HEAD", o, "", "s3:GetObject", "s3:GetObjectVersion", getParams, Special.NONE));
        t.add(row("PutObject", "PUT", o, "", "s3:PutObject", Set.of(), Special.WRITE_OBJECT));
        t.add(row("CopyObject", "PUT", o, "", "s3:PutObject", Set.of(), Special.COPY_OBJECT));
        t.add(vrow("DeleteObject", "DELETE", o, "", "s3:DeleteObject", "s3:DeleteObjectVersion", Set.of(),
                Special.BYPASS_GOVERNANCE));
        t.add(row("CreateMultipartUpload", "POST", o, "uploads", "s3:PutObject", Set.of(), Special.WRITE_OBJECT));
        t.add(row("UploadPart", "PUT", o, "uploadId", "s3:PutObject", Set.of("partNumber"), Special.NONE));
        t.add(row("UploadPartCopy", "PUT", o, "uploadId", "s3:PutObject", Set.of("partNumber"),
                Special.UPLOAD_PART_COPY));
        t.add(row("CompleteMultipartUpload", "POST", o, "uploadId", "s3:PutObject", Set.of(), Special.NONE));
        t.add(row("AbortMultipartUpload", "DELETE", o, "uploadId", "s3:AbortMultipartUpload", Set.of(),
                Special.NONE));
        t.add(row("ListParts", "GET", o, "uploadId", "s3:ListMultipartUploadParts",
                Set.of("max-parts", "part-number-marker"), Special.NONE));
        t.add(vrow("GetObjectTagging", "GET", o, "tagging", "s3:GetObjectTagging", "s3:GetObjectVersionTagging",
                Set.of(), Special.NONE));
        t.add(vrow("PutObjectTagging", "PUT", o, "tagging", "s3:PutObjectTagging", "s3:PutObjectVersionTagging",
                Set.of(), Special.TAGGING_BODY));
        t.add(vrow("DeleteObjectTagging", "DELETE", o, "tagging", "s3:DeleteObjectTagging",
                "s3:DeleteObjectVersionTagging", Set.of(), Special.NONE));
        t.add(vrow("GetObjectAcl", "GET", o, "acl", "s3:GetObjectAcl", "s3:GetObjectVersionAcl", Set.of(),
                Special.NONE));
        t.add(vrow("PutObjectAcl", "PUT", o, "acl", "s3:PutObjectAcl", "s3:PutObjectVersionAcl", Set.of(),
                Special.NONE));
        t.add(vrow("GetObjectRetention", "GET", o, "retention", "s3:GetObjectRetention", null, Set.of(),
                Special.NONE));
        t.add(vrow("PutObjectRetention", "PUT", o, "retention", "s3:PutObjectRetention", null, Set.of(),
                Special.RETENTION_BODY));
        t.add(vrow("GetObjectLegalHold", "GET", o, "legal-hold", "s3:GetObjectLegalHold", null, Set.of(),
                Special.NONE));
        t.add(vrow("PutObjectLegalHold", "PUT", o, "legal-hold", "s3:PutObjectLegalHold", null, Set.of(),
                Special.LEGAL_HOLD_BODY));
        t.add(vrow("GetObjectAttributes", "GET", o, "attributes", "s3:GetObject", "s3:GetObjectVersion", Set.of(),
                Special.ATTRIBUTES));
        t.add(vrow("RestoreObject", "POST", o, "restore", "s3:RestoreObject", null, Set.of(), Special.NONE));
        t.add(row("SelectObjectContent", "POST", o, "select", "s3:GetObject", Set.of("select-type"), Special.NONE));
        t.add(vrow("GetObjectTorrent", "GET", o, "torrent", "s3:GetObjectTorrent", "s3:GetObjectVersionTorrent",
                Set.of(), Special.NONE));
        return List.copyOf(t);
    }

    private static S3Operation row(String name, String method, Target target, String sub, String action,
            Set<String> params, Special special) {
        return new S3Operation(name, method, target, sub, action, Optional.empty(), params, special);
    }

    /** A row whose operation accepts {@code versionId}; {@code versionAction} may be null (same action). */
    private static S3Operation vrow(String name, String method, Target target, String sub, String action,
            String versionAction, Set<String> params, Special special) {
        return new S3Operation(name, method, target, sub, action, Optional.ofNullable(versionAction),
                union(params, Set.of("versionId")), special);
    }

    private static Set<String> union(Set<String> a, Set<String> c) {
        java.util.HashSet<String> u = new java.util.HashSet<>(a);
        u.addAll(c);
        return Set.copyOf(u);
    }
}
