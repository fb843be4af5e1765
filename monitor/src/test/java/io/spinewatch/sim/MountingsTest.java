package io.spinewatch.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.fusion.Quat;
import io.spinewatch.fusion.Vec3;
import io.spinewatch.protocol.SensorSlot;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MountingsTest {

    @Nested
    class Conventional {
        @Test
        void xPointsUpTheSpineAndZOutOfTheBack() {
            Quat m = Mountings.conventional().get(SensorSlot.MID, new Quat());
            Vec3 x = m.rotate(new Vec3(1, 0, 0), new Vec3());
            Vec3 z = m.rotate(new Vec3(0, 0, 1), new Vec3());
            assertEquals(0, x.sub(new Vec3(0, 0, 1)).norm(), 1e-12);
            assertEquals(0, z.sub(new Vec3(-1, 0, 0)).norm(), 1e-12);
        }
    }

    @Nested
    class Random {
        @Test
        void unitDeterministicPerSeedAndSpreadOverAllDirections() {
            assertEquals(Mountings.random(3).toString(), Mountings.random(3).toString());
            assertNotEquals(Mountings.random(3).toString(), Mountings.random(4).toString());
            // Over many seeds the sensor z axis should point into every octant of the segment frame.
            boolean[] octants = new boolean[8];
            Vec3 sum = new Vec3();
            int n = 3000;
            for (int seed = 0; seed < n / 3; seed++) {
                Mountings m = Mountings.random(seed);
                for (SensorSlot s : SensorSlot.values()) {
                    Quat q = m.get(s, new Quat());
                    assertEquals(1, q.norm(), 1e-12);
                    Vec3 z = q.rotate(new Vec3(0, 0, 1), new Vec3());
                    octants[(z.x > 0 ? 1 : 0) + (z.y > 0 ? 2 : 0) + (z.z > 0 ? 4 : 0)] = true;
                    sum.add(z);
                }
            }
            for (boolean o : octants) {
                assertTrue(o);
            }
            // Uniform directions average to ~0 (standard error 1/sqrt(3n) per axis).
            assertTrue(sum.norm() / n < 0.06, "mean direction " + sum.norm() / n);
        }
    }
}
