package dev.airlock.run;

/** How a child run ended. */
public sealed interface ChildOutcome {

    /** The exit status Airlock itself exits with. */
    int exitCode();

    /** The child exited by itself; a signal death is 128 + signal, as shells report it. */
    record Exited(int exitCode) implements ChildOutcome {}

    /** Stopped at --max-duration; {@code killed} when it ignored SIGTERM for the grace period. */
    record TimedOut(boolean killed) implements ChildOutcome {
        @Override
        public int exitCode() {
            return 124;
        }
    }

    record NotFound(String command) implements ChildOutcome {
        @Override
        public int exitCode() {
            return 127;
        }
    }

    record NotExecutable(String command, String reason) implements ChildOutcome {
        @Override
        public int exitCode() {
            return 126;
        }
    }

    /**
     * The process supervising the child went away before reporting its end (the client of the
     * resident helper was killed, say): the child may still be running and its status is unknown.
     * Recorded in the session's end; its exit code reaches a process only when a client refused the
     * command it was asked to run.
     */
    record Abandoned(String reason) implements ChildOutcome {
        @Override
        public int exitCode() {
            return 125;
        }
    }
}
