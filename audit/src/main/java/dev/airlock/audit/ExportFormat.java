package dev.airlock.audit;

/** How {@link AuditLog#export} writes records. */
public enum ExportFormat {
    /** The raw lines, byte for byte, so the export still verifies against the key. */
    JSONL,
    /**
     * RFC 4180 CSV (CRLF line ends, quotes doubled): seq, time, type, session, action, resources,
     * decision, reason, status, bytes_in, bytes_out, latency_us, mode, profile, role, and
     * {@code details} with the other fields as compact JSON (empty when none). The integrity fields
     * prev and mac are left out.
     */
    CSV
}
