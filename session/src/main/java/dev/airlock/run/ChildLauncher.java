package dev.airlock.run;

/**
 * Starts a session's command and waits for it to end. {@link ChildRunner} does it in this process;
 * the resident helper hands the command to the short-lived client that asked for the session, so the
 * command runs in the user's terminal, not under the helper.
 */
@FunctionalInterface
public interface ChildLauncher {
    ChildOutcome run(ChildSpec spec);
}
