package io.spinewatch.posture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.protocol.SensorSlot;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SensorSetTest {
    @Nested
    class WhatEachSetGives {
        @Test
        void anglesFollowTheSensorsThatDefineThem() {
            int all = SensorSet.of(SensorSlot.values());
            assertTrue(SensorSet.hasLumbarFlexion(all) && SensorSet.hasThoracicFlexion(all)
                    && SensorSet.hasPelvicTilt(all) && SensorSet.hasTrunkLean(all));
            int upper = SensorSet.of(SensorSlot.UPPER);
            assertTrue(SensorSet.hasTrunkLean(upper));
            assertFalse(SensorSet.hasLumbarFlexion(upper) || SensorSet.hasThoracicFlexion(upper) || SensorSet.hasPelvicTilt(upper));
            int midPelvis = SensorSet.of(SensorSlot.MID, SensorSlot.PELVIS);
            assertTrue(SensorSet.hasLumbarFlexion(midPelvis) && SensorSet.hasPelvicTilt(midPelvis));
            assertFalse(SensorSet.hasThoracicFlexion(midPelvis) || SensorSet.hasTrunkLean(midPelvis));
        }

        @Test
        void everyIncompleteSetSaysWhatItCannotTell() {
            assertEquals("", SensorSet.limitation(SensorSet.of(SensorSlot.values())));
            assertTrue(SensorSet.limitation(SensorSet.of(SensorSlot.UPPER)).contains("hip hinge"));
            for (int m = 0; m < 7; m++) assertFalse(SensorSet.limitation(m).isEmpty(), "mask " + m);
        }

        @Test
        void labelsJoinSlotNames() {
            assertEquals("upper+pelvis", SensorSet.label(SensorSet.of(SensorSlot.PELVIS, SensorSlot.UPPER)));
            assertEquals("none", SensorSet.label(0));
        }
    }
}
