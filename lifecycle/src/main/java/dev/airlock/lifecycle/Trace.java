package dev.airlock.lifecycle;

/**
 * Start-up timing for whoever tunes it: with AIRLOCK_TRACE=1, each mark prints the wall-clock time
 * in epoch milliseconds to stderr (compare with the time the process was launched). Off by
 * default and free when off.
 */
public final class Trace {
    private static final boolean ON = "1".equals(System.getenv("AIRLOCK_TRACE"));

    private Trace() {}

    public static void mark(String what) {
        if (ON) {
            System.err.println("airlock-trace: " + System.currentTimeMillis() + " " + what);
        }
    }
}
