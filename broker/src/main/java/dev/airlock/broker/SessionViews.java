package dev.airlock.broker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.airlock.audit.AuditLog;
import dev.airlock.audit.AuditRecord;
import dev.airlock.broker.api.ApiJson;
import dev.airlock.broker.api.ApiProblem;
import dev.airlock.broker.api.CheckQuery;
import dev.airlock.broker.auth.ClientId;
import dev.airlock.broker.http.ApiResponse;
import dev.airlock.broker.http.Problem;
import dev.airlock.policy.Decision;
import dev.airlock.policy.Evaluator;
import dev.airlock.policy.Policy;
import dev.airlock.policy.PolicyKind;
import dev.airlock.policy.PolicyParseException;
import dev.airlock.policy.PolicySet;
import dev.airlock.policy.Request;
import dev.airlock.session.SessionRecord;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The API's answers about sessions: what a client may see of its own, and nothing of others'. */
final class SessionViews {

    private final BrokerSessions sessions;
    private final AuditLog auditLog;

    SessionViews(BrokerSessions sessions, AuditLog auditLog) {
        this.sessions = sessions;
        this.auditLog = auditLog;
    }

    static Map<String, Object> created(BrokerSessions.Issued i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("mode", i.mode().label());
        m.put("expires", i.expires().toString());
        m.put("tokenId", i.tokenId());
        Optional.ofNullable(i.environment().get("AWS_ENDPOINT_URL")).ifPresent(u -> m.put("endpoint", u));
        m.put("environment", i.environment());
        i.caBundle().ifPresent(ca -> m.put("caBundle", ca));
        return m;
    }

    ApiResponse list(ClientId client) {
        return ApiResponse.json(200, ApiJson.write(Map.of("sessions",
                sessions.list(client).stream().map(SessionViews::summary).toList())));
    }

    ApiResponse show(ClientId client, Optional<String> id) {
        return ApiResponse.json(200, ApiJson.write(summary(own(client, id.orElseThrow()))));
    }

    ApiResponse revoke(ClientId client, Optional<String> id) {
        own(client, id.orElseThrow());
        sessions.revoke(client, id.orElseThrow(), "revoked through the broker API by " + client);
        return ApiResponse.json(200, ApiJson.write(Map.of("id", id.orElseThrow(), "status", "revoked")));
    }

    ApiResponse audit(ClientId client, Optional<String> id) {
        String sid = id.orElseThrow(() -> ApiProblem.invalid("missing-parameter", "give ?session=ID"));
        own(client, sid);
        List<AuditRecord> events = auditLog.forSessions(Set.of(sid)).getOrDefault(sid, List.of());
        return ApiResponse.json(200, ApiJson.write(Map.of("session", sid, "events",
                events.stream().map(SessionViews::event).toList())));
    }

    /** Would the session's policy allow the action on the resource? Request context is not given, so conditions on it fail. */
    ApiResponse check(ClientId client, CheckQuery q) {
        BrokerSessions.Issued i = sessions.issued(client, q.session()).orElseThrow(() -> missing(q.session()));
        Policy p;
        try {
            p = Policy.parse("session policy", PolicyKind.IDENTITY, i.policyJson());
        } catch (PolicyParseException e) {
            throw new IllegalStateException(e);
        }
        Decision d = Evaluator.evaluate(PolicySet.builder().identity(p).build(),
                Request.of(q.action(), q.resource(), i.principal()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("session", q.session());
        m.put("action", q.action());
        m.put("resource", q.resource());
        m.put("allowed", d.allowed());
        m.put("decision", d.outcome().wireName());
        m.put("deciding", d.deciding().stream().map(Object::toString).toList());
        m.put("missing", d.missingAllows().stream().map(Object::toString).toList());
        return ApiResponse.json(200, ApiJson.write(m));
    }

    private SessionRecord own(ClientId client, String id) {
        return sessions.find(client, id).orElseThrow(() -> missing(id));
    }

    private static ApiProblem missing(String id) {
        return new ApiProblem(Problem.of(404, "no-such-session", "No such session",
                "no live session " + id + " issued to this client"));
    }

    private static Map<String, Object> summary(SessionRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
        m.put("start", r.start().toString());
        m.put("expires", r.expires().toString());
        m.put("actions", r.actions());
        m.put("resources", r.resources());
        return m;
    }

    private static Map<String, Object> event(AuditRecord e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", e.seq());
        m.put("time", e.time().toString());
        m.put("type", e.type());
        m.putAll(e.fields());
        return m;
    }

    static String problemSlug(ApiResponse r) {
        try {
            JsonNode n = ApiJson.MAPPER.readTree(r.body());
            String type = n.path("type").asText();
            return type.substring(type.lastIndexOf(':') + 1);
        } catch (IOException e) {
            return "unknown";
        }
    }
}
