package dev.airlock.callmap;

import dev.airlock.policy.match.Arn;
import java.util.Optional;

/** Small helpers for ARNs taken from requests. */
final class Arns {

    private Arns() {}

    /** {@code text} parsed as an ARN of {@code service}, or refused. */
    static Arn require(String text, String service, String what) throws Unmappable {
        Optional<Arn> arn = Arn.parse(text);
        if (arn.isEmpty() || !arn.get().service().equals(service)) {
            throw new Unmappable(what + " " + text + " is not a " + service + " ARN");
        }
        return arn.get();
    }

    /** Refuses an ARN whose partition is not the call's: it cannot be what the call acts on. */
    static void samePartition(Arn arn, Env env) throws Unmappable {
        if (!arn.partition().equals(env.partition())) {
            throw new Unmappable("ARN " + arn + " is in partition " + arn.partition() + ", not " + env.partition());
        }
    }
}
