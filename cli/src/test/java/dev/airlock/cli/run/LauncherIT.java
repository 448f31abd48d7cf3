package dev.airlock.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/install} puts {@code airlock} on PATH as a link, and the linked launcher finds its jar. */
class LauncherIT {

    @TempDir
    Path dir;

    private static String run(Path cwd, String path, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", path);
        pb.environment().put("AIRLOCK_HELPER", "off");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void theInstalledLinkOnPathRunsAirlockFromAnyDirectory() throws Exception {
        Path bin = dir.resolve("bin");
        Path install = AirlockProcess.LAUNCHER.resolveSibling("install");
        String said = run(dir, System.getenv("PATH"), install.toString(), bin.toString());
        assertThat(said).contains("linked " + bin.resolve("airlock"));
        assertThat(Files.isSymbolicLink(bin.resolve("airlock"))).isTrue();

        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        // Found through the child's PATH by the shell, as a user typing `airlock` would.
        String version = run(elsewhere, bin + ":" + System.getenv("PATH"), "sh", "-c", "command -v airlock && airlock --version");
        assertThat(version).startsWith(bin.resolve("airlock") + "\n");
        version = version.substring(version.indexOf('\n') + 1);
        assertThat(version).startsWith("airlock ");

        // A link to the link (as a package manager's shim might make) resolves too.
        Files.createSymbolicLink(dir.resolve("again"), bin.resolve("airlock"));
        assertThat(run(elsewhere, System.getenv("PATH"), dir.resolve("again").toString(), "--version")).startsWith("airlock ");
    }
}
