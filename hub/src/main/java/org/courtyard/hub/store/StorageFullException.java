package org.courtyard.hub.store;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The disk under the data directory is full: the write was rolled back whole and nothing of it is
 * stored. Retrying the same write succeeds once space has been freed; the hub needs no restart.
 */
public final class StorageFullException extends DatabaseException {

    private static final long serialVersionUID = 1L;

    public StorageFullException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The disk-full failure in {@code failure}'s causes, if it is one: this exception, SQLite's
     * {@code SQLITE_FULL}, or an {@link IOException} for {@code ENOSPC} or {@code EDQUOT} from a
     * file written beside the database (audio, photos, memos). Java reports those two only in the
     * message, which is the operating system's text for the error.
     */
    public static Optional<Throwable> in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StorageFullException || isSqliteFull(cause) || isNoSpace(cause)) {
                return Optional.of(cause);
            }
        }
        return Optional.empty();
    }

    static boolean isSqliteFull(Throwable cause) {
        return cause instanceof SQLiteException sqlite
                && (sqlite.getResultCode().code & 0xff) == SQLiteErrorCode.SQLITE_FULL.code;
    }

    private static boolean isNoSpace(Throwable cause) {
        if (!(cause instanceof IOException) || cause.getMessage() == null) {
            return false;
        }
        String message = cause.getMessage().toLowerCase(Locale.ROOT);
        return message.contains("no space left on device") || message.contains("disk quota exceeded");
    }
}
