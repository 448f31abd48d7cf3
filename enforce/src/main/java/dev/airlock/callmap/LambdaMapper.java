package dev.airlock.callmap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.airlock.policy.match.Arn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda's REST-JSON API: the operation is the method and path
 * ({@code POST /2015-03-31/functions/NAME/invocations} is Invoke, authorised as
 * {@code lambda:InvokeFunction}); the function is the path's NAME, which may be a name, a partial
 * ARN ({@code ACCOUNT:function:NAME}) or a full ARN, each optionally with {@code :QUALIFIER}, or a
 * {@code Qualifier} query parameter.
 *
 * <p>Invoke, AddPermission and RemovePermission are evaluated on the qualified ARN when a version
 * or alias is given (Lambda Developer Guide, "Using Lambda aliases"). For the other operations the
 * documentation does not settle which ARN IAM evaluates when a qualifier is given, so both the
 * function ARN and the qualified ARN are required (never more permissive than either).
 */
final class LambdaMapper {

    private static final Pattern FUNCTION = Pattern.compile(
            "(?:arn:([a-z-]+):lambda:([a-z0-9-]+):(\\d{12}):function:|(\\d{12}):function:)?"
                    + "([A-Za-z0-9_-]{1,140})(?::(\\$LATEST|[A-Za-z0-9_-]{1,128}))?");
    private static final Pattern QUALIFIER = Pattern.compile("\\$LATEST|[A-Za-z0-9_-]{1,128}");

    /** How a route names its resource. */
    private enum Resource { NONE, FUNCTION, FUNCTION_QUALIFIED, TAGGED_ARN, BODY_FUNCTION }

    private record Route(String method, String pattern, String operation, String action, Resource resource,
            Set<String> params, boolean body) {
        Route {
            params = Set.copyOf(params);
        }
    }

    private static final String F = "{F}";
    private static final List<Route> ROUTES = List.of(
            new Route("GET", "/2015-03-31/functions/", "ListFunctions", "lambda:ListFunctions", Resource.NONE,
                    Set.of("Marker", "MaxItems", "MasterRegion", "FunctionVersion"), false),
            new Route("GET", "/2015-03-31/functions", "ListFunctions", "lambda:ListFunctions", Resource.NONE,
                    Set.of("Marker", "MaxItems", "MasterRegion", "FunctionVersion"), false),
            new Route("POST", "/2015-03-31/functions", "CreateFunction", "lambda:CreateFunction",
                    Resource.BODY_FUNCTION, Set.of(), true),
            new Route("GET", "/2015-03-31/functions/{F}", "GetFunction", "lambda:GetFunction", Resource.FUNCTION,
                    Set.of("Qualifier"), false),
            new Route("DELETE", "/2015-03-31/functions/{F}", "DeleteFunction", "lambda:DeleteFunction",
                    Resource.FUNCTION, Set.of("Qualifier"), false),
            new Route("POST", "/2015-03-31/functions/{F}/invocations", "Invoke", "lambda:InvokeFunction",
                    Resource.FUNCTION_QUALIFIED, Set.of("Qualifier"), false),
            new Route("POST", "/2014-11-13/functions/{F}/invoke-async/", "InvokeAsync", "lambda:InvokeAsync",
                    Resource.FUNCTION_QUALIFIED, Set.of(), false),
            new Route("GET", "/2015-03-31/functions/{F}/configuration", "GetFunctionConfiguration",
                    "lambda:GetFunctionConfiguration", Resource.FUNCTION, Set.of("Qualifier"), false),
            new Route("PUT", "/2015-03-31/functions/{F}/configuration", "UpdateFunctionConfiguration",
                    "lambda:UpdateFunctionConfiguration", Resource.FUNCTION, Set.of(), true),
            new Route("PUT", "/2015-03-31/functions/{F}/code", "UpdateFunctionCode", "lambda:UpdateFunctionCode",
                    Resource.FUNCTION, Set.of(), false),
            new Route("GET", "/2015-03-31/functions/{F}/policy", "GetPolicy", "lambda:GetPolicy", Resource.FUNCTION,
                    Set.of("Qualifier"), false),
            new Route("POST", "/2015-03-31/functions/{F}/policy", "AddPermission", "lambda:AddPermission",
                    Resource.FUNCTION_QUALIFIED, Set.of("Qualifier"), true),
            new Route("DELETE", "/2015-03-31/functions/{F}/policy/{S}", "RemovePermission",
                    "lambda:RemovePermission", Resource.FUNCTION_QUALIFIED, Set.of("Qualifier", "RevisionId"),
                    false),
            new Route("GET", "/2015-03-31/functions/{F}/versions", "ListVersionsByFunction",
                    "lambda:ListVersionsByFunction", Resource.FUNCTION, Set.of("Marker", "MaxItems"), false),
            new Route("POST", "/2015-03-31/functions/{F}/versions", "PublishVersion", "lambda:PublishVersion",
                    Resource.FUNCTION, Set.of(), false),
            new Route("GET", "/2015-03-31/functions/{F}/aliases", "ListAliases", "lambda:ListAliases",
                    Resource.FUNCTION, Set.of("FunctionVersion", "Marker", "MaxItems"), false),
            new Route("POST", "/2015-03-31/functions/{F}/aliases", "CreateAlias", "lambda:CreateAlias",
                    Resource.FUNCTION, Set.of(), false),
            new Route("GET", "/2015-03-31/functions/{F}/aliases/{S}", "GetAlias", "lambda:GetAlias",
                    Resource.FUNCTION, Set.of(), false),
            new Route("PUT", "/2015-03-31/functions/{F}/aliases/{S}", "UpdateAlias", "lambda:UpdateAlias",
                    Resource.FUNCTION, Set.of(), false),
            new Route("DELETE", "/2015-03-31/functions/{F}/aliases/{S}", "DeleteAlias", "lambda:DeleteAlias",
                    Resource.FUNCTION, Set.of(), false),
            new Route("PUT", "/2017-10-31/functions/{F}/concurrency", "PutFunctionConcurrency",
                    "lambda:PutFunctionConcurrency", Resource.FUNCTION, Set.of(), false),
            new Route("DELETE", "/2017-10-31/functions/{F}/concurrency", "DeleteFunctionConcurrency",
                    "lambda:DeleteFunctionConcurrency", Resource.FUNCTION, Set.of(), false),
            new Route("GET", "/2019-09-30/functions/{F}/concurrency", "GetFunctionConcurrency",
                    "lambda:GetFunctionConcurrency", Resource.FUNCTION, Set.of(), false),
            new Route("GET", "/2021-10-31/functions/{F}/url", "GetFunctionUrlConfig", "lambda:GetFunctionUrlConfig",
                    Resource.FUNCTION, Set.of("Qualifier"), false),
            new Route("DELETE", "/2021-10-31/functions/{F}/url", "DeleteFunctionUrlConfig",
                    "lambda:DeleteFunctionUrlConfig", Resource.FUNCTION, Set.of("Qualifier"), false),
            new Route("GET", "/2017-03-31/tags/{A}", "ListTags", "lambda:ListTags", Resource.TAGGED_ARN, Set.of(),
                    false),
            new Route("GET", "/2016-08-19/account-settings/", "GetAccountSettings", "lambda:GetAccountSettings",
                    Resource.NONE, Set.of(), false),
            new Route("GET", "/2016-08-19/account-settings", "GetAccountSettings", "lambda:GetAccountSettings",
                    Resource.NONE, Set.of(), false));

