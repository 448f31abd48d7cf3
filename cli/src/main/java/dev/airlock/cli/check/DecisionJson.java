package dev.airlock.cli.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.airlock.policy.Decision;
import dev.airlock.policy.MissingAllow;
import dev.airlock.policy.StatementRef;

/** Renders a decision as the JSON object printed by {@code check --json} and {@code check --batch}. */
public final class DecisionJson {

    private DecisionJson() {}

    public static ObjectNode of(ObjectMapper mapper, Decision d) {
        ObjectNode out = mapper.createObjectNode();
        out.put("decision", d.outcome().wireName());
        ArrayNode deciding = out.putArray("deciding");
        for (StatementRef s : d.deciding()) {
            ObjectNode n = deciding.addObject();
            n.put("layer", s.layer().name());
            if (s.layer() == dev.airlock.policy.Layer.SCP || s.layer() == dev.airlock.policy.Layer.RCP) {
                n.put("level", s.level());
            }
            n.put("policy", s.policyName());
            n.put("statement", s.statement());
            n.put("effect", s.effect().awsName());
        }
        ArrayNode missing = out.putArray("missingAllows");
        for (MissingAllow m : d.missingAllows()) {
            ObjectNode n = missing.addObject();
            n.put("layer", m.layer().name());
            if (m.layer() == dev.airlock.policy.Layer.SCP) {
                n.put("level", m.level());
            }
            n.put("reason", m.reason());
        }
        d.note().ifPresent(note -> out.put("note", note));
        return out;
    }
}
