package dev.airlock.cli.run;

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

    static void print(SessionPlan plan, PrintWriter out) {
        AssumeRoleSpec s = plan.spec();
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("RoleArn", s.roleArn());
        call.put("RoleSessionName", s.sessionName());
        call.put("DurationSeconds", s.duration().toSeconds());
        s.sourceIdentity().ifPresent(v -> call.put("SourceIdentity", v));
        call.put("Tags", s.tags());
        plan.profile().mfaSerial().ifPresent(v -> call.put("SerialNumber", v));
        s.externalId().ifPresent(v -> call.put("ExternalId", v));
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