    static Set<String> actions() {
        Set<String> out = new java.util.TreeSet<>();
        for (Route r : ROUTES) {
            out.add(r.action);
        }
        out.add("iam:PassRole");
        out.add("lambda:TagResource");
        return out;
    }

    private record Matched(Route route, Map<String, String> vars, Params params) {}

    private static Matched route(HttpRequestView request) throws Unmappable {
        Params params = Params.query(request.rawQuery());
        String[] path = request.rawPath().split("/", -1);
        for (Route r : ROUTES) {
            if (!r.method.equals(request.method())) {
                continue;
            }
            String[] pattern = r.pattern.split("/", -1);
            if (pattern.length != path.length) {
                continue;
            }
            Map<String, String> vars = new java.util.HashMap<>();
            boolean ok = true;
            for (int i = 0; i < pattern.length && ok; i++) {
                if (pattern[i].startsWith("{")) {
                    String v = Percent.decode(path[i], false, false);
                    ok = !v.isEmpty();
                    vars.put(pattern[i], v);
                } else {
                    ok = pattern[i].equals(path[i]);
                }
            }
            if (ok) {
                for (String name : params.names()) {
                    if (!r.params.contains(name)) {
                        throw new Unmappable("unknown or unsupported parameter \"" + name + "\" for Lambda "
                                + r.operation);
                    }
                }
                return new Matched(r, vars, params);
            }
        }
        throw new Unmappable("no Lambda operation is " + request.method() + " " + request.rawPath());
    }

    static boolean needsBody(HttpRequestView request) {
        try {
            return route(request).route.body;
        } catch (Unmappable e) {
            return false;
        }
    }

