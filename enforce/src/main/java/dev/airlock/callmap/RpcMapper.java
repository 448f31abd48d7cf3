package dev.airlock.callmap;

import dev.airlock.callmap.ServiceMapper.Call;
import dev.airlock.callmap.ServiceMapper.Protocol;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * AWS JSON ({@code X-Amz-Target: Prefix.Operation}) and AWS Query ({@code Action=Operation}) calls:
 * the operation names the action ({@code service:Operation}, the service being the signing
 * service's IAM prefix), and per-service mappers find the resources. An operation without a
 * service mapper is mapped only when IAM evaluates its action on {@code *}.
 */
final class RpcMapper {

    private static final Pattern OPERATION = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,127}");
    private static final Pattern TARGET = Pattern.compile("([A-Za-z0-9_.-]+)\\.([A-Za-z][A-Za-z0-9]*)");

    /** Signing names that differ from the IAM service prefix. */
    private static final Map<String, String> IAM_PREFIX = Map.of("monitoring", "cloudwatch", "email", "ses");

    /** The X-Amz-Target prefixes each known service uses. */
    private static final Map<String, List<String>> TARGET_PREFIXES = Map.of(
            "dynamodb", List.of("DynamoDB_20120810", "DynamoDBStreams_20120810"),
            "sqs", List.of("AmazonSQS"),
            "ssm", List.of("AmazonSSM"),
            "secretsmanager", List.of("secretsmanager"),
            "kms", List.of("TrentService"));

    static final int MAX_BODY = 1 << 20;

    private final Map<String, ServiceMapper> services;

    RpcMapper(Map<String, ServiceMapper> services) {
        this.services = Map.copyOf(services);
    }

    static String iamPrefix(String signingName) {
        return IAM_PREFIX.getOrDefault(signingName, signingName);
    }

    static boolean isJson(HttpRequestView request) {
        return request.header("X-Amz-Target").isPresent();
    }

    /** Whether the request looks like a Query-protocol call (its Action may be in the body). */
    static boolean maybeQuery(HttpRequestView request) throws Unmappable {
        if (Params.query(request.rawQuery()).has("Action")) {
            return true;
        }
        return request.method().equals("POST") && isForm(request);
    }

    private static final Set<String> JSON_TYPES = Set.of("application/x-amz-json-1.0", "application/x-amz-json-1.1",
            "application/json");
    private static final String FORM_TYPE = "application/x-www-form-urlencoded";

    private static boolean isForm(HttpRequestView request) {
        return mediaType(request).equals(FORM_TYPE);
    }

    /** The Content-Type without parameters, lower-cased; empty when absent. */
    private static String mediaType(HttpRequestView request) {
        String type = request.header("Content-Type").orElse("");
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** The operation name and parts of a JSON-protocol call. */
    SimpleResult mapJson(HttpRequestView request, Env env) throws Unmappable {
        String target = request.header("X-Amz-Target").orElseThrow().trim();
        var m = TARGET.matcher(target);
        if (!m.matches()) {
            throw new Unmappable("malformed X-Amz-Target " + target);
        }
        String prefix = iamPrefix(env.scope().service());
        List<String> expected = TARGET_PREFIXES.get(prefix);
        if (expected != null && !expected.contains(m.group(1))) {
            throw new Unmappable("X-Amz-Target " + target + " is not a " + prefix + " target");
        }
        if (!request.method().equals("POST")) {
            throw new Unmappable("JSON-protocol calls are POSTs");
        }
        if (!request.rawPath().equals("/")) {
            throw new Unmappable("JSON-protocol calls go to the path /, not " + request.rawPath());
        }
        // The body is forwarded under the client's Content-Type: it must be read as the JSON it was evaluated as.
        if (!JSON_TYPES.contains(mediaType(request))) {
            throw new Unmappable("a JSON-protocol call (X-Amz-Target) with Content-Type \""
                    + request.header("Content-Type").orElse("") + "\"; send application/x-amz-json-1.0 or 1.1");
        }
        Args.Json args = Args.Json.parse(body(request));
        return map(new Call(m.group(2), args, Protocol.JSON, m.group(1), request), prefix, env)
                .withBody(Optional.of(args.bytes()));
    }

    /** The operation name and parts of a Query-protocol call. */
    SimpleResult mapQuery(HttpRequestView request, Env env) throws Unmappable {
        Params params = Params.query(request.rawQuery());
        Optional<byte[]> rebuilt = Optional.empty();
        if (request.method().equals("POST")) {
            boolean form = isForm(request);
            byte[] body = body(request);
            if (form) {
                Params fields = Params.form(Percent.utf8(body));
                params = params.merge(fields);
                rebuilt = Optional.of(fields.encodeForm().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            } else if (body.length > 0) {
                throw new Unmappable("a Query-protocol POST whose body is not a form");
            } else {
                rebuilt = Optional.of(new byte[0]);
            }
        } else if (!request.method().equals("GET")) {
            throw new Unmappable("Query-protocol calls are GETs or POSTs");
        }
        String prefix = iamPrefix(env.scope().service());
        if (!request.rawPath().equals("/") && !prefix.equals("sqs")) {
            throw new Unmappable("Query-protocol calls go to the path /, not " + request.rawPath());
        }
        String operation = params.get("Action").orElseThrow(() -> new Unmappable("no Action parameter"));
        return map(new Call(operation, new Args.Query(params), Protocol.QUERY, "", request), prefix, env)
                .withBody(rebuilt);
    }

    private SimpleResult map(Call call, String prefix, Env env) throws Unmappable {
        if (!OPERATION.matcher(call.operation()).matches()) {
            throw new Unmappable("malformed operation name " + call.operation());
        }
        if (env.catalog().service(prefix).isEmpty()) {
            throw new Unmappable("service " + prefix + " is not in the action catalog");
        }
        ServiceMapper mapper = services.get(prefix);
        Optional<List<PartDraft>> parts = mapper == null ? Optional.empty() : mapper.map(call, env);
        if (parts.isPresent()) {
            return new SimpleResult(prefix, call.operation(), parts.get(), Optional.empty());
        }
        return new SimpleResult(prefix, call.operation(), List.of(generic(prefix, call)), Optional.empty());
    }

    /**
     * {@code service:Operation} on {@code *}. {@link PartGate} refuses it unless IAM evaluates the
     * action without a resource, so an operation whose resource this mapper cannot find is denied.
     */
    static PartDraft generic(String prefix, Call call) throws Unmappable {
        PartDraft d = PartDraft.of(prefix + ":" + call.operation(), "*");
        requestTags(d, call.args(), "Tags", "Key", "Value");
        return d;
    }

    /** aws:RequestTag/* and aws:TagKeys from a tag list, when it has the expected shape. */
    static void requestTags(PartDraft d, Args args, String member, String keyField, String valueField)
            throws Unmappable {
        Map<String, String> tags;
        try {
            tags = args.pairs(member, keyField, valueField);
        } catch (Unmappable e) {
            return; // another shape: leave the tag keys undetermined
        }
        tagKeys(d, tags);
    }

    static void tagKeys(PartDraft d, Map<String, String> tags) throws Unmappable {
        for (Map.Entry<String, String> t : tags.entrySet()) {
            d.key("aws:RequestTag/" + t.getKey(), t.getValue());
        }
        if (!tags.isEmpty()) {
            d.key("aws:TagKeys", List.copyOf(tags.keySet()));
        }
        d.handles("aws:RequestTag/${TagKey}", "aws:TagKeys");
    }

    static byte[] body(HttpRequestView request) throws Unmappable {
        byte[] body = request.body().orElseThrow(() -> new Unmappable("the call's body was not provided"));
        if (body.length > MAX_BODY) {
            throw new Unmappable("the body is larger than " + MAX_BODY + " bytes");
        }
        return body;
    }

    /**
     * @param body the body to forward, rebuilt from its parse, when the mapper read the body
     */
    record SimpleResult(String service, String operation, List<PartDraft> parts, Optional<byte[]> body) {

        SimpleResult withBody(Optional<byte[]> rebuilt) {
            return new SimpleResult(service, operation, parts, rebuilt);
        }
    }
}
