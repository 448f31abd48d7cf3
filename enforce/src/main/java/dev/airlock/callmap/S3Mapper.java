package dev.airlock.callmap;

import dev.airlock.callmap.S3Operation.Special;
import dev.airlock.callmap.S3Operation.Target;
import dev.airlock.callmap.StrictXml.Document;
import dev.airlock.callmap.StrictXml.Element;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Maps S3 REST requests (general purpose buckets) to IAM parts. */
final class S3Mapper {

    /** Request headers that become a condition key of the same name under {@code s3:}. */
    private static final Map<String, String> HEADER_KEYS = headerKeys();

    private static final List<String> ACL_HEADERS = List.of("x-amz-acl", "x-amz-grant-read", "x-amz-grant-write",
            "x-amz-grant-read-acp", "x-amz-grant-write-acp", "x-amz-grant-full-control");

    /**
     * Keys the mapper reads from the request whenever the request carries them, or which are
     * absent by construction for a direct call to a bucket (access point and access grant keys).
     */
    private static final List<String> HANDLED = List.of("s3:authType", "s3:signatureversion", "s3:x-amz-acl",
            "s3:x-amz-grant-read", "s3:x-amz-grant-write", "s3:x-amz-grant-read-acp", "s3:x-amz-grant-write-acp",
            "s3:x-amz-grant-full-control", "s3:x-amz-server-side-encryption",
            "s3:x-amz-server-side-encryption-aws-kms-key-id", "s3:x-amz-server-side-encryption-customer-algorithm",
            "s3:x-amz-storage-class", "s3:x-amz-website-redirect-location", "s3:x-amz-metadata-directive",
            "s3:x-amz-object-annotation-directive", "s3:x-amz-copy-source", "s3:x-amz-object-ownership",
            "s3:object-lock-mode", "s3:object-lock-retain-until-date", "s3:object-lock-legal-hold", "s3:if-match",
            "s3:if-none-match", "s3:RequestObjectTag/<key>", "s3:RequestObjectTagKeys", "s3:versionid",
            "s3:prefix", "s3:delimiter", "s3:max-keys", "s3:locationconstraint", "s3:AccessGrantsInstanceArn",
            "s3:DataAccessPointArn", "s3:DataAccessPointAccount", "s3:AccessPointNetworkOrigin",
            "s3:AccessPointTag/${TagKey}", "aws:RequestTag/${TagKey}", "aws:TagKeys");

    /** Operations an access point serves on its own ARN (bucket-level configuration is the bucket's). */
    private static final Set<String> ACCESS_POINT_OPERATIONS = Set.of("ListObjects", "ListObjectsV2",
            "ListObjectVersions", "ListMultipartUploads", "HeadBucket");

    /** Listing parameters that name keys: checked like keys where key segments matter. */
    private static final List<String> KEY_PARAMS = List.of("prefix", "marker", "start-after", "key-marker");

    private final Set<String> pathStyleHosts;
    private final Set<String> virtualHostBases;
    private final boolean nonAwsUpstream;

    /**
     * @param nonAwsUpstream the upstream is S3-compatible, not AWS: refuse what such servers are known
     *     to read differently from S3 (a copy source's versionId, which S3Proxy reads as part of the
     *     key) and keys and prefixes with {@code .} or {@code ..} segments: the
     *     upstream is not AWS, and file-system backends resolve them
     */
    S3Mapper(Set<String> pathStyleHosts, Set<String> virtualHostBases, boolean nonAwsUpstream) {
        this.pathStyleHosts = Set.copyOf(pathStyleHosts);
        this.virtualHostBases = Set.copyOf(virtualHostBases);
        this.nonAwsUpstream = nonAwsUpstream;
    }

    /** A request resolved to its operation. */
    record Routed(S3Operation op, S3Address address, Params params) {}

