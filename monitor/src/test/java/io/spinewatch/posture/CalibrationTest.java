package io.spinewatch.posture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.protocol.SensorSlot;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

public class CalibrationTest {
    public static final Calibration SAMPLE = new Calibration(12.5, List.of(
            new SensorMounting(SensorSlot.UPPER, 0.5, 0.5, 0.5, 0.5, 29.5, 0.4, false),
            new SensorMounting(SensorSlot.PELVIS, 0.9238795, 0, 0.3826834, 0, 0, 0, true)));

    @Nested
    class TextForm {
        @Test
        void roundTripsEveryField() {
            Calibration back = Calibration.parse(SAMPLE.toText());
            assertEquals(SAMPLE.tSeconds(), back.tSeconds(), 1e-9);
            assertEquals(SAMPLE.mountings().size(), back.mountings().size());
            for (int i = 0; i < SAMPLE.mountings().size(); i++) {
                SensorMounting a = SAMPLE.mountings().get(i), b = back.mountings().get(i);
                assertEquals(a.slot(), b.slot());
                assertEquals(a.qw(), b.qw(), 1e-8);
                assertEquals(a.qx(), b.qx(), 1e-8);
                assertEquals(a.qy(), b.qy(), 1e-8);
                assertEquals(a.qz(), b.qz(), 1e-8);
                assertEquals(a.hingeDeg(), b.hingeDeg(), 1e-6);
                assertEquals(a.sagittalAssumed(), b.sagittalAssumed());
            }
        }

        @Test
        void startsWithTheVersionedHeader() {
            assertTrue(SAMPLE.toText().startsWith(Calibration.HEADER + "\n"));
        }

        @Test
        void rejectsOtherTextNamingTheLine() {
            assertThrows(IllegalArgumentException.class, () -> Calibration.parse("hello"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Calibration.parse(Calibration.HEADER + "\nt_s=1\nknee=1,0,0,0\n"));
            assertTrue(e.getMessage().contains("line 3"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Calibration.parse(Calibration.HEADER + "\nupper=1,0,0,0\n"));
            assertThrows(IllegalArgumentException.class,
                    () -> Calibration.parse(Calibration.HEADER + "\nt_s=1\nupper=1,0,0\n"));
        }
    }

    @Nested
    class Validation {
        @Test
        void aSlotIsCalibratedOnceAndAtLeastOneIs() {
            SensorMounting m = SAMPLE.mountings().get(0);
            assertThrows(IllegalArgumentException.class, () -> new Calibration(0, List.of(m, m)));
            assertThrows(IllegalArgumentException.class, () -> new Calibration(0, List.of()));
        }

        @Test
        void mountingsMustBeUnitQuaternions() {
            assertThrows(IllegalArgumentException.class, () -> new SensorMounting(SensorSlot.MID, 1, 1, 0, 0, 0, 0, false));
        }

        @Test
        void reportsWhichSensorsAndWhetherTheSagittalPlaneWasAssumed() {
            assertEquals(java.util.EnumSet.of(SensorSlot.UPPER, SensorSlot.PELVIS), SAMPLE.sensors());
            assertTrue(SAMPLE.sagittalAssumed());
            assertFalse(SAMPLE.mounting(SensorSlot.MID).isPresent());
        }
    }
}
