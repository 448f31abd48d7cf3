package dev.airlock.cli.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.lifecycle.Invocation;
import dev.airlock.config.ConfigException;
import dev.airlock.config.StarterConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The commands read the environment at the edge; here it is substituted. */
class InitCommandEnvTest {

    @TempDir
    Path dir;

    @Test
    void initWritesToTheResolvedDefaultAndProfileCommandsFindIt() throws IOException {
        Path home = dir.resolve("home");
        Map<String, String> env = Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", dir.resolve("xdg").toString());
        Result init = run(env, new InitCommand());
        Path expected = dir.resolve("xdg/airlock/config.toml");
        assertThat(init.exit).isZero();
        assertThat(Files.readString(expected)).isEqualTo(StarterConfig.text());
        assertThat(init.out).contains("Wrote a starter config to " + expected).doesNotContain("AIRLOCK_CONFIG");

        Result list = run(env, new ProfileCommand(), "list");
        assertThat(list.out.lines()).containsExactly("* dev  arn:aws:iam::111122223333:role/AgentRole  us-east-1  15m");
    }

    @Test
    void initHonoursAirlockConfigAndAirlockHome() throws IOException {
        Path explicit = dir.resolve("explicit/airlock.toml");
        assertThat(run(Map.of("AIRLOCK_CONFIG", explicit.toString(), "AIRLOCK_HOME", dir.resolve("ah").toString()),
                new InitCommand()).exit).isZero();
        assertThat(explicit).exists();

        assertThat(run(Map.of("AIRLOCK_HOME", dir.resolve("ah").toString()), new InitCommand()).exit).isZero();
        assertThat(dir.resolve("ah/config.toml")).exists();
    }

    @Test
    void initRefusesToAddATomlBesideAnExistingYaml() throws IOException {
        Path ah = Files.createDirectories(dir.resolve("ah"));
        Files.writeString(ah.resolve("config.yaml"), "profiles: {}\n");
        Result r = run(Map.of("AIRLOCK_HOME", ah.toString()), new InitCommand(), "--force");
        assertThat(r.error).isInstanceOf(ConfigException.class);
        assertThat(r.error.getMessage()).isEqualTo(ah.resolve("config.yaml")
                + ": a config file already exists here; writing config.toml beside it would make two");
        assertThat(ah.resolve("config.toml")).doesNotExist();
    }

    @Test
    void aPathOutsideTheSearchSaysHowToUseIt() {
        Path elsewhere = dir.resolve("elsewhere.toml");
        Result r = run(Map.of("AIRLOCK_HOME", dir.resolve("ah").toString()), new InitCommand(), "--path",
                elsewhere.toString());
        assertThat(r.out).contains("export AIRLOCK_CONFIG=" + elsewhere).contains("airlock profile show dev --config " + elsewhere);
    }

    @Test
    void withNoConfigFileProfileCommandsSayToRunInit() {
        Result r = run(Map.of("AIRLOCK_HOME", dir.resolve("ah").toString()), new ProfileCommand(), "list");
        assertThat(r.error).isInstanceOf(ConfigException.class);
        assertThat(((ConfigException) r.error).hint()).startsWith("run 'airlock init' to create " + dir.resolve("ah/config.toml"));
    }

    private record Result(int exit, String out, Exception error) {
    }

    private static Result run(Map<String, String> env, Object command, String... args) {
        StringWriter out = new StringWriter();
        Exception[] error = new Exception[1];
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(new StringWriter()));
        cli.setExecutionExceptionHandler((ex, c, p) -> {
            error[0] = ex;
            return 6;
        });
        int exit = Invocation.withEnv(env, () -> cli.execute(args));
        return new Result(exit, out.toString(), error[0]);
    }
}
