package dev.airlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI explains itself: help per command, did-you-mean, the version, and completion scripts the shells load. */
class HelpAndCompletionTest {

    @Test
    void theCommandListHasEveryCommand() {
        String help = CliRun.of("--help").out();
        for (String c : new String[] {"run", "credentials", "serve", "login", "sessions", "audit", "profile", "init",
            "check", "lint", "actions", "helper", "demo", "completion", "help"}) {
            assertThat(help).containsPattern("(?m)^  " + c + " ");
        }
        assertThat(CliRun.of("help", "sessions").out()).contains("revoke").contains("Examples:");
        assertThat(CliRun.of("help", "helper").out()).contains("start").contains("AIRLOCK_HELPER_IDLE_SECONDS");
    }

    @Test
    void helpForACommandHasExamplesAndItsEnvironment() {
        CliRun r = CliRun.of("help", "run");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Usage: airlock run").contains("Examples:").contains("--dry-run --json")
                .contains("Environment:").contains("AIRLOCK_HELPER=off").contains("AWS_REGION");
    }

    @Test
    void misspeltCommandsAndOptionsGetTheNearestName() {
        CliRun r = CliRun.of("rn");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.err()).contains("did you mean run?");
        assertThat(CliRun.of("sesions", "list").err()).contains("did you mean sessions?");
        assertThat(CliRun.of("run", "--alow", "s3:GetObject").err()).contains("did you mean --allow?");
    }

    @Test
    void theVersionNamesTheCommitAndTheJava() {
        String v = CliRun.of("--version").out();
        assertThat(v).startsWith("airlock 0.1.0 (commit ").contains("Java " + Runtime.version().feature());
        // Built from this checkout: a real commit id (CI builds from a clone).
        assertThat(v).containsPattern("commit [0-9a-f]{12}\\)");
    }

    @Test
    void bashLoadsTheCompletionAndCompletesCommandsAndOptions(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("completion", "bash");
        assertThat(r.exit()).isZero();
        Path script = Files.writeString(dir.resolve("airlock.bash"), r.out());
        assertThat(complete(script, "airlock ses")).contains("sessions");
        assertThat(complete(script, "airlock run --aws")).contains("--aws-profile");
        assertThat(complete(script, "airlock sessions ")).contains("list", "show", "revoke");
    }

    /** What bash's programmable completion offers for the line so far (the last word being completed). */
    private static String complete(Path script, String line) throws Exception {
        String words = line.endsWith(" ") ? line + "''" : line;
        String probe = "source " + script + "; COMP_WORDS=(" + words + "); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); "
                + "COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE}; _complete_airlock; printf '%s\\n' \"${COMPREPLY[@]}\"";
        Process p = new ProcessBuilder("bash", "-c", probe).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void fishCompletionIsOneCompleteLinePerCommandAndOption() {
        CliRun r = CliRun.of("completion", "fish");
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().filter(l -> !l.startsWith("#"))).allMatch(l -> l.startsWith("complete -c airlock "));
        assertThat(r.out()).contains("-a sessions").contains("-l aws-profile -r").contains("-a revoke");
        assertThat(CliRun.of("completion", "tcsh").err()).contains("give bash, zsh or fish");
    }
}
