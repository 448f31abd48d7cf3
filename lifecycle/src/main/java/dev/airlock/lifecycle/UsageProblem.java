package dev.airlock.lifecycle;

/** The command line is wrong in a way picocli cannot see (e.g. the command is not after --). */
public final class UsageProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageProblem(String message) {
        super(message);
    }
}
