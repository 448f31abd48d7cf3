package dev.airlock.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The agent's commands for the two sessions: an AWS CLI script, or the SDK agent when no CLI exists. */
record Agent(String description, List<String> session, Path dir, boolean cli, Path jar) {

    static Agent pick(Path dir, Path jar) throws IOException {
        String forced = System.getenv().getOrDefault("AIRLOCK_DEMO_AGENT", "");
        Path aws = Files.isExecutable(Path.of("/usr/bin/aws")) ? Path.of("/usr/bin/aws") : null;
        if (aws != null && !forced.equals("sdk")) {
            Path script = dir.resolve("agent.sh");
            Files.writeString(script, """
                    step() { printf '\\n  agent> %s\\n' "$*"; }
                    step "aws s3 ls s3://acme-reports/reports/"
                    AWS ls s3://acme-reports/reports/
                    step "aws s3 cp s3://acme-reports/reports/q1.csv -"
                    AWS cp s3://acme-reports/reports/q1.csv -
                    step "aws s3 cp notes.txt s3://acme-reports/reports/notes.txt   (a write)"
                    AWS cp NOTES s3://acme-reports/reports/notes.txt
                    step "aws s3 rm s3://acme-reports/secret/payroll.csv   (a delete)"
                    AWS rm s3://acme-reports/secret/payroll.csv
                    step "aws s3 cp s3://acme-reports/secret/payroll.csv -   (outside the allowed prefix)"
                    AWS cp s3://acme-reports/secret/payroll.csv -
                    exit 0
                    """.replace("AWS", aws + " s3").replace("NOTES", dir.resolve("notes.txt").toString()));
            return new Agent("the AWS CLI (" + aws + ")", List.of("sh", script.toString()), dir, true, jar);
        }
        return new Agent("the AWS SDK for Java (no AWS CLI at /usr/bin/aws)",
                List.of(java(), "-cp", jar.toString(), SdkAgent.class.getName()), dir, false, jar);
    }

    List<String> revocation(Path flag) throws IOException {
        if (!cli) {
            return List.of(java(), "-cp", jar.toString(), SdkAgent.class.getName(), "revocation", flag.toString());
        }
        Path script = dir.resolve("agent-revocation.sh");
        Files.writeString(script, """
                step() { printf '\\n  agent> %s\\n' "$*"; }
                step "aws s3 ls s3://acme-reports/reports/"
                AWS ls s3://acme-reports/reports/
                i=0; while [ ! -e FLAG ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done
                step "aws s3 ls s3://acme-reports/reports/   (after the session was revoked)"
                AWS ls s3://acme-reports/reports/
                exit 0
                """.replace("AWS", "/usr/bin/aws s3").replace("FLAG", flag.toString()));
        return List.of("sh", script.toString());
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
