package dev.airlock.proxy;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The endpoint's open client connections: which are waiting for a request and which have one in
 * progress. A new connection beyond the endpoint's or its peer's cap takes the place of the one
 * that has waited longest for a request, so connections that send nothing (or a head byte by
 * byte) can delay no one; only when every connection is busy is a new one refused. At shutdown
 * the waiting ones are closed at once and the busy ones when the drain time is up.
 */
final class Connections {

    /** One client connection. */
    final class Conn {
        private final Socket raw;
        private final String peer;
        private volatile Socket current;
        private boolean busy;
        private boolean relaying;
        private boolean shutDown;
        private long idleSince = System.nanoTime();
        private volatile Transfer transfer;

        Conn(Socket raw) {
            this.raw = raw;
            this.current = raw;
            this.peer = raw.getInetAddress().getHostAddress();
        }

        Socket socket() {
            return raw;
        }

        /** Waiting for the next request head (evictable). */
        void idle() {
            synchronized (Connections.this) {
                busy = false;
                idleSince = System.nanoTime();
            }
        }

        /** A request is in progress; false when the endpoint is shutting down or the connection was evicted. */
        boolean beginExchange(boolean endpointOpen) {
            synchronized (Connections.this) {
                if (!endpointOpen || !members.contains(this)) {
                    return false;
                }
                busy = true;
                return true;
            }
        }

        void endExchange() {
            synchronized (Connections.this) {
                busy = false;
                transfer = null;
                Connections.this.notifyAll();
            }
        }

        /** Relayed tunnels carry other traffic for as long as it lasts: never evicted as idle. */
        void beginRelay() {
            synchronized (Connections.this) {
                relaying = true;
            }
        }

        void tunnel(Socket secured) {
            current = secured;
        }

        void transfer(Transfer t) {
            transfer = t;
        }

        boolean shutDown() {
            synchronized (Connections.this) {
                return shutDown;
            }
        }

        /** Closes the connection (and its upstream side): its thread then ends and records its call. */
        void close() {
            Transfer t = transfer;
            if (t != null) {
                t.abort();
            }
            quietly(current);
            quietly(raw);
        }
    }

    private final int maxTotal;
    private final int maxPerPeer;
    private final Set<Conn> members = new LinkedHashSet<>();
    private final Map<String, Integer> perPeer = new HashMap<>();
    private int evicted;

    Connections(int maxTotal, int maxPerPeer) {
        this.maxTotal = maxTotal;
        this.maxPerPeer = maxPerPeer;
    }

    /** Admits {@code s}, evicting the longest-waiting idle connection if a cap is reached; empty when none can go. */
    Optional<Conn> admit(Socket s) {
        Conn c = new Conn(s);
        Conn victim = null;
        synchronized (this) {
            boolean peerFull = perPeer.getOrDefault(c.peer, 0) >= maxPerPeer;
            if (peerFull || members.size() >= maxTotal) {
                victim = oldestIdle(peerFull ? Optional.of(c.peer) : Optional.empty()).orElse(null);
                if (victim == null) {
                    return Optional.empty();
                }
                drop(victim);
                evicted++;
            }
            members.add(c);
            perPeer.merge(c.peer, 1, Integer::sum);
        }
        if (victim != null) {
            victim.close();
        }
        return Optional.of(c);
    }

    private Optional<Conn> oldestIdle(Optional<String> peer) {
        Conn oldest = null;
        for (Conn m : members) {
            if (!m.busy && !m.relaying && peer.map(p -> p.equals(m.peer)).orElse(true)
                    && (oldest == null || m.idleSince - oldest.idleSince < 0)) {
                oldest = m;
            }
        }
        return Optional.ofNullable(oldest);
    }

    synchronized void remove(Conn c) {
        drop(c);
        quietly(c.current);
        quietly(c.raw);
        notifyAll();
    }

    private void drop(Conn c) {
        if (members.remove(c)) {
            perPeer.computeIfPresent(c.peer, (p, n) -> n == 1 ? null : n - 1);
        }
    }

    synchronized int evicted() {
        return evicted;
    }

    /** Shutdown, first step: connections waiting for a request (and relayed tunnels) are closed. */
    void closeIdle() {
        List<Conn> idle = new ArrayList<>();
        synchronized (this) {
            for (Conn c : members) {
                c.shutDown = true;
                if (!c.busy) {
                    idle.add(c);
                }
            }
        }
        idle.forEach(Conn::close);
    }

    /** Waits until no request is in progress, or the deadline (System.nanoTime) passes. */
    synchronized void awaitNoExchanges(long deadline) {
        while (members.stream().anyMatch(c -> c.busy)) {
            if (!waitUntil(deadline)) {
                return;
            }
        }
    }

    /** Closes every connection still open; each thread then records its call as aborted. */
    void abortAll() {
        List<Conn> all;
        synchronized (this) {
            all = new ArrayList<>(members);
        }
        all.forEach(Conn::close);
    }

    /** Waits until every connection's thread has finished, or the deadline passes. */
    synchronized void awaitEmpty(long deadline) {
        while (!members.isEmpty()) {
            if (!waitUntil(deadline)) {
                return;
            }
        }
    }

    private boolean waitUntil(long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        try {
            wait(Math.max(1, left / 1_000_000));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void quietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
