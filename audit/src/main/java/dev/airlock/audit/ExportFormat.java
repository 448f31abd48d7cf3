package dev.airlock.audit;

/** How {@link AuditLog#export} writes records. */
public enum ExportFormat {
    /** The raw lines, byte for byte, so the export still verifies against the key. */
    JSONL,
    /**
     * RFC 4180 CSV (CRLF line ends, quotes doubled): seq, time, type, session, then one {@code details}
     * column with the event fields as compact JSON. The integrity fields prev and mac are left out.
     */
    CSV
}
