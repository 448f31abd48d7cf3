package dev.airlock.cli.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged CLI exactly as a user does, through {@code bin/airlock}, as a separate process
 * with an environment of the test's choosing (nothing inherited but PATH and JAVA_HOME). Every
 * command runs in its own process unless {@link #startHelper()} was called: then {@code run} and
 * {@code credentials} are served by a resident helper, as by default for users.
 */
final class AirlockProcess {

    static final Path LAUNCHER = Path.of("..", "bin", "airlock").toAbsolutePath().normalize();

    record Result(int exit, String out, String err) {}

    private final Map<String, String> env = new HashMap<>();

    AirlockProcess(Path home) {
        env.put("PATH", System.getenv("PATH"));
        if (System.getenv("JAVA_HOME") != null) {
            env.put("JAVA_HOME", System.getenv("JAVA_HOME"));
        }
        env.put("HOME", home.toString());
        env.put("AIRLOCK_HOME", home.resolve("airlock").toString());
        env.put("AIRLOCK_CONFIG", home.resolve("config.toml").toString());
        env.put("AIRLOCK_HELPER", "off");
    }

    /** Starts the resident helper for the current environment (change no variable afterwards). */
    AirlockProcess startHelper() throws IOException, InterruptedException {
        env.put("AIRLOCK_HELPER", "on");
        Result r = run("helper", "start");
        if (r.exit() != 0) {
            throw new AssertionError("helper start failed: " + r.err());
        }
        return this;
    }

    /**
     * Stops every helper of this home (no-op when none runs), including one still warming up, which
     * a run under another environment may have started and which has no socket to be asked on yet.
     */
    void stopHelpers() throws Exception {
        run("helper", "stop");
        String home = Path.of(env.get("AIRLOCK_HOME")).toString();
        for (ProcessHandle helper : ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("HelperServer " + home)).toList()) {
            helper.destroy();
            helper.onExit().get(20, TimeUnit.SECONDS);
        }
    }

    AirlockProcess env(String key, String value) {
        env.put(key, value);
        return this;
    }

    Map<String, String> env() {
        return env;
    }

    /**
     * Starts a long-running command (the broker) in the background, stderr to {@code err}; returns
     * once a line of stderr contains {@code ready}.
     */
    Process spawn(Path err, String ready, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(err) && Files.readString(err, StandardCharsets.UTF_8).contains(ready)) {
                return p;
            }
            if (!p.isAlive()) {
                throw new AssertionError("exited " + p.exitValue() + ": " + Files.readString(err, StandardCharsets.UTF_8));
            }
            Thread.sleep(50);
        }
        p.destroyForcibly();
        throw new AssertionError("not ready in 60 s: " + Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Runs a command with {@code stdin} as its standard input. */
    Result runWithInput(String stdin, String... args) throws IOException, InterruptedException {
        Path in = Files.createTempFile("airlock-in", ".txt");
        Files.writeString(in, stdin);
        try {
            return run(ProcessBuilder.Redirect.from(in.toFile()), args);
        } finally {
            Files.delete(in);
        }
    }

    Result run(String... args) throws IOException, InterruptedException {
        return run(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")), args);
    }

    private Result run(ProcessBuilder.Redirect input, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        // In a session of its own: no controlling terminal (as in CI), even when the tests run from one.
        command.addAll(List.of("setsid", "-w"));
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().putAll(env);
        Path out = Files.createTempFile("airlock-out", ".txt");
        Path err = Files.createTempFile("airlock-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(input);
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("airlock did not finish in 120 s: " + command);
        }
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }
}
