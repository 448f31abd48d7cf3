package dev.airlock.callmap;

import dev.airlock.callmap.CallMapping.Mapped;
import dev.airlock.callmap.CallMapping.Unmapped;
import dev.airlock.catalog.ActionCatalog;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Works out what IAM authorises for one (already signature-verified) AWS API call: the actions,
 * the resource ARNs and the request's condition keys, ready for the policy engine. A call it cannot
 * map faithfully is {@link Unmapped}, and the endpoint must deny it; nothing is guessed.
 *
 * <p>Understood: S3 REST (path-style and virtual-hosted), AWS JSON ({@code X-Amz-Target}) and AWS
 * Query ({@code Action=...}) calls of any service whose action IAM evaluates on {@code *}, with
 * resources for DynamoDB, SQS, SNS, SSM Parameter Store, Secrets Manager, KMS, EC2 instances and
 * STS AssumeRole, and Lambda's REST-JSON function API. Every action produced is checked against the
 * {@link ActionCatalog}, and every resource against the action's resource types.
 *
 * <p>Thread-safe and stateless apart from its configuration.
 */
public final class CallMapper {

    /** Query parameters of a presigned URL's signature; they select nothing and are never forwarded. */
    static final Set<String> PRESIGN_PARAMS = Set.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date",
            "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Security-Token");

    private final ActionCatalog catalog;
    private final ResourceResolver resolver;
    private final S3Mapper s3;
    private final RpcMapper rpc;
    private final LambdaMapper lambda = new LambdaMapper();

    private CallMapper(Builder b) {
        this.catalog = b.catalog;
        this.resolver = b.resolver;
        this.s3 = new S3Mapper(b.s3PathStyleHosts, b.s3VirtualHostBases, b.nonAwsUpstream);
        this.rpc = new RpcMapper(serviceMappers());
    }

    /** The built-in catalog, no resolver, AWS S3 host names only. */
    public static CallMapper standard() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Configuration of a {@link CallMapper}. */
    public static final class Builder {
        private ActionCatalog catalog;
        private ResourceResolver resolver = ResourceResolver.none();
        private final Set<String> s3VirtualHostBases = new LinkedHashSet<>();
        private final Set<String> s3PathStyleHosts = new LinkedHashSet<>();
        private boolean nonAwsUpstream;

        private Builder() {}

        /** The catalog to check actions against; {@link ActionCatalog#builtIn()} by default. */
        public Builder catalog(ActionCatalog c) {
            this.catalog = Objects.requireNonNull(c);
            return this;
        }

        /** How to find a KMS alias's key or a secret's full ARN; {@link ResourceResolver#none()} by default. */
        public Builder resolver(ResourceResolver r) {
            this.resolver = Objects.requireNonNull(r);
            return this;
        }

        /**
         * A host name under which {@code BUCKET.base} is virtual-hosted-style S3 (for instance the
         * endpoint's own name); the base itself is path-style. AWS S3 host names need no
         * configuration.
         */
        public Builder s3VirtualHostBase(String base) {
            s3VirtualHostBases.add(base.toLowerCase(Locale.ROOT));
            return this;
        }

        /**
         * A host name (without port) that serves path-style S3, besides AWS's endpoints and the
         * loopback names: for instance an S3-compatible upstream's own name.
         */
        public Builder s3PathStyleHost(String host) {
            s3PathStyleHosts.add(host.toLowerCase(Locale.ROOT));
            return this;
        }

        /**
         * Calls go to an S3-compatible upstream, not AWS: keys and prefixes with {@code .} or
         * {@code ..} segments are refused, since file-system backends resolve them to other paths.
         */
        public Builder nonAwsUpstream() {
            nonAwsUpstream = true;
            return this;
        }

        public CallMapper build() {
            if (catalog == null) {
                catalog = ActionCatalog.builtIn();
            }
            return new CallMapper(this);
        }
    }

    /**
     * Whether {@link #map} needs the request body: the caller must then buffer it (up to
     * {@value RpcMapper#MAX_BODY} bytes; a larger body cannot be mapped) and pass it with
     * {@link HttpRequestView#withBody}. True for AWS JSON and Query calls, Lambda calls that carry
     * configuration, and the few S3 operations authorised from their small XML body
     * (DeleteObjects, CreateBucket, PutObjectTagging, PutObjectRetention, PutObjectLegalHold,
     * PutBucketReplication); false for S3 object uploads and everything else. A request that will
     * not map at all needs no body.
     */
    public boolean needsBody(HttpRequestView request) {
        try {
            CredentialScope scope = CredentialScope.of(request);
            if (scope.service().equals("s3")) {
                return s3.needsBody(request, scope);
            }
            if (RpcMapper.isJson(request)) {
                return true;
            }
            if (scope.service().equals("lambda")) {
                return LambdaMapper.needsBody(request);
            }
            return request.method().equals("POST") && RpcMapper.maybeQuery(request);
        } catch (Unmappable | RuntimeException e) {
            return false;
        }
    }

    /** The IAM authorisations {@code request} needs, or why it cannot be mapped. */
    public CallMapping map(HttpRequestView request, CallContext context) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(context, "context");
        try {
            return mapOrThrow(request, context);
        } catch (Unmappable e) {
            return new Unmapped(e.getMessage());
        } catch (RuntimeException e) {
            // Fail closed: a bug in a mapper must deny, not allow.
            return new Unmapped("internal error while mapping: " + e);
        }
    }

    private CallMapping mapOrThrow(HttpRequestView request, CallContext context) throws Unmappable {
        if (request.body().map(b -> b.length > RpcMapper.MAX_BODY).orElse(false)) {
            throw new Unmappable("the body is larger than " + RpcMapper.MAX_BODY + " bytes");
        }
        refuseAmbiguousHeaders(request);
        CredentialScope scope = CredentialScope.of(request);
        checkHost(request.host(), scope.service());
        Env env = new Env(context, scope, catalog, resolver);
        String service;
        String operation;
        List<PartDraft> drafts;
        Outbound outbound;
        if (scope.service().equals("s3")) {
            S3Mapper.Result r = s3.map(request, env);
            service = "s3";
            operation = r.operation();
            drafts = r.parts();
            outbound = r.outbound();
        } else {
            RpcMapper.SimpleResult r;
            if (RpcMapper.isJson(request)) {
                r = rpc.mapJson(request, env);
            } else if (scope.service().equals("lambda")) {
                r = lambda.map(request, env);
            } else if (RpcMapper.maybeQuery(request)) {
                r = rpc.mapQuery(request, env);
            } else {
                throw new Unmappable("no mapping for " + scope.service() + " " + request.method() + " "
                        + request.rawPath() + " (neither an AWS JSON nor an AWS Query call)");
            }
            service = r.service();
            operation = r.operation();
            drafts = r.parts();
            Params query = Params.query(request.rawQuery());
            if (scope.presigned()) {
                query = query.without(PRESIGN_PARAMS);
            }
            outbound = new Outbound(new Outbound.Service(awsHost(request.host()), ServicePath.rebuild(request.rawPath())),
                    query.encodeForm(), java.util.Map.of(), r.body());
        }
        List<IamRequestPart> parts = new ArrayList<>();
        for (PartDraft d : drafts) {
            IamRequestPart p = PartGate.finish(d, env);
            if (!parts.contains(p)) {
                parts.add(p);
            }
        }
        if (parts.isEmpty()) {
            throw new Unmappable("the call maps to no authorisation");
        }
        return new Mapped(service, operation, parts, GlobalKeys.of(context, scope, request), outbound);
    }

    /**
     * Headers are forwarded as sent, so none may mean one thing here and another upstream: a header
     * given twice (the gate joins the values, Go servers read the first, others the last) is refused,
     * and so are vendor headers that turn a call into another operation (MinIO's and Snowball Edge's
     * auto-extract unpacks an upload into objects anywhere in the bucket; {@code x-minio-*} are
     * MinIO's internal replication and control headers).
     */
    private static void refuseAmbiguousHeaders(HttpRequestView request) throws Unmappable {
        for (var e : request.headers().entrySet()) {
            String name = e.getKey().toLowerCase(java.util.Locale.ROOT);
            if (e.getValue().size() > 1) {
                throw new Unmappable("header " + name + " is given " + e.getValue().size()
                        + " times; send it once");
            }
            if (name.startsWith("x-minio-") || name.equals("x-amz-meta-snowball-auto-extract")
                    || name.startsWith("x-amz-meta-minio-snowball-")) {
                throw new Unmappable("header " + name + " is refused: S3-compatible servers read it as an "
                        + "instruction (another operation than the one evaluated), not as metadata");
            }
        }
    }

    /** The AWS host a service call was signed for; empty when it was addressed to the endpoint itself. */
    private static java.util.Optional<String> awsHost(String hostHeader) throws Unmappable {
        String host = S3Host.bareHost(hostHeader);
        if (S3Host.isLoopback(host)) {
            return java.util.Optional.empty();
        }
        if (host.endsWith(".amazonaws.com") || host.endsWith(".amazonaws.com.cn") || host.endsWith(".api.aws")) {
            return java.util.Optional.of(host);
        }
        throw new Unmappable("host " + host + " is neither an AWS host nor this endpoint's own address");
    }

    /**
     * On an AWS host name, some label must start with the signing service's name: a request signed
     * for one service and sent to another's endpoint would be authorised for the wrong thing.
     */
    private static void checkHost(String hostHeader, String service) throws Unmappable {
        String host = S3Host.bareHost(hostHeader);
        if (!host.endsWith(".amazonaws.com") && !host.endsWith(".amazonaws.com.cn")) {
            return;
        }
        for (String label : host.split("\\.")) {
            if (label.startsWith(service)) {
                return;
            }
        }
        throw new Unmappable("the request is signed for " + service + " but sent to " + host);
    }

    private static Map<String, ServiceMapper> serviceMappers() {
        return Map.of("dynamodb", new DynamoDbMapper(), "sqs", new SqsMapper(), "sns", new SnsMapper(),
                "ssm", new SsmMapper(), "secretsmanager", new SecretsManagerMapper(), "kms", new KmsMapper(),
                "ec2", new Ec2Mapper(), "sts", new StsMapper());
    }

    /**
     * Every action this mapper's tables name explicitly (S3 rows, per-service mappers, Lambda
     * routes). Generic JSON/Query mappings name {@code service:Operation} and are checked against
     * the catalog on every call.
     */
    public static Set<String> tableActions() {
        Set<String> out = new TreeSet<>();
        for (S3Operation op : S3Operation.all()) {
            out.addAll(op.actions());
        }
        for (ServiceMapper m : serviceMappers().values()) {
            out.addAll(m.actions());
        }
        out.addAll(LambdaMapper.actions());
        return out;
    }
}
