package dev.airlock.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each shell reads back from {@code serve --format}'s lines, with quotes and spaces in a value. */
class ExportFormatTest {

    private static final Map<String, String> ENV = new LinkedHashMap<>();

    static {
        ENV.put("AWS_ACCESS_KEY_ID", "ASIAIOSFODNN7EXAMPLE");
        ENV.put("AWS_CA_BUNDLE", "/tmp/it's a \"dir\"/ca.pem");
        ENV.put("NOT_PRINTED", "x");
    }

    private static String print(ExportFormat f) {
        StringWriter out = new StringWriter();
        f.print(List.of("AWS_ACCESS_KEY_ID", "AWS_CA_BUNDLE", "AIRLOCK_SESSION_ID"), ENV, new PrintWriter(out));
        return out.toString();
    }

    /** Runs the shell on the printed lines and echoes the variable back. */
    private static String shell(Path dir, String shell, String lines, String echo) throws Exception {
        Path script = dir.resolve("env." + shell);
        Files.writeString(script, lines + echo + "\n");
        Process p = new ProcessBuilder(shell, script.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void shReadsBackEveryValueExactly(@TempDir Path dir) throws Exception {
        String out = shell(dir, "sh", print(ExportFormat.SH), "printf '%s|%s' \"$AWS_ACCESS_KEY_ID\" \"$AWS_CA_BUNDLE\"");
        assertThat(out).isEqualTo("ASIAIOSFODNN7EXAMPLE|/tmp/it's a \"dir\"/ca.pem");
    }

    @Test
    void fishQuotingEscapesBackslashAndQuote() {
        assertThat(print(ExportFormat.FISH)).contains("set -e AWS_PROFILE\n")
                .contains("set -gx AWS_CA_BUNDLE '/tmp/it\\'s a \"dir\"/ca.pem'\n").doesNotContain("NOT_PRINTED");
    }

    @Test
    void jsonIsOneObjectOfThePrintedVariables() throws Exception {
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(print(ExportFormat.JSON));
        assertThat(node.size()).isEqualTo(2);
        assertThat(node.get("AWS_CA_BUNDLE").asText()).isEqualTo("/tmp/it's a \"dir\"/ca.pem");
    }

    @Test
    void dotenvIsKeyEqualsValueLines() {
        assertThat(print(ExportFormat.DOTENV)).isEqualTo("AWS_ACCESS_KEY_ID=ASIAIOSFODNN7EXAMPLE\n"
                + "AWS_CA_BUNDLE=/tmp/it's a \"dir\"/ca.pem\n");
    }
}
