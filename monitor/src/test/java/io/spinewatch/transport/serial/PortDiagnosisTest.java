package io.spinewatch.transport.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

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
            assumeFalse("root".equals(System.getProperty("user.name")), "root may open any file");
            Path p = Files.createFile(dir.resolve("ttyUSB0"), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("---------")));
            String message = PortDiagnosis.problem(p.toString()).orElseThrow();
            assertTrue(message.contains("dialout"), message);
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
