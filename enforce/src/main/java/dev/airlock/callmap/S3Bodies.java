package dev.airlock.callmap;

import static dev.airlock.callmap.StrictXml.anyTree;
import static dev.airlock.callmap.StrictXml.element;
import static dev.airlock.callmap.StrictXml.exactText;
import static dev.airlock.callmap.StrictXml.many;
import static dev.airlock.callmap.StrictXml.one;
import static dev.airlock.callmap.StrictXml.optional;
import static dev.airlock.callmap.StrictXml.text;

import dev.airlock.callmap.S3Operation.Special;
import dev.airlock.callmap.StrictXml.Shape;

/**
 * The shapes of the S3 request bodies the mapper reads, from the request syntax of each operation
 * in the S3 API Reference. Keys and tag values keep their text exactly; other values lose
 * surrounding white space.
 */
final class S3Bodies {

    static final int MAX_DELETE_KEYS = 1000;
    static final int MAX_TAGS = 50;

    private static Shape tag() {
        return element("Tag", one(exactText("Key")), one(exactText("Value")));
    }

    /** DeleteObjects: {@code Delete} with 1 to 1,000 {@code Object} entries. */
    static final Shape DELETE = element("Delete", optional(text("Quiet")),
            many(element("Object", one(exactText("Key")), optional(text("VersionId")), optional(text("ETag")),
                    optional(text("LastModifiedTime")), optional(text("Size"))), 1, MAX_DELETE_KEYS));

    /** PutObjectTagging. */
    static final Shape TAGGING = element("Tagging", one(element("TagSet", many(tag(), 0, MAX_TAGS))));

    /** PutObjectRetention. */
    static final Shape RETENTION = element("Retention", optional(text("Mode")), optional(text("RetainUntilDate")));

    /** PutObjectLegalHold. */
    static final Shape LEGAL_HOLD = element("LegalHold", optional(text("Status")));

    /** CreateBucket. */
    static final Shape CREATE_BUCKET = element("CreateBucketConfiguration", optional(text("LocationConstraint")),
            optional(element("Location", optional(text("Name")), optional(text("Type")))),
            optional(element("Bucket", optional(text("DataRedundancy")), optional(text("Type")))),
            optional(element("Tags", many(tag(), 0, MAX_TAGS))));

    /** PutBucketReplication: only the role is read; the rules are passed on as parsed. */
    static final Shape REPLICATION = element("ReplicationConfiguration", one(text("Role")),
            many(anyTree("Rule"), 1, 1000));

    private S3Bodies() {}

    static Shape shape(Special special) {
        return switch (special) {
            case DELETE_OBJECTS -> DELETE;
            case TAGGING_BODY -> TAGGING;
            case RETENTION_BODY -> RETENTION;
            case LEGAL_HOLD_BODY -> LEGAL_HOLD;
            case CREATE_BUCKET -> CREATE_BUCKET;
            case REPLICATION_BODY -> REPLICATION;
            default -> throw new IllegalArgumentException(special + " has no body the mapper reads");
        };
    }
}
