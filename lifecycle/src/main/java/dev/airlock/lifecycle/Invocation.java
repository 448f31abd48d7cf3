package dev.airlock.lifecycle;

import dev.airlock.run.ChildLauncher;
import dev.airlock.run.ChildOutcome;
import dev.airlock.run.ChildRunner;
import dev.airlock.run.ChildSpec;
import java.io.Console;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What one run of a command gets from the process that asked for it: the environment, a way to ask
 * the user for a secret (an MFA code), and a way to run a session's command. In a plain
 * {@code airlock} process these are the JVM's own; in the resident helper they are the connected
 * client's, so a command behaves the same in both. Read only through {@link #current()}, on the
 * thread that runs the command: a task handed to another thread takes what it needs with it.
 *
 * @param resident whether this runs inside the resident helper (which cannot host --refresh or --enforce)
 */
public record Invocation(Map<String, String> env, Prompter prompter,
        Function<Consumer<String>, ChildLauncher> launcher, boolean resident) {

    /** The one question a command asks: the client of the resident helper answers no other. */
    public static final String MFA_PROMPT = "MFA code: ";

    /** Asks the user for a secret without echoing it; empty when there is no terminal to ask on. */
    @FunctionalInterface
    public interface Prompter {
        Optional<String> secret(String prompt);
    }

    // Not inheritable: pooled threads outlive the invocation that created them, and would keep
    // answering for that client.
    private static final ThreadLocal<Invocation> CURRENT = new ThreadLocal<>();

    /** Set in the resident helper, where a thread without an invocation has no client to answer for. */
    private static volatile boolean explicitOnly;

    public Invocation {
        env = Map.copyOf(env);
    }

    /** From now on, {@link #current()} on a thread without an invocation is a bug, not this process. */
    public static void requireExplicit() {
        explicitOnly = true;
    }

    /** This process: its environment, its terminal, children started here. */
    public static Invocation local() {
        return new Invocation(System.getenv(), Invocation::console, ChildRunner::new, false);
    }

    public static Invocation current() {
        Invocation i = CURRENT.get();
        if (i != null) {
            return i;
        }
        if (explicitOnly) {
            throw new IllegalStateException("no invocation on thread " + Thread.currentThread().getName());
        }
        return local();
    }

    /** Runs {@code body} as {@code invocation} on this thread. */
    public static <T> T with(Invocation invocation, Supplier<T> body) {
        Invocation previous = CURRENT.get();
        CURRENT.set(invocation);
        try {
            return body.get();
        } finally {
            CURRENT.set(previous);
        }
    }

    /** Runs {@code body} with {@code env} in place of this process's environment (tests). */
    public static <T> T withEnv(Map<String, String> env, Supplier<T> body) {
        return with(new Invocation(env, Invocation::console, ChildRunner::new, false), body);
    }

    /** Runs a session's command where this invocation runs commands, and waits for it. */
    public ChildOutcome runChild(ChildSpec spec, Consumer<String> notices) {
        return launcher.apply(notices).run(spec);
    }

    /** The environment holds the invoker's secrets: never in a message or a log line. */
    @Override
    public String toString() {
        return "Invocation[" + env.size() + " variables, resident=" + resident + "]";
    }

    /**
     * Asks on this process's terminal: its console, else its controlling terminal ({@code /dev/tty}),
     * which a {@code credential_process} still has when its stdin and stdout are the AWS CLI's pipes.
     */
    public static Optional<String> console(String prompt) {
        Console console = System.console();
        if (console == null) {
            return controllingTerminal(prompt);
        }
        char[] typed = console.readPassword(prompt);
        return typed == null ? Optional.empty() : Optional.of(new String(typed).trim());
    }

    private static final java.nio.file.Path TTY = java.nio.file.Path.of("/dev/tty");

    /** Empty when there is none (no controlling terminal: opening /dev/tty fails with ENXIO). */
    private static Optional<String> controllingTerminal(String prompt) {
        try (java.io.RandomAccessFile tty = new java.io.RandomAccessFile(TTY.toFile(), "rw")) {
            boolean hidden = stty("-echo");
            try {
                tty.write(prompt.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                String line = tty.readLine();
                tty.write('\n');
                return Optional.ofNullable(line).map(String::trim).filter(s -> !s.isEmpty());
            } finally {
                if (hidden) {
                    stty("echo");
                }
            }
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** Java cannot turn off a terminal's echo itself; stty on the same terminal can. */
    private static boolean stty(String mode) {
        try {
            Process p = new ProcessBuilder("stty", mode).redirectInput(TTY.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
