package dev.airlock.callmap;

import dev.airlock.catalog.ActionInfo;
import dev.airlock.catalog.ActionResource;
import dev.airlock.catalog.ArnFit;
import dev.airlock.catalog.ResourceType;
import dev.airlock.policy.match.Arn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a drafted part against the catalog, the last step before a part is handed out: the
 * action must exist; {@code *} is only accepted for actions IAM evaluates without a resource; an
 * ARN must fit one of the action's resource types. Keys the action does not support are dropped
 * (IAM would not carry them), and keys it supports but the mapper could not read are listed as
 * undetermined.
 */
final class PartGate {

    /** Global keys about the resource that no request carries. */
    private static final List<String> RESOURCE_GLOBALS = List.of("aws:ResourceOrgID", "aws:ResourceOrgPaths",
            "aws:ResourceTag/${TagKey}");

    private PartGate() {}

    static IamRequestPart finish(PartDraft d, Env env) throws Unmappable {
        ActionInfo info = env.catalog().lookup(d.action)
                .orElseThrow(() -> new Unmappable("action " + d.action + " is not in the action catalog"));
        Optional<ResourceType> type;
        if (d.resource.equals("*")) {
            if (!info.resourceTypes().isEmpty()) {
                throw new Unmappable(info.fullName() + " is authorised on a specific resource ("
                        + info.resourceTypes() + ") and the call does not say which");
            }
            type = Optional.empty();
        } else {
            ArnFit fit = env.catalog().arnFits(info, d.resource);
            if (!fit.fits()) {
                throw new Unmappable("resource " + d.resource + " is not one " + info.fullName() + " acts on ("
                        + info.resourceTypes() + ")");
            }
            type = fit.resourceType();
        }

        List<String> catalogKeys = new ArrayList<>(info.conditionKeys());
        if (type.isPresent()) {
            catalogKeys.addAll(type.get().conditionKeys());
            for (ActionResource row : info.resourceTypes()) {
                if (row.resourceType().equals(type.get())) {
                    catalogKeys.addAll(row.conditionKeys());
                }
            }
        }

        Map<String, List<String>> keys = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : d.keys.entrySet()) {
            if (KeyNames.listed(e.getKey(), catalogKeys) || e.getKey().equalsIgnoreCase("aws:ResourceAccount")) {
                keys.put(e.getKey(), e.getValue());
            }
        }
        if (!d.resource.equals("*")) {
            Optional<Arn> arn = Arn.parse(d.resource);
            if (arn.isPresent() && !arn.get().account().isEmpty() && !d.hasInstanceOf("aws:ResourceAccount")) {
                keys.put("aws:ResourceAccount", List.of(arn.get().account()));
            }
        }

        Set<String> undetermined = new LinkedHashSet<>(d.undetermined);
        for (String k : catalogKeys) {
            if (!d.isHandled(k) && !d.hasInstanceOf(k)) {
                undetermined.add(k);
            }
        }
        if (!d.resource.equals("*")) {
            undetermined.addAll(RESOURCE_GLOBALS);
            if (!keys.containsKey("aws:ResourceAccount")) {
                undetermined.add("aws:ResourceAccount");
            }
        }
        return new IamRequestPart(info.fullName(), d.resource, keys, undetermined, d.certainty);
    }
}
