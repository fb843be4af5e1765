package io.spinewatch.protocol.witmotion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WitMotionSetupTest {
    private static List<byte[]> commands(WitMotionSetup setup) {
        return setup.steps().stream().map(WitMotionSetup.Step::command).toList();
    }

    @Nested
    class Sequences {
        @Test
        void configureUnlocksWritesThenSaves() {
            WitMotionSetup setup = WitMotionSetup.configure(EnumSet.of(OutputContent.ACC, OutputContent.GYRO),
                    OutputRate.HZ_20, BaudRate.B9600);
            List<byte[]> c = commands(setup);
            assertEquals(4, c.size());
            assertArrayEquals(WitMotionCommands.unlock(), c.get(0));
            assertArrayEquals(WitMotionCommands.outputContent(EnumSet.of(OutputContent.ACC, OutputContent.GYRO)), c.get(1));
            assertArrayEquals(WitMotionCommands.outputRate(OutputRate.HZ_20), c.get(2));
            assertArrayEquals(WitMotionCommands.save(), c.get(3));
            assertEquals(WitMotionSetup.UNLOCK_WAIT_MILLIS, setup.steps().get(0).waitAfterMillis());
            assertTrue(setup.steps().stream().allMatch(s -> s.hostBaudAfter().isEmpty()));
        }

        @Test
        void theMonitorSetupFitsItsLinkAndTheUnlockWindow() {
            WitMotionSetup setup = WitMotionSetup.forMonitor();
            double needed = WitMotionSetup.bytesPerSecond(WitMotionSetup.MONITOR_CONTENT, WitMotionSetup.MONITOR_RATE);
            assertEquals(6600, needed, 1e-9);
            assertTrue(needed <= WitMotionSetup.MONITOR_BAUD.bytesPerSecond());
            assertTrue(setup.totalWaitMillis() < WitMotionSetup.UNLOCK_WINDOW_MILLIS);
        }

        @Test
        void changingBaudReopensTheHostPortBeforeSavingAtTheNewSpeed() {
            WitMotionSetup setup = WitMotionSetup.changeBaud(BaudRate.B115200);
            List<WitMotionSetup.Step> steps = setup.steps();
            assertArrayEquals(WitMotionCommands.baudRate(BaudRate.B115200), steps.get(1).command());
            assertEquals(Optional.of(BaudRate.B115200), steps.get(1).hostBaudAfter());
            assertEquals(WitMotionSetup.BAUD_CHANGE_WAIT_MILLIS, steps.get(1).waitAfterMillis());
            assertArrayEquals(WitMotionCommands.unlock(), steps.get(2).command());
            assertArrayEquals(WitMotionCommands.save(), steps.get(3).command());
        }

        @Test
        void accelerometerCalibrationHoldsForTheGivenTimeThenEndsAndSaves() {
            WitMotionSetup setup = WitMotionSetup.calibrateAccelerometer(3000);
            assertArrayEquals(WitMotionCommands.calibrateAccelerometer(), setup.steps().get(1).command());
            assertEquals(3000, setup.steps().get(1).waitAfterMillis());
            assertArrayEquals(WitMotionCommands.endCalibration(), setup.steps().get(2).command());
            assertArrayEquals(WitMotionCommands.save(), setup.steps().get(3).command());
        }
    }

    @Nested
    class Validation {
        @Test
        void refusesContentTheLinkCannotCarry() {
            assertThrows(IllegalArgumentException.class, () -> WitMotionSetup.configure(WitMotionSetup.MONITOR_CONTENT,
                    OutputRate.HZ_100, BaudRate.B57600));
            assertThrows(IllegalArgumentException.class, () -> WitMotionSetup.configure(OutputContent.FACTORY_DEFAULT,
                    OutputRate.HZ_50, BaudRate.B9600));
        }

        @Test
        void refusesACalibrationHoldOutsideTheUnlockWindow() {
            assertThrows(IllegalArgumentException.class, () -> WitMotionSetup.calibrateAccelerometer(9500));
            assertThrows(IllegalArgumentException.class, () -> WitMotionSetup.calibrateAccelerometer(10));
        }

        @Test
        void stepsCopyTheirBytesInAndOut() {
            byte[] bytes = WitMotionCommands.save();
            WitMotionSetup.Step step = new WitMotionSetup.Step("save", bytes, 0, Optional.empty());
            bytes[0] = 0;
            assertEquals((byte) 0xFF, step.command()[0]);
            step.command()[1] = 0;
            assertEquals((byte) 0xAA, step.command()[1]);
            assertEquals(step, new WitMotionSetup.Step("save", WitMotionCommands.save(), 0, Optional.empty()));
            assertNotEquals(step, new WitMotionSetup.Step("save", WitMotionCommands.unlock(), 0, Optional.empty()));
        }

        @Test
        void refusesMalformedSteps() {
            assertThrows(IllegalArgumentException.class, () -> new WitMotionSetup.Step("x", new byte[4], 0, Optional.empty()));
            assertThrows(IllegalArgumentException.class, () -> new WitMotionSetup.Step("x", new byte[5], -1, Optional.empty()));
            assertThrows(IllegalArgumentException.class, () -> new WitMotionSetup(List.of()));
        }
    }
}
