package io.spinewatch.posture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each wearer's last good {@link Calibration}, one text file per wearer ({@code <dataDir>/calibrations/<wearer>.txt}),
 * so a wearer who comes back skips the routine.
 *
 * <p>Files are replaced atomically (a temporary file in the same directory, then a move), so a crash mid-write leaves
 * the old calibration or the new one, never half of either. A file that cannot be read or parsed is counted, logged
 * and treated as absent: the wearer then calibrates afresh. Wearer ids that are not plain file names (a slash, a
 * leading dot, anything outside {@code [A-Za-z0-9._-]}) are refused, so an id can never name a file elsewhere.
 * Safe to call from several threads for different wearers.
 */
public final class CalibrationStore {
    private static final Logger log = LoggerFactory.getLogger(CalibrationStore.class);
    /** Directory under the data directory that holds the files. */
    public static final String DIRECTORY = "calibrations";
    private static final String SUFFIX = ".txt";
    private static final int MAX_ID_LENGTH = 64;
    /** A calibration file is a few hundred bytes; anything far larger is not one. */
    private static final long MAX_FILE_BYTES = 64 * 1024;

    private final Path directory;
    private final AtomicLong badFiles = new AtomicLong();
    private final AtomicLong writeFailures = new AtomicLong();

    /** A store under {@code dataDir}; nothing is created until the first {@link #save}. */
    public CalibrationStore(Path dataDir) {
        this.directory = dataDir.resolve(DIRECTORY);
    }

    public Path directory() {
        return directory;
    }

    /** Whether {@code wearerId} can be stored: 1..64 of {@code A-Z a-z 0-9 . _ -}, not starting with a dot. */
    public static boolean storableId(String wearerId) {
        if (wearerId == null || wearerId.isEmpty() || wearerId.length() > MAX_ID_LENGTH || wearerId.charAt(0) == '.') {
            return false;
        }
        for (int i = 0; i < wearerId.length(); i++) {
            char c = wearerId.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-';
            if (!ok) return false;
        }
        return true;
    }

    /** The file of {@code wearerId}. @throws IllegalArgumentException when the id is not {@linkplain #storableId storable} */
    public Path file(String wearerId) {
        if (!storableId(wearerId)) {
            throw new IllegalArgumentException("wearer id cannot name a calibration file: '" + wearerId + "'");
        }
        return directory.resolve(wearerId + SUFFIX);
    }

    /** The stored calibration of {@code wearerId}; empty when there is none, or it is unreadable (counted and logged). */
    public Optional<Calibration> load(String wearerId) {
        Path f = file(wearerId);
        try {
            if (Files.size(f) > MAX_FILE_BYTES) {
                throw new IOException("larger than " + MAX_FILE_BYTES + " bytes");
            }
            return Optional.of(Calibration.parse(Files.readString(f, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            badFiles.incrementAndGet();
            log.warn("calibration of wearer '{}' in {} ignored ({}); the wearer calibrates afresh", wearerId, f, e.getMessage());
            return Optional.empty();
        }
    }

    /** Stores {@code calibration} as the wearer's, replacing any before it; false (counted and logged) if it failed. */
    public boolean save(String wearerId, Calibration calibration) {
        Path f = file(wearerId);
        Path tmp = null;
        try {
            Files.createDirectories(directory);
            tmp = Files.createTempFile(directory, "." + wearerId + "-", ".tmp");
            Files.writeString(tmp, calibration.toText(), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } catch (IOException e) {
            writeFailures.incrementAndGet();
            log.warn("could not store the calibration of wearer '{}' in {}: {}", wearerId, f, e.toString());
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the failure is already logged
                }
            }
            return false;
        }
    }

    /** Forgets the wearer's calibration; true if there was one. */
    public boolean delete(String wearerId) {
        try {
            return Files.deleteIfExists(file(wearerId));
        } catch (IOException e) {
            writeFailures.incrementAndGet();
            log.warn("could not delete the calibration of wearer '{}': {}", wearerId, e.toString());
            return false;
        }
    }

    /** Files ignored because they could not be read or parsed. */
    public long badFiles() {
        return badFiles.get();
    }

    /** Saves and deletes that failed. */
    public long writeFailures() {
        return writeFailures.get();
    }
}
