package dev.airlock.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airlock.audit.AuditException;
import dev.airlock.audit.AuditLog;
import dev.airlock.audit.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevocationsTest {

    static final String ID = "20261123T050000-aaaabbbb";
    static final String OTHER = "20261123T050000-ccccdddd";
    static final Revocations.Request BY_ALICE = new Revocations.Request("test", "alice", Optional.of("done"));

    @TempDir
    Path data;
    SessionStore store;
    AuditLog audit;
    Revocations revocations;

    @BeforeEach
    void open() {
        store = new SessionStore(data);
        audit = AuditLog.open(data.resolve("audit"));
        revocations = new Revocations(store, audit);
        store.save(SessionStoreTest.record(ID, List.of(), List.of("true")));
        store.save(SessionStoreTest.record(OTHER, List.of(), List.of("true")));
    }

    private Path marker(String id) {
        return data.resolve("sessions").resolve(id + ".revoked");
    }

    @Test
    void revokingWritesTheMarkerTheStatusAndAnAuditEventSayingWhoAndWhy() {
        assertThat(revocations.isRevoked(ID)).isFalse();
        assertThat(revocations.revoke(ID, BY_ALICE)).isTrue();

        assertThat(marker(ID)).exists();
        assertThat(store.find(ID).orElseThrow().status()).isEqualTo(SessionStatus.REVOKED);
        AuditRecord event = audit.recent(1).get(0);
        assertThat(event.type()).isEqualTo("session.revoked");
        assertThat(event.session()).contains(ID);
        assertThat(event.fields()).isEqualTo(Map.of("by", "test", "user", "alice", "reason", "done"));
        assertThat(revocations.isRevoked(ID)).isTrue();
        assertThat(revocations.isRevoked(OTHER)).isFalse();
    }

    @Test
    void anUnknownSessionIsNotRevokedAndNothingIsWritten() {
        assertThat(revocations.revoke("20261123T050000-eeeeffff", BY_ALICE)).isFalse();
        assertThat(audit.recent(1)).isEmpty();
    }

    @Test
    void deletingTheMarkerDoesNotUnrevoke() throws Exception {
        revocations.revoke(ID, BY_ALICE);
        Files.delete(marker(ID));
        assertThat(revocations.isRevoked(ID)).isTrue();
        assertThat(revocations.revokedAmong(List.of(ID, OTHER))).containsExactly(ID);
    }

    @Test
    void movingTheLogAsideDoesNotUnrevoke() throws Exception {
        revocations.revoke(ID, BY_ALICE);
        Files.move(audit.file(), data.resolve("elsewhere.jsonl"));
        assertThat(new Revocations(store, AuditLog.open(data.resolve("audit"))).isRevoked(ID)).isTrue();
    }

    @Test
    void theWatchSeesARevocationWhoseMarkerWasDeletedBeforeItLooked() throws Exception {
        BooleanSupplier watch = revocations.watch(ID);
        BooleanSupplier other = revocations.watch(OTHER);
        assertThat(watch.getAsBoolean()).isFalse();
        audit.append("call", Optional.of(ID), Map.of("operation", "GetObject"));
        assertThat(watch.getAsBoolean()).isFalse();

        revocations.revoke(ID, BY_ALICE);
        Files.delete(marker(ID));
        assertThat(watch.getAsBoolean()).isTrue();
        assertThat(other.getAsBoolean()).isFalse();
    }

    @Test
    void onceRevokedTheWatchStaysRevokedWhateverHappensToTheFiles() throws Exception {
        BooleanSupplier watch = revocations.watch(ID);
        revocations.revoke(ID, BY_ALICE);
        assertThat(watch.getAsBoolean()).isTrue();
        Files.delete(marker(ID));
        Files.move(audit.file(), data.resolve("elsewhere.jsonl"));
        assertThat(watch.getAsBoolean()).isTrue();
    }

    @Test
    void theWatchReadsOnlyWhatWasAppendedAfterItWasMadeAndFailsClosedOnAnUnreadableLine() throws Exception {
        audit.append("call", Optional.of(ID), Map.of("operation", "GetObject"));
        // A damaged line naming the event, before the watch: a whole-log read trips on it, the watch never reads it.
        byte[] damaged = "{\"seq\":2,\"type\":\"session.revoked\",\"session\":\"x\"\n".getBytes(StandardCharsets.UTF_8);
        Files.write(audit.file(), damaged, StandardOpenOption.APPEND);
        assertThatThrownBy(() -> revocations.isRevoked(ID)).isInstanceOf(AuditException.class);
        BooleanSupplier watch = revocations.watch(ID);
        assertThat(watch.getAsBoolean()).isFalse();

        long before = Files.size(audit.file());
        Files.write(audit.file(), damaged, StandardOpenOption.APPEND);
        assertThat(watch.getAsBoolean()).as("a line it cannot read refuses the call").isTrue();
        try (var ch = java.nio.channels.FileChannel.open(audit.file(), StandardOpenOption.WRITE)) {
            ch.truncate(before);
        }
        assertThat(watch.getAsBoolean()).as("but does not latch").isFalse();
    }

    @Test
    void aRevocationOfAnotherSessionOrAMarkerForAnotherIdDoesNotCount() throws Exception {
        revocations.revoke(OTHER, BY_ALICE);
        assertThat(revocations.revokedAmong(Set.of(ID, OTHER))).containsExactly(OTHER);
        assertThat(revocations.isRevoked("../" + OTHER)).isFalse();
    }
}
