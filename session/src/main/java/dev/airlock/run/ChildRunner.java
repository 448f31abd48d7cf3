package dev.airlock.run;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Runs a child with the terminal's stdin/stdout/stderr, forwards SIGINT, SIGTERM and SIGHUP to it,
 * and enforces the hard time cap: SIGTERM at the deadline, SIGKILL after the grace period.
 */
public final class ChildRunner implements ChildLauncher {

    private static final List<String> FORWARDED = List.of("INT", "TERM", "HUP");

    private final Consumer<String> notices;

    /** @param notices where to say what Airlock did to the child (stderr in the CLI) */
    public ChildRunner(Consumer<String> notices) {
        this.notices = notices;
    }

    @Override
    public ChildOutcome run(ChildSpec spec) {
        ProcessBuilder pb = new ProcessBuilder(spec.command()).inheritIO();
        pb.environment().clear();
        pb.environment().putAll(spec.environment());
        Process child;
        try {
            child = pb.start();
        } catch (IOException e) {
            return notStarted(spec.command().get(0), e);
        }
        List<Restorer> restore = forwardSignals(child);
        try {
            return await(child, spec.maxDuration(), spec.grace());
        } finally {
            restore.forEach(Restorer::restore);
        }
    }

    private ChildOutcome await(Process child, Duration max, Duration grace) {
        try {
            if (child.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
                return new ChildOutcome.Exited(child.exitValue());
            }
            notices.accept("the command ran past --max-duration " + pretty(max) + "; sending SIGTERM (grace "
                    + pretty(grace) + ")");
            signalTree(child, false);
            if (child.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return new ChildOutcome.TimedOut(false);
            }
            notices.accept("the command ignored SIGTERM for " + pretty(grace) + "; sending SIGKILL");
            signalTree(child, true);
            child.waitFor();
            return new ChildOutcome.TimedOut(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            signalTree(child, true);
            return new ChildOutcome.Exited(130);
        }
    }

    /** Children of the child (a shell's pipeline, say) must stop too, or they outlive the cap. */
    private static void signalTree(Process child, boolean kill) {
        List<ProcessHandle> all = new ArrayList<>(child.descendants().toList());
        all.add(child.toHandle());
        for (ProcessHandle p : all) {
            if (kill) {
                p.destroyForcibly();
            } else {
                p.destroy();
            }
        }
    }

    private static ChildOutcome notStarted(String command, IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("error=2,")) {
            return new ChildOutcome.NotFound(command);
        }
        int at = message.indexOf("error=");
        return new ChildOutcome.NotExecutable(command, at < 0 ? message : message.substring(at));
    }

    private List<Restorer> forwardSignals(Process child) {
        List<Restorer> restorers = new ArrayList<>();
        for (String name : FORWARDED) {
            try {
                Signal signal = new Signal(name);
                SignalHandler previous = Signal.handle(signal, s -> forward(child, name));
                restorers.add(() -> Signal.handle(signal, previous));
            } catch (IllegalArgumentException e) {
                // The JVM reserves this signal here (e.g. with -Xrs); the child still gets it from the terminal.
            }
        }
        return restorers;
    }

    private static void forward(Process child, String signal) {
        if (!child.isAlive()) {
            return;
        }
        if (signal.equals("TERM")) {
            child.destroy();
            return;
        }
        try {
            new ProcessBuilder("kill", "-s", signal, Long.toString(child.pid())).inheritIO().start();
        } catch (IOException e) {
            child.destroy();
        }
    }

    static String pretty(Duration d) {
        long s = d.toSeconds();
        if (s % 3600 == 0 && s > 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0 && s > 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    @FunctionalInterface
    private interface Restorer {
        void restore();
    }
}
