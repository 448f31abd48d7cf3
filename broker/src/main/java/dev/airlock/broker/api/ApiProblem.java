package dev.airlock.broker.api;

import dev.airlock.broker.http.Problem;

/** A request the API refuses with {@link #problem()}; nothing was changed. */
public final class ApiProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Problem problem;

    public ApiProblem(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public static ApiProblem invalid(String slug, String detail) {
        return new ApiProblem(Problem.of(400, slug, "Invalid request body", detail));
    }

    public Problem problem() {
        return problem;
    }
}