    RpcMapper.SimpleResult map(HttpRequestView request, Env env) throws Unmappable {
        Matched m = route(request);
        Route r = m.route;
        Args.Json body = null;
        if (r.body) {
            body = Args.Json.parse(RpcMapper.body(request));
        }
        List<PartDraft> parts = new ArrayList<>();
        switch (r.resource) {
            case NONE -> parts.add(PartDraft.of(r.action, "*"));
            case TAGGED_ARN -> {
                String arn = m.vars.get("{A}");
                Arn parsed = Arns.require(arn, "lambda", "tagged resource");
                Arns.samePartition(parsed, env);
                parts.add(PartDraft.of(r.action, arn));
            }
            case BODY_FUNCTION -> {
                String name = body.str("FunctionName").orElseThrow(() -> new Unmappable("CreateFunction without "
                        + "FunctionName"));
                Fn fn = function(name, Optional.empty(), env);
                if (fn.qualifier.isPresent()) {
                    throw new Unmappable("CreateFunction with a qualified name");
                }
                parts.add(PartDraft.of(r.action, fn.arn()));
            }
            case FUNCTION, FUNCTION_QUALIFIED -> {
                Fn fn = function(m.vars.get(F), m.params.get("Qualifier"), env);
                if (fn.qualifier.isPresent() && r.resource == Resource.FUNCTION) {
                    parts.add(PartDraft.of(r.action, fn.arn()));
                    parts.add(PartDraft.of(r.action, fn.qualifiedArn()));
                } else {
                    parts.add(PartDraft.of(r.action, fn.qualifiedArn()));
                }
            }
            default -> throw new IllegalStateException();
        }
        for (PartDraft d : parts) {
            d.handles("lambda:EventSourceToken", "lambda:InvokedViaFunctionUrl");
        }
        if (r.operation.equals("CreateFunction") || r.operation.equals("UpdateFunctionConfiguration")) {
            configuration(parts, body, r.operation.equals("CreateFunction"));
        }
        if (r.operation.equals("AddPermission")) {
            PartDraft d = parts.get(0);
            d.handles("lambda:Principal", "lambda:FunctionUrlAuthType");
            Optional<String> principal = body.str("Principal");
            if (principal.isPresent()) {
                d.key("lambda:Principal", principal.get());
            }
            Optional<String> auth = body.str("FunctionUrlAuthType");
            if (auth.isPresent()) {
                d.key("lambda:FunctionUrlAuthType", auth.get());
            }
        }
        return new RpcMapper.SimpleResult("lambda", r.operation, parts,
                body == null ? Optional.empty() : Optional.of(body.bytes()));
    }

    /** Keys and extra parts of CreateFunction and UpdateFunctionConfiguration. */
    private static void configuration(List<PartDraft> parts, Args.Json body, boolean create) throws Unmappable {
        PartDraft d = parts.get(0);
        d.handles("lambda:Layer", "lambda:SubnetIds", "lambda:SecurityGroupIds", "lambda:CodeSigningConfigArn",
                "aws:RequestTag/${TagKey}", "aws:TagKeys");
        List<String> layers = body.strings("Layers");
        if (!layers.isEmpty()) {
            d.key("lambda:Layer", layers);
        }
        JsonNode vpc = body.root().get("VpcConfig");
        if (vpc != null && !vpc.isNull()) {
            List<String> subnets = Args.Json.textList(vpc, "SubnetIds");
            List<String> groups = Args.Json.textList(vpc, "SecurityGroupIds");
            if (!subnets.isEmpty()) {
                d.key("lambda:SubnetIds", subnets);
                d.undetermined("lambda:VpcIds");
            }
            if (!groups.isEmpty()) {
                d.key("lambda:SecurityGroupIds", groups);
            }
        }
        if (vpc == null || vpc.isNull() || Args.Json.textList(vpc, "SubnetIds").isEmpty()) {
            d.handles("lambda:VpcIds");
        }
        Optional<String> signing = body.str("CodeSigningConfigArn");
        if (signing.isPresent()) {
            d.key("lambda:CodeSigningConfigArn", signing.get());
        }
        Map<String, String> tags = body.stringMap("Tags");
        RpcMapper.tagKeys(d, tags);
        if (create && !tags.isEmpty()) {
            parts.add(d.withAction("lambda:TagResource"));
        }
        Optional<String> role = body.str("Role");
        if (role.isPresent()) {
            parts.add(PartDraft.of("iam:PassRole", role.get()).key("iam:PassedToService", "lambda.amazonaws.com")
                    .handles("iam:PassedToService", "iam:AssociatedResourceArn"));
        }
    }

    private record Fn(String partition, String region, String account, String name, Optional<String> qualifier) {
        String arn() {
            return "arn:" + partition + ":lambda:" + region + ":" + account + ":function:" + name;
        }

        String qualifiedArn() {
            return qualifier.map(q -> arn() + ":" + q).orElse(arn());
        }
    }

    private static Fn function(String raw, Optional<String> qualifierParam, Env env) throws Unmappable {
        Matcher m = FUNCTION.matcher(raw);
        if (!m.matches()) {
            throw new Unmappable("malformed function name " + raw);
        }
        String partition = m.group(1) != null ? m.group(1) : env.partition();
        if (!partition.equals(env.partition())) {
            throw new Unmappable("function " + raw + " is in partition " + partition);
        }
        String region = m.group(2) != null ? m.group(2) : env.region();
        String account = m.group(3) != null ? m.group(3) : m.group(4) != null ? m.group(4) : env.account();
        Optional<String> inName = Optional.ofNullable(m.group(6));
        if (qualifierParam.isPresent()) {
            if (!QUALIFIER.matcher(qualifierParam.get()).matches()) {
                throw new Unmappable("malformed Qualifier " + qualifierParam.get());
            }
            if (inName.isPresent() && !inName.equals(qualifierParam)) {
                throw new Unmappable("the function name and the Qualifier parameter disagree");
            }
        }
        return new Fn(partition, region, account, m.group(5), inName.or(() -> qualifierParam));
    }
}