    Routed route(HttpRequestView request, CredentialScope scope) throws Unmappable {
        if (request.header("x-amz-account-id").isPresent()) {
            throw new Unmappable("S3 Control requests are not supported");
        }
        Params params = Params.query(request.rawQuery());
        if (scope.presigned()) {
            params = params.without(CallMapper.PRESIGN_PARAMS);
        }
        S3Address address = S3Address.resolve(request.host(), request.rawPath(), pathStyleHosts, virtualHostBases);
        Target target = !address.hasContainer() ? Target.SERVICE
                : address.key().isEmpty() ? Target.BUCKET : Target.OBJECT;

        List<String> subs = new ArrayList<>();
        for (String name : params.names()) {
            if (S3Operation.SUBRESOURCES.contains(name)) {
                subs.add(name);
            }
        }
        if (subs.size() > 1) {
            throw new Unmappable("the request names several S3 sub-resources " + subs);
        }
        String sub = subs.isEmpty() ? "" : subs.get(0);
        boolean copy = request.header("x-amz-copy-source").isPresent();
        S3Operation op = null;
        for (S3Operation candidate : S3Operation.all()) {
            if (candidate.method().equals(request.method()) && candidate.target() == target
                    && candidate.subresource().equals(sub)) {
                boolean copyRow = candidate.special() == Special.COPY_OBJECT
                        || candidate.special() == Special.UPLOAD_PART_COPY;
                boolean copyMatters = target == Target.OBJECT && request.method().equals("PUT")
                        && (sub.isEmpty() || sub.equals("uploadId"));
                if (!copyMatters || copyRow == copy) {
                    op = candidate;
                    break;
                }
            }
        }
        if (op == null) {
            throw new Unmappable("no S3 operation is " + request.method() + " on "
                    + target.name().toLowerCase(Locale.ROOT) + (sub.isEmpty() ? "" : " with ?" + sub));
        }
        if (address.host().accessPoint().isPresent() && target == Target.BUCKET
                && !ACCESS_POINT_OPERATIONS.contains(op.name())) {
            throw new Unmappable("S3 " + op.name() + " through an access point is not supported");
        }
        if (copy && op.special() != Special.COPY_OBJECT && op.special() != Special.UPLOAD_PART_COPY) {
            throw new Unmappable("x-amz-copy-source on " + op.name());
        }
        for (String name : params.names()) {
            if (!name.equals(sub) && !name.equals("x-id") && !op.params().contains(name)) {
                throw new Unmappable("unknown or unsupported parameter \"" + name + "\" for S3 " + op.name());
            }
        }
        Optional<String> xid = params.get("x-id");
        if (xid.isPresent() && !xid.get().equals(op.name())) {
            throw new Unmappable("x-id=" + xid.get() + " does not name the operation the request is (" + op.name()
                    + ")");
        }
        if (sub.equals("list-type") && !params.get("list-type").orElse("").equals("2")) {
            throw new Unmappable("unknown list-type " + params.get("list-type").orElse(""));
        }
        if (op.name().equals("SelectObjectContent") && !params.get("select-type").orElse("").equals("2")) {
            throw new Unmappable("SelectObjectContent needs select-type=2");
        }
        if (op.name().startsWith("UploadPart") && !params.has("partNumber")) {
            throw new Unmappable(op.name() + " without partNumber");
        }
        return new Routed(op, address, params);
    }

    boolean needsBody(HttpRequestView request, CredentialScope scope) throws Unmappable {
        return route(request, scope).op().needsBody();
    }

    /**
     * The operation name, its parts, and what to forward: built from the parsed address, parameters
     * and body.
     */
    record Result(String operation, List<PartDraft> parts, Outbound outbound) {}

