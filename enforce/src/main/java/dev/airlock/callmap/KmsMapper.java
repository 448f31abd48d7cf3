package dev.airlock.callmap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.airlock.policy.match.Arn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * KMS ({@code TrentService.Op}): the resource of a key operation is always the KMS key. A key ID
 * or key ARN names it directly; an alias does not, because IAM evaluates the key the alias points
 * to and offers the alias only as {@code kms:RequestAlias} (KMS Developer Guide, "Use aliases to
 * control access to KMS keys"). Aliases are therefore resolved through the
 * {@link ResourceResolver}, and refused without one. Decrypt without {@code KeyId} (the key is
 * inside the ciphertext) is refused for the same reason.
 */
final class KmsMapper implements ServiceMapper {

    private static final Pattern KEY_ID = Pattern.compile("(?:mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}"
            + "-[0-9a-f]{4}-[0-9a-f]{12})");
    private static final Pattern ALIAS = Pattern.compile("alias/[A-Za-z0-9/_-]{1,250}");
    private static final Set<String> NO_KEY = Set.of("CreateKey", "ListKeys", "ListAliases", "GenerateRandom",
            "ListRetirableGrants", "ConnectCustomKeyStore", "DescribeCustomKeyStores");
    private static final Map<String, String> STRING_KEYS = Map.of("EncryptionAlgorithm", "kms:EncryptionAlgorithm",
            "SigningAlgorithm", "kms:SigningAlgorithm", "MessageType", "kms:MessageType", "MacAlgorithm",
            "kms:MacAlgorithm", "KeyPairSpec", "kms:DataKeyPairSpec", "GranteePrincipal", "kms:GranteePrincipal",
            "RetiringPrincipal", "kms:RetiringPrincipal");
    private static final List<String> HANDLED = List.of("kms:CallerAccount", "kms:ViaService", "kms:RequestAlias",
            "kms:EncryptionAlgorithm", "kms:EncryptionContext:${EncryptionContextKey}", "kms:EncryptionContextKeys",
            "kms:SigningAlgorithm", "kms:MessageType", "kms:MacAlgorithm", "kms:DataKeyPairSpec",
            "kms:GranteePrincipal", "kms:RetiringPrincipal", "kms:GrantOperations", "kms:ReEncryptOnSameKey",
            "kms:BypassPolicyLockoutSafetyCheck", "kms:GrantIsForAWSResource", "aws:RequestTag/${TagKey}",
            "aws:TagKeys", "kms:RecipientAttestation:${Any}");

    @Override
    public Set<String> actions() {
        return Set.of("kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey", "kms:ReEncryptFrom",
                "kms:ReEncryptTo", "kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias");
    }

    @Override
    public Optional<List<PartDraft>> map(Call call, Env env) throws Unmappable {
        String op = call.operation();
        if (!(call.args() instanceof Args.Json args)) {
            throw new Unmappable("KMS calls use the JSON protocol");
        }
        if (NO_KEY.contains(op)) {
            return Optional.empty();
        }
        if (args.has("Recipient")) {
            throw new Unmappable("KMS calls with a Nitro attestation Recipient are not supported");
        }
        List<PartDraft> parts = new ArrayList<>();
        switch (op) {
            case "ReEncrypt" -> {
                Key source = key(args.str("SourceKeyId").orElseThrow(() -> new Unmappable(
                        "ReEncrypt without SourceKeyId: the source key is inside the ciphertext")), env);
                Key destination = key(args.str("DestinationKeyId")
                        .orElseThrow(() -> new Unmappable("ReEncrypt without DestinationKeyId")), env);
                PartDraft from = keyPart("kms:ReEncryptFrom", source, args, env);
                context(from, args, "SourceEncryptionContext");
                string(from, args, "SourceEncryptionAlgorithm", "kms:EncryptionAlgorithm");
                PartDraft to = keyPart("kms:ReEncryptTo", destination, args, env);
                context(to, args, "DestinationEncryptionContext");
                string(to, args, "DestinationEncryptionAlgorithm", "kms:EncryptionAlgorithm");
                String same = Boolean.toString(source.arn.equals(destination.arn));
                from.key("kms:ReEncryptOnSameKey", same);
                to.key("kms:ReEncryptOnSameKey", same);
                parts.add(from);
                parts.add(to);
            }
            case "CreateAlias", "UpdateAlias", "DeleteAlias" -> {
                String aliasName = args.str("AliasName").orElseThrow(() -> new Unmappable(op + " without AliasName"));
                if (!ALIAS.matcher(aliasName).matches()) {
                    throw new Unmappable("malformed alias name " + aliasName);
                }
                String aliasArn = env.arn("kms", env.account(), aliasName);
                parts.add(PartDraft.of("kms:" + op, aliasArn).handles(HANDLED)
                        .key("kms:CallerAccount", env.account()));
                if (!op.equals("CreateAlias")) {
                    // The key the alias points to now is affected too.
                    String current = env.resolver().kmsKeyForAlias(aliasArn).orElseThrow(() -> new Unmappable(
                            op + " also needs permission on the key " + aliasName + " points to, which is unknown"));
                    parts.add(keyPart("kms:" + op, key(current, env), args, env));
                }
                if (!op.equals("DeleteAlias")) {
                    String target = args.str("TargetKeyId").orElseThrow(() -> new Unmappable(op + " without TargetKeyId"));
                    parts.add(keyPart("kms:" + op, key(target, env), args, env));
                }
            }
            default -> {
                Optional<String> id = args.str("KeyId");
                if (id.isEmpty()) {
                    if (op.equals("Decrypt")) {
                        throw new Unmappable("Decrypt without KeyId: IAM evaluates the key inside the ciphertext, "
                                + "which the endpoint cannot read; pass --key-id");
                    }
                    return Optional.empty();
                }
                PartDraft d = keyPart("kms:" + op, key(id.get(), env), args, env);
                context(d, args, "EncryptionContext");
                for (Map.Entry<String, String> k : STRING_KEYS.entrySet()) {
                    string(d, args, k.getKey(), k.getValue());
                }
                Optional<String> bypass = args.bool("BypassPolicyLockoutSafetyCheck");
                if (bypass.isPresent()) {
                    d.key("kms:BypassPolicyLockoutSafetyCheck", bypass.get());
                }
                if (op.equals("CreateGrant")) {
                    List<String> ops = args.strings("Operations");
                    if (!ops.isEmpty()) {
                        d.key("kms:GrantOperations", ops);
                    }
                    JsonNode constraints = args.root().get("Constraints");
                    if (constraints != null && !constraints.isNull()) {
                        d.undetermined("kms:GrantConstraintType");
                    }
                }
                if (op.equals("TagResource")) {
                    RpcMapper.tagKeys(d, args.pairs("Tags", "TagKey", "TagValue"));
                } else if (op.equals("UntagResource")) {
                    d.key("aws:TagKeys", args.strings("TagKeys"));
                }
                parts.add(d);
            }
        }
        return Optional.of(parts);
    }

    /** A key as the request names it, resolved to its key ARN. */
    private record Key(String arn, Optional<String> requestAlias) {}

    private static Key key(String id, Env env) throws Unmappable {
        if (id.startsWith("arn:")) {
            Arn arn = Arns.require(id, "kms", "KeyId");
            Arns.samePartition(arn, env);
            if (arn.resource().startsWith("key/") && KEY_ID.matcher(arn.resource().substring(4)).matches()) {
                return new Key(id, Optional.empty());
            }
            if (ALIAS.matcher(arn.resource()).matches()) {
                return alias(id, arn.resource(), env);
            }
            throw new Unmappable(id + " is neither a key ARN nor an alias ARN");
        }
        if (KEY_ID.matcher(id).matches()) {
            return new Key(env.arn("kms", env.account(), "key/" + id), Optional.empty());
        }
        if (ALIAS.matcher(id).matches()) {
            return alias(env.arn("kms", env.account(), id), id, env);
        }
        throw new Unmappable("malformed KeyId " + id);
    }

    private static Key alias(String aliasArn, String aliasName, Env env) throws Unmappable {
        String keyArn = env.resolver().kmsKeyForAlias(aliasArn).orElseThrow(() -> new Unmappable(
                "KMS authorises the key behind " + aliasName + ", not the alias, and no resolver knows that key"));
        Arn arn = Arns.require(keyArn, "kms", "resolved key");
        if (!arn.resource().startsWith("key/")) {
            throw new Unmappable("the resolver answered " + keyArn + " for " + aliasName);
        }
        return new Key(keyArn, Optional.of(aliasName));
    }

    private static PartDraft keyPart(String action, Key key, Args.Json args, Env env) throws Unmappable {
        PartDraft d = PartDraft.of(action, key.arn).handles(HANDLED);
        d.key("kms:CallerAccount", env.account());
        if (key.requestAlias.isPresent()) {
            d.key("kms:RequestAlias", key.requestAlias.get());
        }
        return d;
    }

    private static void context(PartDraft d, Args.Json args, String member) throws Unmappable {
        Map<String, String> ctx = Args.Json.stringMap(args.root(), member);
        for (Map.Entry<String, String> e : ctx.entrySet()) {
            d.key("kms:EncryptionContext:" + e.getKey(), e.getValue());
        }
        if (!ctx.isEmpty()) {
            d.key("kms:EncryptionContextKeys", List.copyOf(ctx.keySet()));
        }
    }

    private static void string(PartDraft d, Args.Json args, String member, String key) throws Unmappable {
        Optional<String> v = args.str(member);
        if (v.isPresent()) {
            d.key(key, v.get());
        }
    }
}
