package dev.airlock.callmap;

import dev.airlock.policy.match.Arn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * STS (Query protocol). GetCallerIdentity, GetSessionToken and the like are authorised on
 * {@code *} by the generic mapping; AssumeRole is authorised on the role, with its session name,
 * external id, source identity and session tags as keys, plus sts:TagSession and
 * sts:SetSourceIdentity when it sets tags or a source identity.
 */
final class StsMapper implements ServiceMapper {

    /** Keys of web-identity and SAML federation: never present on AssumeRole. */
    private static final List<String> FEDERATION = List.of("accounts.google.com:aud", "accounts.google.com:sub",
            "accounts.google.com:oaud", "cognito-identity.amazonaws.com:amr", "cognito-identity.amazonaws.com:aud",
            "cognito-identity.amazonaws.com:sub", "graph.facebook.com:app_id", "graph.facebook.com:id",
            "www.amazon.com:app_id", "www.amazon.com:user_id", "saml:namequalifier", "saml:sub", "saml:sub_type",
            "saml:aud", "saml:iss", "saml:doc", "saml:cn", "saml:edupersonaffiliation");

    @Override
    public Set<String> actions() {
        return Set.of("sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity", "sts:GetCallerIdentity");
    }

    @Override
    public Optional<List<PartDraft>> map(Call call, Env env) throws Unmappable {
        if (!call.operation().equals("AssumeRole")) {
            return Optional.empty();
        }
        Args args = call.args();
        String role = args.str("RoleArn").orElseThrow(() -> new Unmappable("AssumeRole without RoleArn"));
        Arn arn = Arns.require(role, "iam", "RoleArn");
        Arns.samePartition(arn, env);
        PartDraft d = PartDraft.of("sts:AssumeRole", role);
        d.handles(FEDERATION).handles("sts:RoleSessionName", "sts:ExternalId", "sts:SourceIdentity",
                "sts:TransitiveTagKeys", "aws:RequestTag/${TagKey}", "aws:TagKeys");
        for (String[] k : new String[][] {{"RoleSessionName", "sts:RoleSessionName"},
                {"ExternalId", "sts:ExternalId"}, {"SourceIdentity", "sts:SourceIdentity"}}) {
            Optional<String> v = args.str(k[0]);
            if (v.isPresent()) {
                d.key(k[1], v.get());
            }
        }
        Map<String, String> tags = args.pairs("Tags", "Key", "Value");
        RpcMapper.tagKeys(d, tags);
        List<String> transitive = args.strings("TransitiveTagKeys");
        if (!transitive.isEmpty()) {
            d.key("sts:TransitiveTagKeys", transitive);
        }
        List<PartDraft> parts = new ArrayList<>();
        parts.add(d);
        if (!tags.isEmpty()) {
            parts.add(d.withAction("sts:TagSession"));
        }
        if (args.str("SourceIdentity").isPresent()) {
            parts.add(d.withAction("sts:SetSourceIdentity"));
        }
        return Optional.of(parts);
    }
}
