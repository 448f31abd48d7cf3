package dev.airlock.policy;

/**
 * A policy document was refused. Carries where (JSON path, line, column), what was found and what
 * was expected, so a person can fix it without guessing.
 */
public final class PolicyParseException extends Exception {

    private final String policyName;
    private final String path;
    private final int line;
    private final int column;
    private final String problem;

    public PolicyParseException(String policyName, String path, int line, int column, String problem) {
        super(policyName + ": " + path + " (line " + line + ", column " + column + "): " + problem);
        this.policyName = policyName;
        this.path = path;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public String policyName() {
        return policyName;
    }

    public String path() {
        return path;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The fault and the fix, without the location prefix. */
    public String problem() {
        return problem;
    }
}
