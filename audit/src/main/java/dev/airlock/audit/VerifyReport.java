package dev.airlock.audit;

/** The outcome of {@link AuditLog#verify()}. */
public sealed interface VerifyReport permits VerifyReport.Intact, VerifyReport.Broken {

    boolean intact();

    /** One sentence for people. */
    String summary();

    /**
     * Every line verifies and the log is not shorter than its checkpoint.
     *
     * @param lines the number of complete lines
     * @param incompleteTail the file ends in a line without its newline: a write was interrupted (crash,
     *     kill -9). That is not tampering; the next append drops it and records an {@code audit.repaired} event
     */
    record Intact(int lines, boolean incompleteTail) implements VerifyReport {
        @Override
        public boolean intact() {
            return true;
        }

        @Override
        public String summary() {
            return incompleteTail
                    ? "intact up to line " + lines + "; after it the log ends in an incomplete line (an interrupted "
                            + "write, not tampering), which the next append will drop and record"
                    : "intact: " + lines + (lines == 1 ? " line" : " lines");
        }
    }

    /**
     * The log was changed. Lines are 1-based.
     *
     * @param firstBadLine the first line that does not verify; when lines are missing at the end
     *     (truncation) or the checkpoint itself is bad, the line after the last one present
     * @param reason why, e.g. "line 7 was edited (MAC mismatch)"
     * @param intactUpTo lines 1..intactUpTo verify (0 if none)
     */
    record Broken(int firstBadLine, String reason, int intactUpTo) implements VerifyReport {
        @Override
        public boolean intact() {
            return false;
        }

        @Override
        public String summary() {
            return "not intact: " + reason + "; intact up to line " + intactUpTo;
        }
    }
}
