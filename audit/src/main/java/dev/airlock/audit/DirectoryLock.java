package dev.airlock.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serializes writers of one audit directory across threads and processes. The OS file lock only
 * excludes other processes: within one JVM a second FileChannel.lock on the same file throws
 * OverlappingFileLockException instead of waiting, so threads first queue on an in-process lock per
 * lock file (shared by every AuditLog opened on that directory).
 */
final class DirectoryLock {

    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    interface Body<T> {
        T run() throws IOException;
    }

    private DirectoryLock() {
    }

    static <T> T exclusive(Path lockFile, Body<T> body) throws IOException {
        ReentrantLock inProcess = IN_PROCESS.computeIfAbsent(lockFile, p -> new ReentrantLock());
        inProcess.lock();
        try (FileChannel ch = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                AuditPaths.ownerOnlyFile()); FileLock ignored = ch.lock()) {
            return body.run();
        } finally {
            inProcess.unlock();
        }
    }

    /**
     * A shared lock, so a reader sees no half-done append. Readers may lack write access to the directory
     * (an auditor reading a copy): without a lock file they can open, they read unlocked.
     */
    static <T> T shared(Path lockFile, Body<T> body) throws IOException {
        ReentrantLock inProcess = IN_PROCESS.computeIfAbsent(lockFile, p -> new ReentrantLock());
        inProcess.lock();
        try {
            FileChannel ch;
            try {
                ch = FileChannel.open(lockFile, StandardOpenOption.READ);
            } catch (NoSuchFileException | AccessDeniedException e) {
                return body.run();
            }
            try (ch; FileLock ignored = ch.lock(0, Long.MAX_VALUE, true)) {
                return body.run();
            }
        } finally {
            inProcess.unlock();
        }
    }
}