    Result map(HttpRequestView request, Env env) throws Unmappable {
        Routed routed = route(request, env.scope());
        S3Operation op = routed.op();
        S3Address address = routed.address();
        Params params = routed.params();
        String partition = env.partition();
        Optional<Document> doc = op.needsBody() ? document(op, request) : Optional.empty();
        Optional<Element> root = doc.map(Document::root);

        String resource = switch (op.target()) {
            case SERVICE -> "*";
            case BUCKET -> address.containerArn(partition);
            case OBJECT -> address.objectArn(partition);
        };
        Optional<String> versionId = params.get("versionId");
        String action = versionId.isPresent() && op.versionAction().isPresent() ? op.versionAction().get() : op.action();

        PartDraft main = PartDraft.of(action, resource);
        main.handles(HANDLED);
        commonKeys(main, request, env);
        accessPointKeys(main, address, partition);
        if (versionId.isPresent()) {
            main.key("s3:versionid", versionId.get());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headerKeys(main, request, headers);
        expectedOwner(main, request.header("x-amz-expected-bucket-owner"));

        List<String> keys = new ArrayList<>();
        address.key().ifPresent(keys::add);
        List<PartDraft> parts = new ArrayList<>();
        parts.add(main);
        switch (op.special()) {
            case NONE -> { }
            case LIST -> {
                for (String p : List.of("prefix", "delimiter", "max-keys")) {
                    Optional<String> v = params.get(p);
                    if (v.isPresent()) {
                        main.key("s3:" + p, v.get());
                    }
                }
                KEY_PARAMS.forEach(k -> params.get(k).ifPresent(keys::add));
            }
            case CREATE_BUCKET -> createBucket(main, parts, request, root);
            case DELETE_OBJECTS -> {
                parts.clear();
                parts.addAll(deleteObjects(main, address, partition, request, root.orElseThrow(), keys));
            }
            case WRITE_OBJECT -> writeExtras(main, parts, request);
            case COPY_OBJECT -> {
                parts.add(0, copySource(main, request, partition, headers, keys, nonAwsUpstream));
                writeExtras(main, parts, request);
            }
            case UPLOAD_PART_COPY -> parts.add(0, copySource(main, request, partition, headers, keys, nonAwsUpstream));
            case ATTRIBUTES -> parts.add(main.withAction(versionId.isPresent()
                    ? "s3:GetObjectVersionAttributes" : "s3:GetObjectAttributes"));
            case BYPASS_GOVERNANCE -> bypass(main, parts, request);
            case TAGGING_BODY -> tags(main, tagList(root.orElseThrow().one("TagSet").orElseThrow()));
            case RETENTION_BODY -> retention(main, parts, request, root.orElseThrow());
            case LEGAL_HOLD_BODY -> {
                Optional<String> status = root.orElseThrow().text("Status");
                if (status.isPresent()) {
                    main.key("s3:object-lock-legal-hold", status.get());
                }
            }
            case REPLICATION_BODY -> {
                String role = root.orElseThrow().text("Role").orElseThrow();
                parts.add(PartDraft.of("iam:PassRole", role).key("iam:PassedToService", "s3.amazonaws.com")
                        .handles("iam:PassedToService", "iam:AssociatedResourceArn"));
            }
            default -> throw new IllegalStateException(op.special().name());
        }
        if (request.header("x-amz-object-lock-retain-until-date").isEmpty()) {
            for (PartDraft p : parts) {
                p.handles("s3:object-lock-remaining-retention-days");
            }
        }
        if (nonAwsUpstream) {
            for (String k : keys) {
                dotSegments(k);
            }
        }
        Outbound.S3 destination = new Outbound.S3(address.host().aws() ? Optional.of(address.host()
                .awsAuthority(address.bucket())) : Optional.empty(), address.awsPath(), address.pathStylePath(),
                address.host().accessPoint().isPresent(), keys);
        Optional<byte[]> rebuilt = op.needsBody() ? Optional.of(doc.map(Document::bytes).orElse(new byte[0]))
                : Optional.empty();
        return new Result(op.name(), parts, new Outbound(destination, params.encode(), headers, rebuilt));
    }

    /** The body of an operation authorised from it, read against the operation's document shape. */
    private static Optional<Document> document(S3Operation op, HttpRequestView request) throws Unmappable {
        byte[] body = request.body().orElseThrow(() -> new Unmappable("S3 " + op.name()
                + " is authorised from its body, which was not provided"));
        if (body.length == 0 && op.special() == Special.CREATE_BUCKET) {
            return Optional.empty();
        }
        return Optional.of(StrictXml.parse(body, S3Bodies.shape(op.special())));
    }

    /** A key with a {@code .} or {@code ..} segment: a file-system backend would resolve it elsewhere. */
    private static void dotSegments(String key) throws Unmappable {
        for (String segment : key.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new Unmappable("the key or prefix \"" + key + "\" has a '" + segment + "' segment, which an "
                        + "S3-compatible upstream may resolve as a path; AWS S3 would not, but this upstream is not AWS");
            }
        }
    }

    /** Calls through an access point carry its ARN and account; its network origin is its own setting. */
    private static void accessPointKeys(PartDraft d, S3Address address, String partition) throws Unmappable {
        if (address.host().accessPoint().isPresent()) {
            d.key("s3:DataAccessPointArn", address.containerArn(partition));
            d.key("s3:DataAccessPointAccount", address.host().accessPoint().get().account());
            d.undetermined("s3:AccessPointNetworkOrigin");
        }
    }

