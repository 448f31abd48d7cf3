package dev.airlock.callmap;

import dev.airlock.callmap.IamRequestPart.ResourceCertainty;
import dev.airlock.policy.match.Arn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Secrets Manager: {@code SecretId} (or CreateSecret's {@code Name}) is the secret. A full ARN is
 * used as is; a name or partial ARN lacks the six random characters AWS appends to every secret's
 * ARN, so unless a {@link ResourceResolver} supplies the full ARN the resource is the ARN with
 * {@code -??????} and {@link ResourceCertainty#UNKNOWN_SUFFIX}.
 */
final class SecretsManagerMapper implements ServiceMapper {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
    /** A full secret ARN ends in a hyphen and six random characters. */
    private static final Pattern FULL_SUFFIX = Pattern.compile(".*-[A-Za-z0-9]{6}");
    private static final Map<String, String> KEYS = Map.of("SecretId", "secretsmanager:SecretId", "VersionId",
            "secretsmanager:VersionId", "VersionStage", "secretsmanager:VersionStage", "Name", "secretsmanager:Name",
            "Description", "secretsmanager:Description", "KmsKeyId", "secretsmanager:KmsKeyId",
            "RotationLambdaARN", "secretsmanager:RotationLambdaARN");
    private static final Map<String, String> BOOL_KEYS = Map.of("ForceDeleteWithoutRecovery",
            "secretsmanager:ForceDeleteWithoutRecovery", "BlockPublicPolicy", "secretsmanager:BlockPublicPolicy",
            "ForceOverwriteReplicaSecret", "secretsmanager:ForceOverwriteReplicaSecret");
    private static final List<String> HANDLED = List.of("secretsmanager:SecretId", "secretsmanager:VersionId",
            "secretsmanager:VersionStage", "secretsmanager:Name", "secretsmanager:Description",
            "secretsmanager:KmsKeyId", "secretsmanager:RotationLambdaARN", "secretsmanager:ForceDeleteWithoutRecovery",
            "secretsmanager:BlockPublicPolicy", "secretsmanager:ForceOverwriteReplicaSecret",
            "secretsmanager:RecoveryWindowInDays", "aws:RequestTag/${TagKey}", "aws:TagKeys");

    @Override
    public Set<String> actions() {
        return Set.of("secretsmanager:GetSecretValue", "secretsmanager:BatchGetSecretValue",
                "secretsmanager:CreateSecret", "secretsmanager:DescribeSecret", "secretsmanager:PutSecretValue",
                "secretsmanager:TagResource");
    }

    @Override
    public Optional<List<PartDraft>> map(Call call, Env env) throws Unmappable {
        String op = call.operation();
        Args args = call.args();
        if (op.equals("BatchGetSecretValue")) {
            if (args.has("Filters")) {
                throw new Unmappable("BatchGetSecretValue with Filters returns secrets the call does not name");
            }
            List<String> ids = args.strings("SecretIdList");
            if (ids.isEmpty()) {
                throw new Unmappable("BatchGetSecretValue without SecretIdList");
            }
            List<PartDraft> parts = new ArrayList<>();
            parts.add(PartDraft.of("secretsmanager:BatchGetSecretValue", "*"));
            for (String id : ids) {
                PartDraft d = secret("secretsmanager:GetSecretValue", id, env);
                d.key("secretsmanager:SecretId", id);
                parts.add(d);
            }
            return Optional.of(parts);
        }
        Optional<String> id = op.equals("CreateSecret") ? args.str("Name") : args.str("SecretId");
        if (id.isEmpty()) {
            return Optional.empty();
        }
        PartDraft d = secret("secretsmanager:" + op, id.get(), env);
        for (Map.Entry<String, String> k : KEYS.entrySet()) {
            Optional<String> v = args.str(k.getKey());
            if (v.isPresent()) {
                d.key(k.getValue(), v.get());
            }
        }
        for (Map.Entry<String, String> k : BOOL_KEYS.entrySet()) {
            Optional<String> v = args.bool(k.getKey());
            if (v.isPresent()) {
                d.key(k.getValue(), v.get());
            }
        }
        if (args instanceof Args.Json j && j.root().has("RecoveryWindowInDays")) {
            d.key("secretsmanager:RecoveryWindowInDays", j.root().get("RecoveryWindowInDays").asText());
        }
        List<PartDraft> parts = new ArrayList<>();
        parts.add(d);
        if (op.equals("CreateSecret") || op.equals("TagResource")) {
            Map<String, String> tags = args.pairs("Tags", "Key", "Value");
            RpcMapper.tagKeys(d, tags);
            if (op.equals("CreateSecret") && !tags.isEmpty()) {
                PartDraft tag = d.withAction("secretsmanager:TagResource");
                parts.add(tag);
            }
        } else if (op.equals("UntagResource")) {
            d.key("aws:TagKeys", args.strings("TagKeys"));
        }
        return Optional.of(parts);
    }

    private static PartDraft secret(String action, String id, Env env) throws Unmappable {
        PartDraft d;
        if (id.startsWith("arn:")) {
            Arn arn = Arns.require(id, "secretsmanager", "SecretId");
            Arns.samePartition(arn, env);
            if (!arn.resource().startsWith("secret:") || !NAME.matcher(arn.resource().substring(7)).matches()) {
                throw new Unmappable(id + " is not a secret ARN");
            }
            if (FULL_SUFFIX.matcher(arn.resource()).matches()) {
                d = PartDraft.of(action, id);
            } else {
                d = unresolved(action, id, arn.region(), arn.account(), "arn:" + arn.partition()
                        + ":secretsmanager:" + arn.region() + ":" + arn.account() + ":" + arn.resource() + "-??????",
                        env);
            }
        } else {
            if (!NAME.matcher(id).matches()) {
                throw new Unmappable("malformed secret name " + id);
            }
            d = unresolved(action, id, env.region(), env.account(),
                    env.arn("secretsmanager", env.account(), "secret:" + id + "-??????"), env);
        }
        return d.handles(HANDLED);
    }

    private static PartDraft unresolved(String action, String id, String region, String account, String pattern,
            Env env) throws Unmappable {
        if (action.equals("secretsmanager:CreateSecret")) {
            // The suffix does not exist yet; any ARN the secret gets matches the pattern.
            return PartDraft.of(action, pattern).certainty(ResourceCertainty.UNKNOWN_SUFFIX);
        }
        Optional<String> resolved = env.resolver().secretArn(region, account, id);
        if (resolved.isPresent()) {
            Arn arn = Arns.require(resolved.get(), "secretsmanager", "resolved secret");
            if (!arn.account().equals(account) || !arn.region().equals(region)) {
                throw new Unmappable("the resolver answered " + resolved.get() + " for " + id);
            }
            return PartDraft.of(action, resolved.get());
        }
        return PartDraft.of(action, pattern).certainty(ResourceCertainty.UNKNOWN_SUFFIX);
    }
}
