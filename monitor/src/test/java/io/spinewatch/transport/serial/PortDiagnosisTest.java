package io.spinewatch.transport.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortDiagnosisTest {
    @TempDir
    Path dir;

    @Nested
    class Problems {
        @Test
        void aMissingDeviceSaysSoAndHowToListPorts() {
            String p = dir.resolve("ttyACM7").toString();
            String message = PortDiagnosis.problem(p).orElseThrow();
            assertTrue(message.contains(p) && message.contains("does not exist") && message.contains("/dev/serial/by-id"),
                    message);
        }

        @Test
        void aDeviceWithoutPermissionPointsAtTheDialoutGroup() throws Exception {
            // Root (as in CI) may open any file, so the access check is the one a non-member would get.
            Path p = Files.createFile(dir.resolve("ttyUSB0"), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("---------")));
            String message = PortDiagnosis.problem(p.toString(), path -> false).orElseThrow();
            assertTrue(message.contains("dialout"), message);
            assertTrue(message.contains(p.toString()), message);
            assertEquals(Optional.empty(), PortDiagnosis.problem(p.toString(), path -> true));
        }

        @Test
        void aReadableWritableDeviceHasNoProblemAndAnOpenFailureNamesTheSystemError() throws Exception {
            Path p = Files.createFile(dir.resolve("ttyS0"));
            assertEquals(Optional.empty(), PortDiagnosis.problem(p.toString()));
            String message = PortDiagnosis.openFailed(p.toString(), 16, 42);
            assertTrue(message.contains("system error 16") && message.contains("using it"), message);
        }

        @Test
        void windowsNamesAreLeftToTheOpenCall() {
            assertEquals(Optional.empty(), PortDiagnosis.problem("COM3"));
        }
    }
}
