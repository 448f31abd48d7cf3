package dev.airlock.callmap;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Resource extraction for one service's RPC-style (JSON or Query protocol) operations. */
interface ServiceMapper {

    /** The wire protocol an RPC call came in. */
    enum Protocol { JSON, QUERY }

    /**
     * One RPC call.
     *
     * @param targetPrefix the part of {@code X-Amz-Target} before the dot (JSON protocol only)
     */
    record Call(String operation, Args args, Protocol protocol, String targetPrefix, HttpRequestView request) {}

    /**
     * The parts of {@code call}, or empty when this mapper has nothing special to say about the
     * operation and the generic mapping ({@code service:Operation} on {@code *}) applies.
     */
    Optional<List<PartDraft>> map(Call call, Env env) throws Unmappable;

    /** Every action this mapper may emit (for checking against the catalog). */
    Set<String> actions();
}