    private static void retention(PartDraft main, List<PartDraft> parts, HttpRequestView request, Element root)
            throws Unmappable {
        Optional<String> mode = root.text("Mode");
        Optional<String> until = root.text("RetainUntilDate");
        if (mode.isPresent()) {
            main.key("s3:object-lock-mode", mode.get());
        }
        if (until.isPresent()) {
            main.key("s3:object-lock-retain-until-date", until.get());
            main.undetermined("s3:object-lock-remaining-retention-days");
        } else {
            main.handles("s3:object-lock-remaining-retention-days");
        }
        bypass(main, parts, request);
    }

    // ---------------------------------------------------------------------------------------------

    /** Keys every S3 request carries: how it was signed and over what. */
    private static void commonKeys(PartDraft d, HttpRequestView request, Env env) throws Unmappable {
        CredentialScope scope = env.scope();
        d.key("s3:authType", scope.presigned() ? "REST-QUERY-STRING" : "REST-HEADER");
        d.key("s3:signatureversion", CredentialScope.SIGV4);
        if (scope.presigned()) {
            if (scope.signedAt().isPresent()) {
                long age = Math.max(0, Duration.between(scope.signedAt().get(), env.ctx().now()).toMillis());
                d.key("s3:signatureAge", Long.toString(age));
                d.handles("s3:signatureAge");
            }
        } else {
            d.handles("s3:signatureAge");
        }
        Optional<String> sha = request.header("x-amz-content-sha256");
        if (sha.isPresent()) {
            d.key("s3:x-amz-content-sha256", sha.get());
        }
        if (sha.isPresent() || !scope.presigned()) {
            d.handles("s3:x-amz-content-sha256");
        }
        if (env.ctx().tlsVersion().isPresent()) {
            d.key("s3:TlsVersion", env.ctx().tlsVersion().get());
        }
        if (env.ctx().tlsVersion().isPresent() || !env.ctx().secureTransport()) {
            d.handles("s3:TlsVersion");
        }
    }

    /** Condition keys from headers; {@code rebuilt} gets the x-amz-tagging header re-encoded from its parse. */
    private static void headerKeys(PartDraft d, HttpRequestView request, Map<String, String> rebuilt)
            throws Unmappable {
        for (Map.Entry<String, String> e : HEADER_KEYS.entrySet()) {
            List<String> values = request.headerValues(e.getKey());
            if (values.size() > 1) {
                throw new Unmappable("header " + e.getKey() + " is given more than once");
            }
            if (!values.isEmpty()) {
                d.key(e.getValue(), values.get(0).trim());
            }
        }
        List<String> tagging = request.headerValues("x-amz-tagging");
        if (tagging.size() > 1) {
            throw new Unmappable("header x-amz-tagging is given more than once");
        }
        if (!tagging.isEmpty()) {
            Params tags = Params.query(tagging.get(0));
            tags(d, tags.asMap());
            rebuilt.put("x-amz-tagging", tags.encode());
        }
    }

    private static void tags(PartDraft d, Map<String, String> tags) throws Unmappable {
        if (tags.isEmpty()) {
            return;
        }
        for (Map.Entry<String, String> t : tags.entrySet()) {
            d.key("s3:RequestObjectTag/" + t.getKey(), t.getValue());
        }
        d.key("s3:RequestObjectTagKeys", new ArrayList<>(tags.keySet()));
    }

    private static void expectedOwner(PartDraft d, Optional<String> owner) throws Unmappable {
        // S3 refuses the call unless the bucket belongs to this account, so when the call can
        // succeed at all the resource account is known.
        if (owner.isPresent()) {
            if (!owner.get().matches("\\d{12}")) {
                throw new Unmappable("malformed expected bucket owner " + owner.get());
            }
            d.key("s3:ResourceAccount", owner.get());
            d.key("aws:ResourceAccount", owner.get());
        }
    }

    private static boolean anyAcl(HttpRequestView request) {
        return ACL_HEADERS.stream().anyMatch(h -> request.header(h).isPresent());
    }

