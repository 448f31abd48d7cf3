package dev.airlock.cli.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.airlock.cli.BadInputException;
import dev.airlock.cli.PolicyFiles;
import dev.airlock.policy.Policy;
import dev.airlock.policy.PolicyKind;
import dev.airlock.policy.PolicySet;
import dev.airlock.policy.Request;
import dev.airlock.policy.RequestContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one request of the batch format, one line on its own:
 * {@code {"identityPolicies": [...], "resourcePolicy": ..., "sessionPolicy": ..., "permissionBoundary": ...,
 * "scps": [[...]], "rcps": [[...]], "action": ..., "resource": ..., "resourceAccount": ..., "principal": ...,
 * "context": {...}}}.
 *
 * <p>This is the reading that defines the format: {@link RequestLines} takes a quicker way through
 * the lines of a batch that have the usual shape and hands every other line to {@link #parse(String)}.
 */
public final class RequestJson {

    private static final Set<String> FIELDS = Set.of("identityPolicies", "resourcePolicy", "sessionPolicy",
            "permissionBoundary", "scps", "rcps", "action", "resource", "resourceAccount", "principal", "context");

    /** A request with the policies that govern it. */
    public record Parsed(PolicySet policies, Request request) {}

    private final ObjectMapper mapper;

    public RequestJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Reads one line.
     *
     * @throws BadInputException when it is not JSON or not a valid request; the message says what
     *     and where in the request
     */
    public Parsed parse(String line) {
        JsonNode node;
        try {
            node = mapper.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw bad("malformed JSON: " + e.getOriginalMessage());
        }
        return parse(node);
    }

    public Parsed parse(JsonNode line) {
        if (!line.isObject()) {
            throw bad("a request must be a JSON object, found " + line.getNodeType());
        }
        for (Iterator<String> it = line.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw bad("unknown field \"" + f + "\"" + dev.airlock.policy.Suggestions.didYouMean(f, FIELDS));
            }
        }
        PolicySet.Builder set = PolicySet.builder();
        JsonNode identities = line.path("identityPolicies");
        if (!identities.isMissingNode()) {
            if (!identities.isArray()) {
                throw bad("identityPolicies must be an array");
            }
            for (int i = 0; i < identities.size(); i++) {
                set.identity(namedPolicy(identities.get(i), "identityPolicies[" + i + "]", PolicyKind.IDENTITY));
            }
        }
        optionalPolicy(line, "resourcePolicy", PolicyKind.RESOURCE).ifPresent(set::resource);
        optionalPolicy(line, "sessionPolicy", PolicyKind.SESSION).ifPresent(set::session);
        optionalPolicy(line, "permissionBoundary", PolicyKind.PERMISSIONS_BOUNDARY).ifPresent(set::permissionsBoundary);
        levels(line, "scps", PolicyKind.SCP).forEach(set::scpLevel);
        levels(line, "rcps", PolicyKind.RCP).forEach(set::rcpLevel);
        Request request = new Request(requiredText(line, "action"), requiredText(line, "resource"),
                requiredText(line, "principal"), optionalText(line, "resourceAccount"), context(line.path("context")));
        return new Parsed(set.build(), request);
    }

    /**
     * The policy a request gives at {@code where}: a policy document (an object, or a string holding
     * one) or {@code {"name": ..., "policy": ...}}.
     */
    Policy namedPolicy(JsonNode node, String where, PolicyKind kind) {
        if (node.isObject() && node.has("policy") && node.has("name") && !node.has("Statement")) {
            return policy(node.get("policy"), node.get("name").asText(), kind);
        }
        return policy(node, where, kind);
    }

    private Optional<Policy> optionalPolicy(JsonNode line, String field, PolicyKind kind) {
        JsonNode n = line.path(field);
        return n.isMissingNode() || n.isNull() ? Optional.empty() : Optional.of(namedPolicy(n, field, kind));
    }

    private List<List<Policy>> levels(JsonNode line, String field, PolicyKind kind) {
        JsonNode n = line.path(field);
        List<List<Policy>> out = new ArrayList<>();
        if (n.isMissingNode() || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw bad(field + " must be an array of levels (root first), each an array of policies");
        }
        for (int i = 0; i < n.size(); i++) {
            JsonNode level = n.get(i);
            if (!level.isArray()) {
                throw bad(field + "[" + i + "] must be an array of policies");
            }
            List<Policy> policies = new ArrayList<>();
            for (int j = 0; j < level.size(); j++) {
                policies.add(namedPolicy(level.get(j), field + "[" + i + "][" + j + "]", kind));
            }
            out.add(policies);
        }
        return out;
    }

    private Policy policy(JsonNode node, String name, PolicyKind kind) {
        try {
            return PolicyFiles.parse(name, kind, node.isTextual() ? node.asText() : mapper.writeValueAsString(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw bad("cannot re-serialise " + name + ": " + e.getOriginalMessage());
        }
    }

    private static RequestContext context(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) {
            return RequestContext.empty();
        }
        if (!n.isObject()) {
            throw bad("context must be an object of key: value or key: [values]");
        }
        Map<String, List<String>> values = new HashMap<>();
        // An array is a multivalued key (a set), whatever its length.
        Set<String> sets = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> vs = new ArrayList<>();
            if (e.getValue().isArray()) {
                e.getValue().forEach(v -> vs.add(scalar(v, e.getKey())));
                sets.add(e.getKey());
            } else {
                vs.add(scalar(e.getValue(), e.getKey()));
            }
            try {
                values.merge(e.getKey().toLowerCase(java.util.Locale.ROOT), vs, (a, b) -> {
                    throw new IllegalArgumentException();
                });
            } catch (IllegalArgumentException dup) {
                throw bad("context key " + e.getKey() + " appears twice (condition keys are case-insensitive)");
            }
        }
        return RequestContext.of(values, sets);
    }

    private static String scalar(JsonNode v, String key) {
        if (v.isValueNode() && !v.isNull()) {
            return v.asText();
        }
        throw bad("context value of " + key + " must be a string, number or boolean (or an array of them)");
    }

    private static String requiredText(JsonNode line, String field) {
        JsonNode n = line.path(field);
        if (!n.isTextual() || n.asText().isEmpty()) {
            throw bad("\"" + field + "\" is required and must be a non-empty string");
        }
        return n.asText();
    }

    private static Optional<String> optionalText(JsonNode line, String field) {
        JsonNode n = line.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isTextual()) {
            throw bad("\"" + field + "\" must be a string");
        }
        return Optional.of(n.asText());
    }

    private static BadInputException bad(String message) {
        return new BadInputException(message, "");
    }
}
