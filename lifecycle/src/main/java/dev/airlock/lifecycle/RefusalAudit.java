package dev.airlock.lifecycle;

import dev.airlock.audit.AuditLog;
import dev.airlock.session.ScopeException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Audits a session request refused before it had a plan (unknown action, malformed ARN, bad TTL). */
public record RefusalAudit(AuditLog audit, String mode, List<String> command) {

    public SessionPlan plan(Supplier<SessionPlan> planner) {
        try {
            return planner.get();
        } catch (ScopeException e) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("mode", mode);
            f.put("reason", e.getMessage());
            f.put("command", command);
            audit.append("session.refused", Optional.empty(), f);
            throw e;
        }
    }
}
