package io.spinewatch.posture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.protocol.SensorSlot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationStoreTest {
    static final Calibration OTHER = new Calibration(40, List.of(
            new SensorMounting(SensorSlot.MID, 1, 0, 0, 0, 31, 2, false)));

    @TempDir
    Path dir;

    @Nested
    class RoundTrip {
        @Test
        void aSavedCalibrationLoadsBackInItsOwnFile() {
            CalibrationStore store = new CalibrationStore(dir);
            assertEquals(Optional.empty(), store.load("ann"));
            assertTrue(store.save("ann", CalibrationTest.SAMPLE));
            assertEquals(dir.resolve("calibrations/ann.txt"), store.file("ann"));
            assertTrue(Files.isRegularFile(store.file("ann")));
            Calibration back = new CalibrationStore(dir).load("ann").orElseThrow();
            assertEquals(CalibrationTest.SAMPLE.sensors(), back.sensors());
            assertEquals(CalibrationTest.SAMPLE.tSeconds(), back.tSeconds(), 1e-9);
            assertEquals(Optional.empty(), store.load("bo"));
        }

        @Test
        void deleteForgetsTheWearer() {
            CalibrationStore store = new CalibrationStore(dir);
            store.save("ann", CalibrationTest.SAMPLE);
            assertTrue(store.delete("ann"));
            assertFalse(store.delete("ann"));
            assertEquals(Optional.empty(), store.load("ann"));
        }
    }

    @Nested
    class AtomicReplace {
        @Test
        void aSecondSaveReplacesTheFirstAndLeavesNoTemporaryFile() throws Exception {
            CalibrationStore store = new CalibrationStore(dir);
            store.save("ann", CalibrationTest.SAMPLE);
            store.save("ann", OTHER);
            assertEquals(OTHER.sensors(), store.load("ann").orElseThrow().sensors());
            try (Stream<Path> files = Files.list(store.directory())) {
                assertEquals(List.of(store.file("ann")), files.toList());
            }
        }

        @Test
        void aFailedSaveKeepsTheOldCalibration() throws Exception {
            CalibrationStore store = new CalibrationStore(dir);
            store.save("ann", CalibrationTest.SAMPLE);
            // A directory where the file should be: the move cannot replace it, the save fails.
            Files.createDirectory(store.file("bo"));
            Files.writeString(store.file("bo").resolve("x"), "keep");
            assertFalse(store.save("bo", OTHER));
            assertEquals(1, store.writeFailures());
            assertEquals(CalibrationTest.SAMPLE.sensors(), store.load("ann").orElseThrow().sensors());
            try (Stream<Path> files = Files.list(store.directory())) {
                assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
            }
        }
    }

    @Nested
    class BadFiles {
        @Test
        void aFileThatIsNotACalibrationIsCountedAndIgnored() throws Exception {
            CalibrationStore store = new CalibrationStore(dir);
            Files.createDirectories(store.directory());
            Files.writeString(store.file("ann"), "# spinewatch-calibration v1\nupper=1,0,0\n", StandardCharsets.UTF_8);
            Files.write(store.file("bo"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
            assertEquals(Optional.empty(), store.load("ann"));
            assertEquals(Optional.empty(), store.load("bo"));
            assertEquals(2, store.badFiles());
        }

        @Test
        void aGoodSaveReplacesABadFile() throws Exception {
            CalibrationStore store = new CalibrationStore(dir);
            Files.createDirectories(store.directory());
            Files.writeString(store.file("ann"), "garbage");
            store.save("ann", OTHER);
            assertEquals(OTHER.sensors(), store.load("ann").orElseThrow().sensors());
        }
    }

    @Nested
    class Ids {
        @Test
        void pathTricksAreRefused() {
            CalibrationStore store = new CalibrationStore(dir);
            for (String id : new String[] {"..", ".", "../ann", "a/b", "a\\b", ".hidden", "", "has space", "a\u0000b",
                    "x".repeat(65), "ann.txt/.."}) {
                assertFalse(CalibrationStore.storableId(id), id);
                assertThrows(IllegalArgumentException.class, () -> store.save(id, OTHER), id);
                assertThrows(IllegalArgumentException.class, () -> store.load(id), id);
            }
            assertFalse(Files.exists(store.directory()));
        }

        @Test
        void ordinaryIdsAreAccepted() {
            for (String id : new String[] {"ann", "demo-1", "wearer_2.b", "A".repeat(64)}) {
                assertTrue(CalibrationStore.storableId(id), id);
            }
        }
    }
}
