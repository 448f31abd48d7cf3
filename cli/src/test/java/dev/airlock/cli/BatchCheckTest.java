package dev.airlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class BatchCheckTest {

    private static String run(String input) {
        StringWriter out = new StringWriter();
        BatchCheck.run(new StringReader(input), out);
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
}
