package dev.airlock.bench;

import dev.airlock.policy.Decision;
import dev.airlock.policy.Evaluator;
import dev.airlock.policy.PolicySet;
import dev.airlock.policy.Request;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decisions per second of {@link Evaluator#evaluate}, one thread. Policies are parsed and requests
 * built in {@link Setup}; only evaluation is measured. The inputs come from {@code bench-cases.json},
 * shared with the iam-simulate comparison ({@code bench/iam-simulate-bench.mjs}).
 *
 * <p>Run through {@code bench/run.sh}, or {@code java -jar bench/target/benchmarks.jar}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class EvaluatorBenchmark {

    /** Case 1: a 10-statement S3/DynamoDB/SQS identity policy; the request matches the last statement. */
    @State(Scope.Thread)
    public static class Identity10 {
        PolicySet policies;
        Request request;

        @Setup(Level.Trial)
        public void setUp() {
            BenchCases.Case c = BenchCases.load(BenchCases.IDENTITY_10);
            policies = c.policies();
            request = c.request();
        }
    }

    /** Case 2: 100 statements with conditions, every one evaluated. */
    @State(Scope.Thread)
    public static class Conditions100 {
        PolicySet policies;
        Request request;

        @Setup(Level.Trial)
        public void setUp() {
            BenchCases.Case c = BenchCases.load(BenchCases.CONDITIONS_100);
            policies = c.policies();
            request = c.request();
        }
    }

    /** Case 3: two SCP levels, permissions boundary, session policy, resource policy, identity policy. */
    @State(Scope.Thread)
    public static class FullChain {
        PolicySet policies;
        Request request;

        @Setup(Level.Trial)
        public void setUp() {
            BenchCases.Case c = BenchCases.load(BenchCases.FULL_CHAIN);
            policies = c.policies();
            request = c.request();
        }
    }

    @Benchmark
    public Decision identity10(Identity10 s) {
        return Evaluator.evaluate(s.policies, s.request);
    }

    @Benchmark
    public Decision conditions100(Conditions100 s) {
        return Evaluator.evaluate(s.policies, s.request);
    }

    @Benchmark
    public Decision fullChain(FullChain s) {
        return Evaluator.evaluate(s.policies, s.request);
    }
}
