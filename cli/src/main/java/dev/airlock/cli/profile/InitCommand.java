package dev.airlock.cli.profile;

import dev.airlock.cli.HelpText;
import dev.airlock.lifecycle.Invocation;
import dev.airlock.cli.ExitCode;
import dev.airlock.config.AirlockPaths;
import dev.airlock.config.ConfigException;
import dev.airlock.config.StarterConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code airlock init}: write the commented starter config file. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write a commented starter config file (TOML) with one example profile, dev.",
        footer = {"%nExamples:", "  airlock init", "  airlock init --path ./airlock.toml", HelpText.STATE_ENVIRONMENT})
public final class InitCommand implements Callable<Integer> {

    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--force", description = "replace the file if it exists (its contents are lost)")
    boolean force;

    @Option(names = "--path", paramLabel = "FILE", description = "write here (a .toml file) instead of the "
            + "default: $AIRLOCK_CONFIG, else config.toml in $AIRLOCK_HOME, $XDG_CONFIG_HOME/airlock or ~/.config/airlock")
    Path path;

    @Override
    public Integer call() {
        Map<String, String> env = Invocation.current().env();
        Path target = (path != null ? path : AirlockPaths.defaultConfigTarget(env)).toAbsolutePath().normalize();
        checkTarget(target, env);
        write(target, StarterConfig.text());

        PrintWriter out = spec.commandLine().getOut();
        out.println("Wrote a starter config to " + target + " (mode 0600).");
        if (!readByDefault(target, env)) {
            out.println("Airlock reads it only when told: export AIRLOCK_CONFIG=" + target);
        }
        String dev = StarterConfig.EXAMPLE_PROFILE;
        out.println("Next:");
        out.println("  1. Edit role_arn (and region) in its [profiles." + dev + "] table: a role your AWS "
                + "credentials can assume.");
        out.println("  2. Check it:  airlock profile show " + dev
                + (readByDefault(target, env) ? "" : " --config " + target));
        out.println("  3. Run a command with only the access it needs, e.g.");
        out.println("       airlock run --profile " + dev + " --allow s3:ListBucket --resource arn:aws:s3:::my-bucket"
                + " -- aws s3 ls s3://my-bucket");
        out.flush();
        return ExitCode.OK.code();
    }

    private void checkTarget(Path target, Map<String, String> env) {
        Path name = target.getFileName();
        if (name == null || !name.toString().toLowerCase(Locale.ROOT).endsWith(".toml")) {
            throw new ConfigException(target, "the starter config is TOML; the file name must end in .toml",
                    "pass --path with a .toml file, e.g. --path " + target.resolveSibling("config.toml"));
        }
        if (Files.isDirectory(target)) {
            throw new ConfigException(target, "is a directory", "pass --path with a file name");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !force) {
            throw new ConfigException(target, "already exists; not overwriting it",
                    "pass --force to replace it with the starter (its current contents are lost), "
                            + "or --path FILE to write elsewhere");
        }
        if (path == null && AirlockPaths.explicitConfigFile(env).isEmpty()) {
            // A YAML config beside the new TOML one would make two config files, which is an error.
            for (String other : AirlockPaths.CONFIG_NAMES) {
                Path sibling = target.resolveSibling(other);
                if (!sibling.equals(target) && Files.exists(sibling, LinkOption.NOFOLLOW_LINKS)) {
                    throw new ConfigException(sibling, "a config file already exists here; writing "
                            + target.getFileName() + " beside it would make two",
                            "edit " + sibling + ", or delete it and run airlock init again");
                }
            }
        }
    }

    /** Whether Airlock finds {@code target} without --config. */
    private static boolean readByDefault(Path target, Map<String, String> env) {
        try {
            return AirlockPaths.configFile(env).map(p -> p.toAbsolutePath().normalize()).filter(target::equals)
                    .isPresent();
        } catch (ConfigException twoFiles) {
            return false;
        }
    }

    /** Writes a temp file (0600) beside the target, syncs it, and renames it over the target. */
    private void write(Path target, String text) {
        Path dir = target.getParent();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        Path tmp = null;
        try {
            if (!Files.isDirectory(dir)) {
                if (posix) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
                } else {
                    Files.createDirectories(dir);
                }
            }
            tmp = posix
                    ? Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp",
                            PosixFilePermissions.asFileAttribute(FILE_MODE))
                    : Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            if (posix) {
                Files.setPosixFilePermissions(tmp, FILE_MODE);
            }
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            if (force) {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                // Without REPLACE_EXISTING: a file that appeared since the check above is not clobbered.
                Files.move(tmp, target);
            }
            tmp = null;
        } catch (FileAlreadyExistsException e) {
            throw new ConfigException(target, 0, 0, "already exists; not overwriting it",
                    "pass --force to replace it, or --path FILE to write elsewhere", e);
        } catch (AccessDeniedException e) {
            throw new ConfigException(target, 0, 0, "cannot be written: permission denied ("
                    + Optional.ofNullable(e.getFile()).orElse(String.valueOf(dir)) + ")",
                    "pass --path FILE to write somewhere you can, or set AIRLOCK_HOME", e);
        } catch (IOException e) {
            throw new ConfigException(target, 0, 0, "cannot be written: " + e, "", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // Best effort: a stray hidden temp file is harmless.
                }
            }
        }
    }
}
