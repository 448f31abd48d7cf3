package dev.airlock.cli;

import dev.airlock.run.ChildLauncher;
import dev.airlock.run.ChildRunner;
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
 * client's, so a command behaves the same in both. Read only through {@link #current()}.
 *
 * @param resident whether this runs inside the resident helper (which cannot host --refresh or --enforce)
 */
public record Invocation(Map<String, String> env, Prompter prompter,
        Function<Consumer<String>, ChildLauncher> launcher, boolean resident) {

    /** Asks the user for a secret without echoing it; empty when there is no terminal to ask on. */
    @FunctionalInterface
    public interface Prompter {
        Optional<String> secret(String prompt);
    }

    private static final InheritableThreadLocal<Invocation> CURRENT = new InheritableThreadLocal<>();

    public Invocation {
        env = Map.copyOf(env);
    }

    /** This process: its environment, its terminal, children started here. */
    public static Invocation local() {
        return new Invocation(System.getenv(), Invocation::console, ChildRunner::new, false);
    }

    public static Invocation current() {
        Invocation i = CURRENT.get();
        return i != null ? i : local();
    }

    /** Runs {@code body} as {@code invocation} on this thread and the threads it starts. */
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

    private static Optional<String> console(String prompt) {
        Console console = System.console();
        if (console == null) {
            return Optional.empty();
        }
        char[] typed = console.readPassword(prompt);
        return typed == null ? Optional.empty() : Optional.of(new String(typed).trim());
    }
}
