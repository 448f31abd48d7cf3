package dev.airlock.audit;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/** The files of one audit directory, and the owner-only permissions they are created with. */
record AuditPaths(Path dir) {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    Path log() {
        return dir.resolve("audit.jsonl");
    }

    Path key() {
        return dir.resolve("audit.key");
    }

    Path checkpoint() {
        return dir.resolve("audit.checkpoint");
    }

    Path checkpointTemp() {
        return dir.resolve("audit.checkpoint.tmp");
    }

    /** Locked by every writer; kept separate from the log so the log itself is only ever appended to. */
    Path lock() {
        return dir.resolve("audit.lock");
    }

    /**
     * rw------- given at creation, so there is no moment at which the file exists with wider permissions
     * (a chmod afterwards would leave one). Empty where the file system has no POSIX permissions.
     */
    static FileAttribute<?>[] ownerOnlyFile() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------"))} : new FileAttribute<?>[0];
    }

    /** rwx------ at creation, for the same reason. */
    static FileAttribute<?>[] ownerOnlyDirectory() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------"))} : new FileAttribute<?>[0];
    }
}
