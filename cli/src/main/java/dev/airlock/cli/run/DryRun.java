package dev.airlock.cli.run;

import dev.airlock.lifecycle.SessionPlan;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.airlock.session.AssumeRoleSpec;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --dry-run}: what would be sent to STS, and nothing is. */
final class DryRun {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DryRun() {}

    /** One JSON document: the region, the AssumeRole parameters, the session policy and what was said about it. */
    private static void printJson(SessionPlan plan, PrintWriter out) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("dryRun", true);
        doc.put("profile", plan.profile().name());
        doc.put("region", plan.region());
        doc.put("baseCredentials", plan.profile().source().toString());
        doc.put("assumeRole", call(plan));
        try {
            doc.put("sessionPolicy", JSON.readTree(plan.policy().json()));
            doc.put("policyCharacters", plan.policy().json().length());
            doc.put("warnings", plan.policy().warnings());
            doc.put("notes", plan.policy().notes());
            out.println(JSON.writeValueAsString(doc));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> call(SessionPlan plan) {
        AssumeRoleSpec s = plan.spec();
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("RoleArn", s.roleArn());
        call.put("RoleSessionName", s.sessionName());
        call.put("DurationSeconds", s.duration().toSeconds());
        s.sourceIdentity().ifPresent(v -> call.put("SourceIdentity", v));
        call.put("Tags", s.tags());
        plan.profile().mfaSerial().ifPresent(v -> call.put("SerialNumber", v));
        s.externalId().ifPresent(v -> call.put("ExternalId", v));
        return call;
    }

    static void print(SessionPlan plan, ScopeOptions o, PrintWriter out) {
        if (o.json) {
            printJson(plan, out);
        } else {
            print(plan, out);
        }
    }

    private static void print(SessionPlan plan, PrintWriter out) {
        Map<String, Object> call = call(plan);
        call.put("Policy", "(below, " + plan.policy().json().length() + " of 2048 characters)");
        try {
            out.println("# sts:AssumeRole in " + plan.region() + " (dry run: nothing was contacted)");
            out.println(JSON.writeValueAsString(call));
            out.println("# session policy");
            out.println(JSON.writeValueAsString(JSON.readTree(plan.policy().json())));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        plan.policy().warnings().forEach(w -> out.println("# warning: " + w));
        plan.policy().notes().forEach(n -> out.println("# note: " + n));
    }
}
