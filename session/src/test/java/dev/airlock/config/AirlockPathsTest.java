package dev.airlock.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AirlockPathsTest {

    @TempDir
    Path dir;

    private static final String PROFILE = "[profiles.a]\nrole_arn = \"arn:aws:iam::111122223333:role/R\"\n";

    @Test
    void airlockConfigWinsWhetherOrNotItExists() throws IOException {
        Path home = dir.resolve("home");
        write(home.resolve(".config/airlock/config.toml"), PROFILE);
        Map<String, String> env = Map.of("AIRLOCK_CONFIG", dir.resolve("elsewhere.yaml").toString(),
                "AIRLOCK_HOME", dir.resolve("ah").toString(), "HOME", home.toString());
        assertThat(AirlockPaths.configFile(env)).contains(dir.resolve("elsewhere.yaml"));
        assertThat(AirlockPaths.defaultConfigTarget(env)).isEqualTo(dir.resolve("elsewhere.yaml"));
    }

    @Test
    void resolutionOrderIsAirlockHomeThenXdgThenHome() throws IOException {
        Path home = dir.resolve("home");
        Path xdg = dir.resolve("xdg");
        Path airlockHome = dir.resolve("ah");
        write(home.resolve(".config/airlock/config.toml"), PROFILE);
        write(xdg.resolve("airlock/config.yaml"), "profiles: {}\n");
        write(airlockHome.resolve("config.yml"), "profiles: {}\n");

        assertThat(AirlockPaths.configFile(Map.of("HOME", home.toString())))
                .contains(home.resolve(".config/airlock/config.toml"));
        assertThat(AirlockPaths.configFile(Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", xdg.toString())))
                .contains(xdg.resolve("airlock/config.yaml"));
        assertThat(AirlockPaths.configFile(Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", xdg.toString(),
                "AIRLOCK_HOME", airlockHome.toString()))).contains(airlockHome.resolve("config.yml"));
    }

    @Test
    void onlyTheChosenDirectoryIsSearched() throws IOException {
        Path home = dir.resolve("home");
        write(home.resolve(".config/airlock/config.toml"), PROFILE);
        Map<String, String> env = Map.of("HOME", home.toString(), "AIRLOCK_HOME", dir.resolve("empty").toString());
        assertThat(AirlockPaths.configFile(env)).isEmpty();
        assertThat(ConfigLoader.loadIfPresent(env)).isEmpty();
        assertThat(AirlockPaths.defaultConfigTarget(env)).isEqualTo(dir.resolve("empty/config.toml"));
    }

    @Test
    void emptyVariablesAndRelativeXdgPathsCountAsUnset() {
        Path home = dir.resolve("home");
        Map<String, String> env = Map.of("HOME", home.toString(), "AIRLOCK_CONFIG", "", "AIRLOCK_HOME", " ",
                "XDG_CONFIG_HOME", "relative/dir", "XDG_DATA_HOME", "");
        assertThat(AirlockPaths.configDir(env)).isEqualTo(home.resolve(".config/airlock"));
        assertThat(AirlockPaths.defaultConfigTarget(env)).isEqualTo(home.resolve(".config/airlock/config.toml"));
        assertThat(AirlockPaths.dataDir(env)).isEqualTo(home.resolve(".local/share/airlock"));
    }

    @Test
    void withoutHomeTheJvmUserHomeIsUsed() {
        assertThat(AirlockPaths.configDir(Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".config", "airlock"));
    }

    @Test
    void dataDirOrder() {
        Path home = dir.resolve("home");
        assertThat(AirlockPaths.dataDir(Map.of("HOME", home.toString()))).isEqualTo(home.resolve(".local/share/airlock"));
        assertThat(AirlockPaths.dataDir(Map.of("HOME", home.toString(), "XDG_DATA_HOME", dir.resolve("data").toString())))
                .isEqualTo(dir.resolve("data/airlock"));
        assertThat(AirlockPaths.dataDir(Map.of("HOME", home.toString(), "XDG_DATA_HOME", dir.resolve("data").toString(),
                "AIRLOCK_HOME", dir.resolve("ah").toString()))).isEqualTo(dir.resolve("ah"));
    }

    @Test
    void tomlAndYamlInTheSameDirectoryIsAnError() throws IOException {
        Path ah = dir.resolve("ah");
        write(ah.resolve("config.toml"), PROFILE);
        write(ah.resolve("config.yaml"), "profiles: {}\n");
        Map<String, String> env = Map.of("AIRLOCK_HOME", ah.toString());
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> AirlockPaths.configFile(env));
        assertThat(e.getMessage()).isEqualTo(ah.resolve("config.toml") + ": found 2 config files in " + ah
                + ": config.toml and config.yaml; Airlock reads only one");
        assertThat(e.hint()).isEqualTo("keep one: merge the settings into config.toml and delete " + ah.resolve("config.yaml"));
        assertThat(catchThrowableOfType(ConfigException.class, () -> ConfigLoader.loadIfPresent(env))).isNotNull();
    }

    @Test
    void loadIfPresentLoadsTheResolvedFile() throws IOException {
        Path ah = dir.resolve("ah");
        write(ah.resolve("config.toml"), PROFILE);
        Optional<AirlockConfig> config = ConfigLoader.loadIfPresent(Map.of("AIRLOCK_HOME", ah.toString()));
        assertThat(config).map(AirlockConfig::file).contains(ah.resolve("config.toml"));
        assertThat(config.get().profiles()).containsOnlyKeys("a");
    }

    @Test
    void anExplicitConfigThatDoesNotExistIsAnError() {
        Path missing = dir.resolve("missing.toml");
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.loadIfPresent(Map.of("AIRLOCK_CONFIG", missing.toString())));
        assertThat(e.getMessage()).isEqualTo(missing + ": does not exist (AIRLOCK_CONFIG names it)");
        assertThat(e.hint()).contains("airlock init").contains("unset AIRLOCK_CONFIG");
    }

    @Test
    void loadRequiredSaysToRunInit() {
        Path ah = dir.resolve("ah");
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.loadRequired(Map.of("AIRLOCK_HOME", ah.toString())));
        assertThat(e.file()).isEqualTo(ah.resolve("config.toml"));
        assertThat(e.problem()).isEqualTo("no config file (looked for config.toml, config.yaml, config.yml in " + ah + ")");
        assertThat(e.hint()).startsWith("run 'airlock init' to create " + ah.resolve("config.toml"));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