    /** PutObject, CreateMultipartUpload and CopyObject: headers that need further permissions. */
    private static void writeExtras(PartDraft main, List<PartDraft> parts, HttpRequestView request) {
        if (anyAcl(request)) {
            parts.add(main.withAction("s3:PutObjectAcl"));
        }
        if (request.header("x-amz-tagging").isPresent()) {
            parts.add(main.withAction("s3:PutObjectTagging"));
        }
        if (request.header("x-amz-object-lock-mode").isPresent()
                || request.header("x-amz-object-lock-retain-until-date").isPresent()) {
            PartDraft retention = main.withAction("s3:PutObjectRetention");
            retention.undetermined("s3:object-lock-remaining-retention-days");
            parts.add(retention);
            main.undetermined("s3:object-lock-remaining-retention-days");
        }
        if (request.header("x-amz-object-lock-legal-hold").isPresent()) {
            parts.add(main.withAction("s3:PutObjectLegalHold"));
        }
    }

    private static void bypass(PartDraft main, List<PartDraft> parts, HttpRequestView request) throws Unmappable {
        if (flag(request, "x-amz-bypass-governance-retention")) {
            parts.add(main.withAction("s3:BypassGovernanceRetention"));
        }
    }

    /**
     * A boolean header that asks for more than the operation (and so for another action). Only
     * {@code true} and {@code false} are read: S3-compatible servers parse other spellings their own
     * way (Go's ParseBool takes {@code 1} and {@code t}), so a value the gate would read as false
     * but an upstream as true is refused.
     */
    private static boolean flag(HttpRequestView request, String name) throws Unmappable {
        Optional<String> value = request.header(name).map(String::trim);
        if (value.isEmpty() || value.get().equalsIgnoreCase("false")) {
            return false;
        }
        if (value.get().equalsIgnoreCase("true")) {
            return true;
        }
        throw new Unmappable("header " + name + " is \"" + value.get() + "\"; send true or false");
    }

    /** The read half of a copy: GetObject (or GetObjectVersion) on the source. */
    private static PartDraft copySource(PartDraft destination, HttpRequestView request, String partition,
            Map<String, String> rebuilt, List<String> keys, boolean nonAwsUpstream) throws Unmappable {
        String raw = request.header("x-amz-copy-source").orElseThrow().trim();
        if (request.headerValues("x-amz-copy-source").size() > 1) {
            throw new Unmappable("x-amz-copy-source is given more than once");
        }
        if (raw.startsWith("arn:") || raw.startsWith("/arn:") || raw.startsWith("arn%3A")) {
            throw new Unmappable("copying from an access point or Outposts ARN is not supported");
        }
        String path = raw.startsWith("/") ? raw.substring(1) : raw;
        Optional<String> version = Optional.empty();
        int q = path.indexOf('?');
        if (q >= 0) {
            Params p = Params.query(path.substring(q + 1));
            for (String name : p.names()) {
                if (!name.equals("versionId")) {
                    throw new Unmappable("x-amz-copy-source has an unknown parameter " + name);
                }
            }
            version = p.get("versionId");
            if (version.isPresent() && nonAwsUpstream) {
                throw new Unmappable("x-amz-copy-source with a versionId is refused for an upstream other than AWS: "
                        + "S3-compatible servers may read \"?versionId=\" as part of the source key; copy the "
                        + "current version or use AWS");
            }
            path = path.substring(0, q);
        }
        String decoded = Percent.decode(path, false, false);
        int slash = decoded.indexOf('/');
        if (slash <= 0 || slash == decoded.length() - 1) {
            throw new Unmappable("x-amz-copy-source " + raw + " does not name a bucket and key");
        }
        String bucket = S3Host.pathBucket(decoded.substring(0, slash));
        String sourceKey = decoded.substring(slash + 1);
        keys.add(sourceKey);
        rebuilt.put("x-amz-copy-source", "/" + Percent.encodeComponent(bucket) + "/" + Percent.encodePath(sourceKey)
                + version.map(v -> "?versionId=" + Percent.encodeComponent(v)).orElse(""));
        destination.key("s3:x-amz-copy-source", decoded);
        PartDraft source = PartDraft.of(version.isPresent() ? "s3:GetObjectVersion" : "s3:GetObject",
                "arn:" + partition + ":s3:::" + decoded);
        source.handles(HANDLED);
        for (String k : List.of("s3:authType", "s3:signatureversion", "s3:signatureAge", "s3:x-amz-content-sha256",
                "s3:TlsVersion")) {
            if (destination.keys.containsKey(k)) {
                source.key(k, destination.keys.get(k));
            }
            if (destination.handled.contains(k)) {
                source.handles(k);
            }
        }
        if (version.isPresent()) {
            source.key("s3:versionid", version.get());
        }
        expectedOwner(source, request.header("x-amz-source-expected-bucket-owner"));
        return source;
    }

