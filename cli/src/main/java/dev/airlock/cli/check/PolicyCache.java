package dev.airlock.cli.check;

import dev.airlock.policy.Policy;
import dev.airlock.policy.PolicyKind;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Compiled policies by their JSON text, so that a batch whose lines repeat the same policies parses
 * each of them once. A policy is looked up by its slot in the request (kind and name, which are part
 * of the compiled policy) and recognised by comparing the line's bytes at the slot with the texts
 * cached for it: a JSON object or string ends where its text ends, so a match needs no scan.
 *
 * <p>Bounded: at most {@link #PER_SLOT} texts per slot (the oldest go first), and least recently
 * used slots lose their oldest texts once all texts held exceed a budget of bytes (a compiled policy
 * takes memory in proportion to its text). Not thread-safe: one per thread.
 */
final class PolicyCache {

    /**
     * 16 MiB of policy text shared by a run's caches, so that more threads do not mean more memory;
     * the compiled policies take memory of the same order. Far more than a batch of one organisation's
     * policies needs.
     */
    static final long TOTAL_BYTES = 16L << 20;
    static final int PER_SLOT = 32;

    /** Where a policy sits in a request: its kind and the name the request gives it. */
    record Slot(PolicyKind kind, String name) {}

    /** A cached policy found in a line, and the index just past its text. */
    record Hit(Policy policy, int end) {}

    private record Entry(byte[] json, Policy policy) {}

    private final long maxBytes;
    private long bytes;
    private final LinkedHashMap<Slot, ArrayDeque<Entry>> slots = new LinkedHashMap<>(16, 0.75f, true);

    PolicyCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The cached policy of {@code slot} whose text is in {@code line} from {@code offset}, if any. */
    Optional<Hit> at(Slot slot, byte[] line, int offset, int limit) {
        ArrayDeque<Entry> entries = slots.get(slot);
        if (entries == null) {
            return Optional.empty();
        }
        // Most recently added first. A cached text holds no line terminator, so a match never runs
        // past the end of the line.
        for (Entry e : entries) {
            int end = offset + e.json().length;
            if (end <= limit && Arrays.equals(line, offset, end, e.json(), 0, e.json().length)) {
                return Optional.of(new Hit(e.policy(), end));
            }
        }
        return Optional.empty();
    }

    /**
     * Remembers {@code policy}, compiled from the text at {@code start} to {@code end} of {@code
     * line}, when that text is a JSON object or string (texts that end where the value ends; {@link
     * #at} relies on it).
     */
    void put(Slot slot, byte[] line, int start, int end, Policy policy) {
        int length = end - start;
        if (length == 0 || (line[start] != '{' && line[start] != '"') || length > maxBytes) {
            return;
        }
        ArrayDeque<Entry> entries = slots.computeIfAbsent(slot, s -> new ArrayDeque<>());
        entries.addFirst(new Entry(Arrays.copyOfRange(line, start, end), policy));
        bytes += length;
        if (entries.size() > PER_SLOT) {
            bytes -= entries.removeLast().json().length;
        }
        evictOverBudget();
    }

    private void evictOverBudget() {
        Iterator<Map.Entry<Slot, ArrayDeque<Entry>>> it = slots.entrySet().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            ArrayDeque<Entry> eldest = it.next().getValue();
            while (bytes > maxBytes && !eldest.isEmpty()) {
                bytes -= eldest.removeLast().json().length;
            }
            if (eldest.isEmpty()) {
                it.remove();
            }
        }
    }

    long bytes() {
        return bytes;
    }
}
