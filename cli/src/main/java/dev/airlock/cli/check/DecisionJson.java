package dev.airlock.cli.check;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.airlock.policy.Decision;
import dev.airlock.policy.Layer;
import dev.airlock.policy.MissingAllow;
import dev.airlock.policy.StatementRef;
import java.io.IOException;

/**
 * Writes a decision as the JSON object printed by {@code check --json} and {@code check --batch},
 * straight to a generator: a batch writes one per line, and building a tree first would double the
 * work.
 */
public final class DecisionJson {

    private DecisionJson() {}

    public static void write(JsonGenerator g, Decision d) throws IOException {
        g.writeStartObject();
        g.writeStringField("decision", d.outcome().wireName());
        g.writeArrayFieldStart("deciding");
        for (StatementRef s : d.deciding()) {
            g.writeStartObject();
            g.writeStringField("layer", s.layer().name());
            if (s.layer() == Layer.SCP || s.layer() == Layer.RCP) {
                g.writeNumberField("level", s.level());
            }
            g.writeStringField("policy", s.policyName());
            g.writeStringField("statement", s.statement());
            g.writeStringField("effect", s.effect().awsName());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("missingAllows");
        for (MissingAllow m : d.missingAllows()) {
            g.writeStartObject();
            g.writeStringField("layer", m.layer().name());
            if (m.layer() == Layer.SCP) {
                g.writeNumberField("level", m.level());
            }
            g.writeStringField("reason", m.reason());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (d.note().isPresent()) {
            g.writeStringField("note", d.note().get());
        }
        g.writeEndObject();
    }
}