    private static void createBucket(PartDraft main, List<PartDraft> parts, HttpRequestView request,
            Optional<Element> configuration) throws Unmappable {
        if (configuration.isPresent()) {
            Element root = configuration.get();
            Optional<String> location = root.text("LocationConstraint");
            if (location.isPresent()) {
                main.key("s3:locationconstraint", location.get());
            }
            Optional<Element> tags = root.one("Tags");
            if (tags.isPresent()) {
                Map<String, String> t = tagList(tags.get());
                for (Map.Entry<String, String> e : t.entrySet()) {
                    main.key("aws:RequestTag/" + e.getKey(), e.getValue());
                }
                if (!t.isEmpty()) {
                    main.key("aws:TagKeys", new ArrayList<>(t.keySet()));
                }
            }
        }
        if (anyAcl(request)) {
            parts.add(main.withAction("s3:PutBucketAcl"));
        }
        if (flag(request, "x-amz-bucket-object-lock-enabled")) {
            parts.add(main.withAction("s3:PutBucketObjectLockConfiguration"));
            parts.add(main.withAction("s3:PutBucketVersioning"));
        }
        if (request.header("x-amz-object-ownership").isPresent()) {
            parts.add(main.withAction("s3:PutBucketOwnershipControls"));
        }
    }

    private static List<PartDraft> deleteObjects(PartDraft template, S3Address address, String partition,
            HttpRequestView request, Element root, List<String> keys) throws Unmappable {
        List<Element> objects = root.all("Object");
        boolean bypass = flag(request, "x-amz-bypass-governance-retention");
        Set<String> seen = new LinkedHashSet<>();
        List<PartDraft> out = new ArrayList<>();
        for (Element object : objects) {
            String key = object.text("Key").orElseThrow();
            if (key.isEmpty()) {
                throw new Unmappable("DeleteObjects entry with an empty Key");
            }
            keys.add(key);
            Optional<String> version = object.text("VersionId");
            String resource = new S3Address(address.host(), address.bucket(), Optional.of(key)).objectArn(partition);
            if (!seen.add(resource + "\u0000" + version.orElse(""))) {
                continue;
            }
            PartDraft d = template.withResource(resource);
            PartDraft part = version.isPresent() ? d.withAction("s3:DeleteObjectVersion") : d;
            if (version.isPresent()) {
                part.key("s3:versionid", version.get());
            }
            if (object.one("ETag").isPresent()) {
                part.undetermined("s3:if-match");
            }
            out.add(part);
            if (bypass) {
                out.add(part.withAction("s3:BypassGovernanceRetention"));
            }
        }
        return out;
    }

    private static Map<String, String> tagList(Element container) throws Unmappable {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Element tag : container.all("Tag")) {
            String k = tag.text("Key").orElseThrow();
            String v = tag.text("Value").orElseThrow();
            if (tags.keySet().stream().anyMatch(existing -> existing.equalsIgnoreCase(k))) {
                throw new Unmappable("tag key " + k + " is given twice (condition keys are case-insensitive)");
            }
            tags.put(k, v);
        }
        return tags;
    }

    private static Map<String, String> headerKeys() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String h : List.of("x-amz-acl", "x-amz-grant-read", "x-amz-grant-write", "x-amz-grant-read-acp",
                "x-amz-grant-write-acp", "x-amz-grant-full-control", "x-amz-server-side-encryption",
                "x-amz-server-side-encryption-aws-kms-key-id", "x-amz-server-side-encryption-customer-algorithm",
                "x-amz-storage-class", "x-amz-website-redirect-location", "x-amz-metadata-directive",
                "x-amz-object-annotation-directive", "x-amz-object-ownership")) {
            m.put(h, "s3:" + h);
        }
        m.put("x-amz-object-lock-mode", "s3:object-lock-mode");
        m.put("x-amz-object-lock-retain-until-date", "s3:object-lock-retain-until-date");
        m.put("x-amz-object-lock-legal-hold", "s3:object-lock-legal-hold");
        m.put("If-Match", "s3:if-match");
        m.put("If-None-Match", "s3:if-none-match");
        return Map.copyOf(m);
    }
}
