package dev.airlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchCheckTest {

    private static String run(String input) {
        StringWriter out = new StringWriter();
        BatchCheck.run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out);
        return out.toString();
    }

    @Test
    void oneOutputLinePerRequestInOrderAndBadLinesDoNotStopTheRun() {
        String allow = "{\"identityPolicies\":[{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}}],\"action\":\"s3:GetObject\",\"resource\":"
                + "\"arn:aws:s3:::b/k\",\"principal\":\"arn:aws:iam::111122223333:user/a\"}";
        String deny = allow.replace("s3:GetObject\",\"resource", "s3:PutObject\",\"resource");
        String input = allow + "\n{not json\n" + deny + "\n{\"action\":\"s3:GetObject\"}\n" + allow + "\n";
        String[] lines = run(input).split("\n");
        assertThat(lines).hasSize(5);
        assertThat(lines[0]).contains("\"decision\":\"Allowed\"");
        assertThat(lines[1]).contains("\"error\"").contains("line 2").contains("malformed JSON");
        assertThat(lines[2]).contains("\"decision\":\"ImplicitlyDenied\"");
        assertThat(lines[3]).contains("\"error\"").contains("\\\"resource\\\" is required");
        assertThat(lines[4]).contains("\"decision\":\"Allowed\"");
    }

    @Test
    void namedPoliciesScpsAndResourcePolicies() {
        String line = """
                {"identityPolicies":[{"name":"dev","policy":{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}}],
                 "scps":[[{"name":"root","policy":{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}}],
                         [{"name":"ou","policy":{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ec2:*","Resource":"*"}}}]],
                 "action":"s3:GetObject","resource":"arn:aws:s3:::b/k","principal":"arn:aws:iam::111122223333:user/a"}
                """.replace("\n", " ");
        String out = run(line + "\n");
        assertThat(out).contains("\"decision\":\"ImplicitlyDenied\"").contains("\"layer\":\"SCP\"")
                .contains("\"level\":1");
    }

    @Test
    void invalidPolicyInALineIsAnErrorNamingThePolicy() {
        String line = "{\"identityPolicies\":[{\"name\":\"broken\",\"policy\":{\"Version\":\"2012-10-17\","
                + "\"Statement\":[]}}],\"action\":\"s3:GetObject\",\"resource\":\"*\",\"principal\":\"arn:aws:iam::1:user/a\"}";
        assertThat(run(line)).contains("\"error\"").contains("broken").contains("Statement is empty");
    }

    @Test
    void aContextArrayIsAMultivaluedKeyEvenWithOneElement() {
        String line = "{\"identityPolicies\":[{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                + "\"Action\":\"ec2:CreateTags\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":"
                + "{\"aws:TagKeys\":\"env\"}}}}],\"action\":\"ec2:CreateTags\",\"resource\":\"*\","
                + "\"principal\":\"arn:aws:iam::111122223333:user/a\",\"context\":{\"aws:TagKeys\":CONTEXT}}";
        assertThat(run(line.replace("CONTEXT", "[\"env\"]"))).contains("\"decision\":\"ImplicitlyDenied\"");
        assertThat(run(line.replace("CONTEXT", "\"env\""))).contains("\"decision\":\"Allowed\"");
    }

    @Test
    void aDecisionWithoutDecidingStatementsCarriesItsNote() {
        String line = "{\"identityPolicies\":[],\"action\":\"sts:GetCallerIdentity\",\"resource\":\"*\","
                + "\"principal\":\"arn:aws:iam::111122223333:user/alice\"}";
        assertThat(run(line)).contains("\"decision\":\"Allowed\"").contains("\"note\":\"sts:GetCallerIdentity needs no");
    }

    @Test
    void aBatchFileIsReadLikeStdinEvenWithMalformedUtf8(@TempDir Path tmp) throws IOException {
        String allow = "{\"identityPolicies\":[{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}}],\"action\":\"s3:GetObject\",\"resource\":"
                + "\"arn:aws:s3:::b/k\",\"principal\":\"arn:aws:iam::111122223333:user/a\",\"context\":{\"k\":\"X\"}}";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(allow.replace("X", "\u00ff").getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        byte[] line = allow.getBytes(StandardCharsets.UTF_8);
        int x = allow.indexOf('X');
        bytes.write(line, 0, x);
        bytes.write(0xff); // not UTF-8: read as U+FFFD, as a stream reader on stdin does
        bytes.write(line, x + 1, line.length - x - 1);
        Path file = tmp.resolve("requests.jsonl");
        Files.write(file, bytes.toByteArray());

        CliRun fromFile = CliRun.of("check", "--batch", file.toString());
        assertThat(fromFile.exit()).isZero();
        assertThat(fromFile.out()).isEqualTo(run(new String(bytes.toByteArray(), StandardCharsets.UTF_8)));
        assertThat(fromFile.out().lines()).hasSize(2).allMatch(l -> l.contains("\"decision\":\"Allowed\""));
    }
}
