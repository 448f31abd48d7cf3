package dev.airlock.cli.profile;

import dev.airlock.lifecycle.Invocation;
import dev.airlock.config.AirlockConfig;
import dev.airlock.config.ConfigLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE}: read this config file instead of the one the environment points to. */
public final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE", description = "the config file to read (default: "
            + "$AIRLOCK_CONFIG, else config.toml or config.yaml in $AIRLOCK_HOME, $XDG_CONFIG_HOME/airlock "
            + "or ~/.config/airlock)")
    Path file;

    /**
     * The config: {@code --config FILE} if given, else the file the environment resolves to.
     *
     * @throws dev.airlock.config.ConfigException if there is none or it is invalid
     */
    public AirlockConfig load() {
        return file != null ? ConfigLoader.load(file) : ConfigLoader.loadRequired(Invocation.current().env());
    }
}
