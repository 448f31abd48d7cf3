package dev.airlock.callmap;

import dev.airlock.callmap.IamRequestPart.ResourceCertainty;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A part under construction: a service mapper fills in the action, the resource and every key it
 * can read from the request; {@link PartGate} then checks it against the catalog.
 */
final class PartDraft {

    final String action;
    final String resource;
    ResourceCertainty certainty = ResourceCertainty.EXACT;
    /** Case-insensitive: IAM key names are, and two spellings of one key must not both survive. */
    final TreeMap<String, List<String>> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    /**
     * Catalog key names (templates allowed) this mapper reads from the request when present: when
     * such a key is absent from {@link #keys} the request does not carry it, rather than the
     * mapper not knowing it.
     */
    final Set<String> handled = new LinkedHashSet<>();
    /** Keys the mapper knows it cannot determine, beyond what the catalog implies. */
    final Set<String> undetermined = new LinkedHashSet<>();

    PartDraft(String action, String resource) {
        this.action = action;
        this.resource = resource;
    }

    static PartDraft of(String action, String resource) {
        return new PartDraft(action, resource);
    }

    PartDraft key(String name, String value) throws Unmappable {
        return key(name, List.of(value));
    }

    PartDraft key(String name, List<String> values) throws Unmappable {
        List<String> previous = keys.putIfAbsent(name, List.copyOf(values));
        if (previous != null && !previous.equals(values)) {
            throw new Unmappable("condition key " + name + " would have two values (key names are case-insensitive)");
        }
        return this;
    }

    PartDraft keys(Map<String, List<String>> more) throws Unmappable {
        for (Map.Entry<String, List<String>> e : more.entrySet()) {
            key(e.getKey(), e.getValue());
        }
        return this;
    }

    PartDraft handles(Collection<String> catalogKeys) {
        handled.addAll(catalogKeys);
        return this;
    }

    PartDraft handles(String... catalogKeys) {
        return handles(List.of(catalogKeys));
    }

    PartDraft undetermined(String catalogKey) {
        undetermined.add(catalogKey);
        return this;
    }

    PartDraft certainty(ResourceCertainty c) {
        this.certainty = c;
        return this;
    }

    /** A copy for another action on the same resource, with the same keys and handled set. */
    PartDraft withAction(String otherAction) {
        PartDraft d = new PartDraft(otherAction, resource);
        d.certainty = certainty;
        d.keys.putAll(keys);
        d.handled.addAll(handled);
        d.undetermined.addAll(undetermined);
        return d;
    }

    /** A copy on another resource. */
    PartDraft withResource(String otherResource) {
        PartDraft d = new PartDraft(action, otherResource);
        d.keys.putAll(keys);
        d.handled.addAll(handled);
        d.undetermined.addAll(undetermined);
        return d;
    }

    boolean isHandled(String catalogKey) {
        for (String h : handled) {
            if (KeyNames.overlap(h, catalogKey)) {
                return true;
            }
        }
        return false;
    }

    boolean hasInstanceOf(String catalogKey) {
        for (String k : keys.keySet()) {
            if (KeyNames.instanceOf(k, catalogKey)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return action + " on " + resource + " " + keys;
    }
}
