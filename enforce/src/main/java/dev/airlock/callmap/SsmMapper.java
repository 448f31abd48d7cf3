package dev.airlock.callmap;

import dev.airlock.policy.match.Arn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Systems Manager Parameter Store: {@code Name}/{@code Names} are parameters
 * ({@code arn:...:parameter/NAME}, one leading slash dropped; a {@code :version} or
 * {@code :label} selector is not part of the resource), and GetParametersByPath is authorised
 * against the path itself (Systems Manager User Guide, "How Parameter Store authorizes parameter
 * retrieval"). Other SSM operations fall back to the generic mapping.
 */
final class SsmMapper implements ServiceMapper {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-/]{1,2048}");
    private static final Set<String> BY_NAME = Set.of("GetParameter", "GetParameterHistory", "PutParameter",
            "DeleteParameter", "LabelParameterVersion", "UnlabelParameterVersion");
    private static final Set<String> BY_NAMES = Set.of("GetParameters", "DeleteParameters");

    @Override
    public Set<String> actions() {
        return Set.of("ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath", "ssm:PutParameter",
                "ssm:DeleteParameter", "ssm:DeleteParameters", "ssm:AddTagsToResource");
    }

    @Override
    public Optional<List<PartDraft>> map(Call call, Env env) throws Unmappable {
        String op = call.operation();
        Args args = call.args();
        String action = "ssm:" + op;
        List<PartDraft> parts = new ArrayList<>();
        if (BY_NAME.contains(op)) {
            String name = args.str("Name").orElseThrow(() -> new Unmappable(op + " without Name"));
            PartDraft d = PartDraft.of(action, parameter(name, env));
            if (op.equals("PutParameter")) {
                d.handles("ssm:Overwrite", "ssm:Policies", "aws:RequestTag/${TagKey}", "aws:TagKeys");
                Optional<String> overwrite = args.bool("Overwrite");
                if (overwrite.isPresent()) {
                    d.key("ssm:Overwrite", overwrite.get());
                }
                Optional<String> policies = args.str("Policies");
                if (policies.isPresent()) {
                    d.key("ssm:Policies", policies.get());
                }
                Map<String, String> tags = args.pairs("Tags", "Key", "Value");
                RpcMapper.tagKeys(d, tags);
                parts.add(d);
                if (!tags.isEmpty()) {
                    PartDraft tag = PartDraft.of("ssm:AddTagsToResource", d.resource);
                    RpcMapper.tagKeys(tag, tags);
                    parts.add(tag);
                }
                return Optional.of(parts);
            }
            parts.add(d);
        } else if (BY_NAMES.contains(op)) {
            List<String> names = args.strings("Names");
            if (names.isEmpty()) {
                throw new Unmappable(op + " without Names");
            }
            for (String name : names) {
                parts.add(PartDraft.of(action, parameter(name, env)));
            }
        } else if (op.equals("GetParametersByPath")) {
            String path = args.str("Path").orElseThrow(() -> new Unmappable("GetParametersByPath without Path"));
            if (!path.startsWith("/")) {
                throw new Unmappable("parameter path " + path + " does not start with /");
            }
            PartDraft d = PartDraft.of(action, parameter(path, env));
            d.handles("ssm:Recursive");
            Optional<String> recursive = args.bool("Recursive");
            if (recursive.isPresent()) {
                d.key("ssm:Recursive", recursive.get());
            }
            parts.add(d);
        } else {
            return Optional.empty();
        }
        return Optional.of(parts);
    }

    /** The parameter ARN of a name, a path or a parameter ARN, without a version or label selector. */
    static String parameter(String nameOrArn, Env env) throws Unmappable {
        if (nameOrArn.startsWith("arn:")) {
            Arn arn = Arns.require(nameOrArn, "ssm", "parameter");
            Arns.samePartition(arn, env);
            if (!arn.resource().startsWith("parameter/")) {
                throw new Unmappable(nameOrArn + " is not a parameter ARN");
            }
            String name = arn.resource().substring("parameter".length());
            return "arn:" + arn.partition() + ":ssm:" + arn.region() + ":" + arn.account() + ":parameter"
                    + withoutSelector(name);
        }
        String name = withoutSelector(nameOrArn);
        return env.arn("ssm", env.account(), "parameter" + (name.startsWith("/") ? name : "/" + name));
    }

    private static String withoutSelector(String name) throws Unmappable {
        int colon = name.indexOf(':');
        String bare = colon < 0 ? name : name.substring(0, colon);
        if (!NAME.matcher(bare).matches()) {
            throw new Unmappable("malformed parameter name " + name);
        }
        if (colon >= 0 && !name.substring(colon + 1).matches("[A-Za-z0-9_.\\-]{1,100}")) {
            throw new Unmappable("malformed parameter selector in " + name);
        }
        return bare;
    }
}
