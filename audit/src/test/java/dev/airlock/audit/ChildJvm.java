package dev.airlock.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@link AppendMain} in a new JVM with the test classpath. */
final class ChildJvm {

    private ChildJvm() {
    }

    static Process start(Path auditDir, long count, String label, Path sync) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                AppendMain.class.getName(), auditDir.toString(), Long.toString(count), label, sync.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(sync.resolve("output-" + label + ".txt").toFile()).start();
    }

    static void awaitReady(Path sync, String label, Process p) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(sync.resolve("ready-" + label))) {
            if (!p.isAlive()) {
                throw new AssertionError("child " + label + " exited with " + p.exitValue() + ": "
                        + Files.readString(sync.resolve("output-" + label + ".txt")));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("child " + label + " did not start");
            }
            Thread.sleep(10);
        }
    }

    static String output(Path sync, String label) throws IOException {
        return Files.readString(sync.resolve("output-" + label + ".txt"));
    }
}
