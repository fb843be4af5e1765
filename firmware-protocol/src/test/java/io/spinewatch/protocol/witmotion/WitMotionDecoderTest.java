package io.spinewatch.protocol.witmotion;

import static io.spinewatch.protocol.witmotion.WitPackets.G;
import static io.spinewatch.protocol.witmotion.WitPackets.acc;
import static io.spinewatch.protocol.witmotion.WitPackets.angle;
import static io.spinewatch.protocol.witmotion.WitPackets.combined;
import static io.spinewatch.protocol.witmotion.WitPackets.concat;
import static io.spinewatch.protocol.witmotion.WitPackets.gyro;
import static io.spinewatch.protocol.witmotion.WitPackets.mag;
import static io.spinewatch.protocol.witmotion.WitPackets.packet;
import static io.spinewatch.protocol.witmotion.WitPackets.quaternion;
import static io.spinewatch.protocol.witmotion.WitPackets.restingGroup;
import static io.spinewatch.protocol.witmotion.WitPackets.time;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.spinewatch.protocol.DecoderCounters;
import io.spinewatch.protocol.ImuSample;
import io.spinewatch.protocol.SensorSlot;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WitMotionDecoderTest {
    private static final double ACC_LSB_MPS2 = 16 * G / 32768;
    private static final double GYRO_LSB_RAD_PER_S = Math.toRadians(2000) / 32768;
    private static final double MAG_LSB_MICRO_TESLA = 0.1;

    private final WitPackets.Collector collector = new WitPackets.Collector();
    private final List<WitMotionAttitude> attitudes = new ArrayList<>();
    private WitMotionDecoder decoder = newDecoder(WitMotionSettings.of(42, SensorSlot.MID));

    private WitMotionDecoder newDecoder(WitMotionSettings settings) {
        return new WitMotionDecoder(settings, collector, a -> attitudes.add(a.copy()));
    }

    private List<ImuSample> samples() {
        return collector.samples;
    }

    private DecoderCounters counters() {
        return decoder.counters();
    }

    /** Every byte fed is in a packet, skipped, or buffered. */
    private static void assertBytesAccountedFor(WitMotionDecoder d, long fed) {
        assertEquals(fed, d.bytesInPackets() + d.counters().bytesSkipped() + d.bufferedBytes(),
                "packet + skipped + buffered bytes");
    }

    private static byte[] restingStream(int groups) {
        byte[][] parts = new byte[groups][];
        for (int k = 0; k < groups; k++) {
            parts[k] = restingGroup(k);
        }
        return concat(parts);
    }

    @Nested
    class Scaling {
        @Test
        void convertsAccelerationRateAndFieldToSiUnits() {
            decoder.feed(concat(acc(1.5, -9.80665, 19.6), gyro(0.5, -1.25, 3.0), angle(0, 0, 0), mag(21.3, -4.2, -42.0),
                    acc(0, 0, G)));
            ImuSample s = samples().get(0);
            assertAll(
                    () -> assertEquals(1.5, s.axMps2(), ACC_LSB_MPS2),
                    () -> assertEquals(-9.80665, s.ayMps2(), ACC_LSB_MPS2),
                    () -> assertEquals(19.6, s.azMps2(), ACC_LSB_MPS2),
                    () -> assertEquals(0.5, s.gxRadPerS(), GYRO_LSB_RAD_PER_S),
                    () -> assertEquals(-1.25, s.gyRadPerS(), GYRO_LSB_RAD_PER_S),
                    () -> assertEquals(3.0, s.gzRadPerS(), GYRO_LSB_RAD_PER_S));
        }

        @Test
        void oneGravityIsRaw2048AtTheDefault16g() {
            decoder.feed(concat(packet(0x51, 2048, -2048, 0, 0), packet(0x52, 0, 0, 0, 0)));
            assertEquals(9.80665, samples().get(0).axMps2(), 1e-12);
            assertEquals(-9.80665, samples().get(0).ayMps2(), 1e-12);
        }

        @Test
        void fullScaleRawIs2000DegPerSAtTheDefault() {
            decoder.feed(concat(packet(0x51, 0, 0, 0, 0), packet(0x52, -32768, 16384, 0, 0)));
            assertEquals(-Math.toRadians(2000), samples().get(0).gxRadPerS(), 1e-12);
            assertEquals(Math.toRadians(1000), samples().get(0).gyRadPerS(), 1e-12);
        }

        @Test
        void rangesComeFromTheSettings() {
            decoder = newDecoder(new WitMotionSettings(1, SensorSlot.UPPER, 4, 500, 0.15, 10));
            decoder.feed(concat(packet(0x51, 8192, 0, 0, 0), packet(0x52, 32767 / 2 + 1, 0, 0, 0),
                    packet(0x54, 100, 0, 0, 0), packet(0x51, 0, 0, 0, 0), packet(0x52, 0, 0, 0, 0),
                    packet(0x54, 100, -200, 300, 0)));
            assertEquals(G, samples().get(0).axMps2(), 1e-12);
            assertEquals(Math.toRadians(250), samples().get(0).gxRadPerS(), 1e-12);
            ImuSample withField = samples().get(1);
            assertTrue(withField.hasMag());
            assertEquals(15.0, withField.mxMicroTesla(), 1e-9);
            assertEquals(-30.0, withField.myMicroTesla(), 1e-9);
            assertEquals(45.0, withField.mzMicroTesla(), 1e-9);
        }

        @Test
        void stampsDeviceAndSlotFromTheSettings() {
            decoder.feed(concat(acc(0, 0, G), gyro(0, 0, 0)));
            assertEquals(42, samples().get(0).deviceId());
            assertEquals(SensorSlot.MID, samples().get(0).slot());
        }

        @Test
        void temperatureComesFromTheAccelerationPacket() {
            assertFalse(decoder.hasTemperature());
            decoder.feed(acc(0, 0, G, -12.34));
            assertTrue(decoder.hasTemperature());
            assertEquals(-12.34, decoder.temperatureC(), 1e-9);
        }
    }

    @Nested
    class Groups {
        @Test
        void withoutMagnetometerTheSampleLeavesOnTheGyroPacket() {
            decoder.feed(acc(0, 0, G));
            assertEquals(0, samples().size());
            decoder.feed(gyro(0, 0, 0.1));
            assertEquals(1, samples().size());
            assertFalse(samples().get(0).hasMag());
            decoder.feed(concat(angle(0, 0, 3), acc(0, 0, G), gyro(0, 0, 0.2)));
            assertEquals(2, samples().size());
            assertEquals(List.of(0L, 1L), samples().stream().map(ImuSample::seq).toList());
        }

        @Test
        void onceTheStreamCarriesTheFieldTheSampleWaitsForIt() {
            decoder.feed(restingGroup(0));
            assertEquals(1, samples().size(), "first group leaves on its gyro packet");
            assertFalse(samples().get(0).hasMag());
            assertTrue(decoder.magInStream());
            decoder.feed(concat(acc(0, 0, G), gyro(0, 0, 0), angle(0, 0, 0)));
            assertEquals(1, samples().size(), "waits for the field");
            decoder.feed(mag(30, -6, -44));
            assertEquals(2, samples().size());
            ImuSample s = samples().get(1);
            assertTrue(s.hasMag());
            assertEquals(30, s.mxMicroTesla(), MAG_LSB_MICRO_TESLA);
            assertEquals(-6, s.myMicroTesla(), MAG_LSB_MICRO_TESLA);
            assertEquals(-44, s.mzMicroTesla(), MAG_LSB_MICRO_TESLA);
        }

        @Test
        void aGroupWhoseFieldGoesMissingLeavesWithoutItWhenTheNextGroupStarts() {
            decoder.feed(concat(restingGroup(0), restingGroup(1)));
            decoder.feed(concat(acc(0.5, 0, G), gyro(0, 0, 0), angle(0, 0, 0)));
            assertEquals(2, samples().size());
            decoder.feed(acc(0, 0, G));
            assertEquals(3, samples().size());
            assertFalse(samples().get(2).hasMag());
            assertEquals(0.5, samples().get(2).axMps2(), ACC_LSB_MPS2, "the flushed sample keeps its own values");
            assertFalse(decoder.magInStream());
            assertEquals(0, counters().samplesLostTotal());
        }

        @Test
        void accelerationWithoutAngularRateIsOneLostSampleAndSkipsASequenceNumber() {
            decoder.feed(concat(acc(0, 0, G), gyro(0, 0, 0), acc(0, 0, G), angle(0, 0, 0), acc(0, 0, G), gyro(0, 0, 0)));
            assertEquals(List.of(0L, 2L), samples().stream().map(ImuSample::seq).toList());
            assertEquals(1, counters().samplesLost(SensorSlot.MID));
        }

        @Test
        void angularRateWithoutAccelerationIsOneLostSample() {
            decoder.feed(concat(acc(0, 0, G), gyro(0, 0, 0), angle(0, 0, 0), gyro(0, 0, 0), angle(0, 0, 0),
                    acc(0, 0, G), gyro(0, 0, 0)));
            assertEquals(List.of(0L, 2L), samples().stream().map(ImuSample::seq).toList());
            assertEquals(1, counters().samplesLostTotal());
        }

        @Test
        void aStreamJoinedMidGroupLosesNothing() {
            decoder.feed(concat(gyro(0, 0, 0), angle(0, 0, 0), mag(1, 2, 3), acc(0, 0, G), gyro(0, 0, 0)));
            assertEquals(1, samples().size());
            assertEquals(0, samples().get(0).seq());
            assertEquals(0, counters().samplesLostTotal());
        }

        @Test
        void countsSamplesDecoded() {
            decoder.feed(restingStream(5));
            assertEquals(5, samples().size(), "the first on its gyro packet, the others on their field");
            assertEquals(5, counters().samplesDecoded());
            assertEquals(20, counters().framesOk());
        }
    }

    @Nested
    class Time {
        @Test
        void withoutTimePacketsTimeIsSeqTimesThePeriod() {
            decoder = newDecoder(WitMotionSettings.of(1, SensorSlot.UPPER).withOutputRate(OutputRate.HZ_200));
            for (int k = 0; k < 4; k++) {
                decoder.feed(concat(acc(0, 0, G), gyro(0, 0, 0)));
            }
            assertEquals(List.of(0L, 5000L, 10000L, 15000L), samples().stream().map(ImuSample::deviceTimeMicros).toList());
        }

        @Test
        void timePacketsGiveTheChipClockAcrossTheNewYear() {
            decoder.feed(concat(time(24, 12, 31, 23, 59, 59, 995), acc(0, 0, G), gyro(0, 0, 0),
                    time(25, 1, 1, 0, 0, 0, 5), acc(0, 0, G), gyro(0, 0, 0)));
            long t0 = samples().get(0).deviceTimeMicros();
            long t1 = samples().get(1).deviceTimeMicros();
            assertEquals(10_000, t1 - t0);
            long daysTo2025 = 25 * 365 + 7; // leap days 2000, 2004, ..., 2024
            assertEquals(daysTo2025 * 86_400_000_000L + 5_000, t1);
        }

        @Test
        void aGroupWithoutItsTimePacketIsExtrapolatedFromTheLastOne() {
            decoder = newDecoder(WitMotionSettings.of(1, SensorSlot.UPPER).withOutputRate(OutputRate.HZ_50));
            decoder.feed(concat(time(25, 3, 1, 12, 0, 0, 0), acc(0, 0, G), gyro(0, 0, 0),
                    acc(0, 0, G), gyro(0, 0, 0), acc(0, 0, G), gyro(0, 0, 0)));
            long t0 = samples().get(0).deviceTimeMicros();
            assertEquals(List.of(t0, t0 + 20_000, t0 + 40_000), samples().stream().map(ImuSample::deviceTimeMicros).toList());
        }

        @Test
        void anImpossibleClockIsMalformedAndTheGroupStillDecodes() {
            decoder.feed(concat(time(25, 13, 1, 0, 0, 0, 0), acc(0, 0, G), gyro(0, 0, 0)));
            assertEquals(1, counters().malformedFrames());
            assertEquals(1, samples().size());
            assertEquals(0, samples().get(0).deviceTimeMicros());
        }

        @Test
        void daysSince2000MatchesTheCalendar() {
            assertEquals(0, WitMotionDecoder.daysSince2000(2000, 1, 1));
            assertEquals(59, WitMotionDecoder.daysSince2000(2000, 2, 29));
            assertEquals(java.time.LocalDate.of(2037, 8, 15).toEpochDay() - java.time.LocalDate.of(2000, 1, 1).toEpochDay(),
                    WitMotionDecoder.daysSince2000(2037, 8, 15));
        }
    }

    @Nested
    class Framing {
        @Test
        void aBadChecksumCostsExactlyThatPacketWhereverItIs() {
            byte[] stream = restingStream(6);
            int packets = stream.length / 11;
            for (int p = 0; p < packets; p++) {
                byte[] corrupt = stream.clone();
                corrupt[p * 11 + 10] ^= 0x40;
                WitMotionDecoder d = new WitMotionDecoder(WitMotionSettings.of(1, SensorSlot.UPPER), s -> { });
                d.feed(corrupt);
                assertEquals(packets - 1, d.counters().framesOk(), "packet " + p);
                assertEquals(1, d.counters().integrityFailures(), "packet " + p);
                assertEquals(11, d.counters().bytesSkipped(), "packet " + p);
                assertBytesAccountedFor(d, corrupt.length);
            }
        }

        @Test
        void anyFlippedBitCostsAtMostTheOnePacketItIsIn() {
            byte[] stream = restingStream(6);
            int packets = stream.length / 11;
            for (int i = 0; i < stream.length; i++) {
                for (int bit = 0; bit < 8; bit++) {
                    byte[] corrupt = stream.clone();
                    corrupt[i] ^= (byte) (1 << bit);
                    WitMotionDecoder d = new WitMotionDecoder(WitMotionSettings.of(1, SensorSlot.UPPER), s -> { });
                    d.feed(corrupt);
                    assertEquals(packets - 1, d.counters().framesOk(), "byte " + i + " bit " + bit);
                    assertTrue(d.counters().integrityFailures() + d.counters().malformedFrames() <= 1, "byte " + i);
                    assertBytesAccountedFor(d, corrupt.length);
                }
            }
        }

        @Test
        void garbageWithoutAHeaderByteIsSkippedAndCounted() {
            byte[] garbage = {0x00, (byte) 0xFF, 0x13, 0x54, 0x56, (byte) 0xAA, 0x7F};
            decoder.feed(concat(garbage, restingGroup(0), garbage, restingGroup(1), garbage, restingGroup(2)));
            assertEquals(21, counters().bytesSkipped());
            assertEquals(0, counters().integrityFailures());
            assertEquals(12, counters().framesOk());
            assertEquals(3, samples().size());
        }

        @Test
        void garbageHoldingAFalseHeaderCostsOneIntegrityFailureAndNoPacket() {
            byte[] garbage = {0x55, 0x51, 0x02, 0x55, 0x55, 0x00};
            decoder.feed(concat(restingGroup(0), garbage, restingGroup(1), restingGroup(2)));
            assertEquals(12, counters().framesOk());
            assertEquals(1, counters().integrityFailures());
            assertEquals(garbage.length, counters().bytesSkipped());
        }

        @Test
        void unknownTypesAreCountedAndDoNotDisturbTheGroup() {
            byte[] pressure = packet(0x56, 1000, 2, 300, 0);
            byte[] registerReply = packet(0x5F, 6, 9, 30, 0);
            decoder.feed(concat(acc(0, 0, G), pressure, gyro(0, 0, 0), registerReply, acc(0, 0, G), gyro(0, 0, 0)));
            assertEquals(2, counters().unknownTypes());
            assertEquals(4, counters().framesOk());
            assertEquals(2, samples().size());
            assertEquals(0, counters().bytesSkipped());
        }

        @Test
        void anUnknownTypeWithABadChecksumIsAnIntegrityFailure() {
            byte[] bad = packet(0x57, 1, 2, 3, 4);
            bad[10] ^= 1;
            decoder.feed(concat(bad, acc(0, 0, G), gyro(0, 0, 0)));
            assertEquals(0, counters().unknownTypes());
            assertEquals(1, counters().integrityFailures());
            assertEquals(1, samples().size());
        }

        @Test
        void aQuaternionThatCannotBeARotationIsMalformed() {
            decoder.feed(concat(quaternion(0.1, 0.1, 0.1, 0.1), quaternion(1, 0, 0, 0)));
            assertEquals(1, counters().malformedFrames());
            assertEquals(1, counters().framesOk());
            assertTrue(decoder.attitude().hasQuaternion());
        }

        @Test
        void aPartialPacketWaitsForTheNextFeed() {
            byte[] group = restingGroup(0);
            decoder.feed(group, 0, 15);
            assertEquals(4, decoder.bufferedBytes());
            assertEquals(1, counters().framesOk());
            decoder.feed(group, 15, group.length - 15);
            assertEquals(4, counters().framesOk());
            assertEquals(0, decoder.bufferedBytes());
        }

        @Test
        void programmingErrorsThrow() {
            assertThrows(NullPointerException.class, () -> decoder.feed(null, 0, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> decoder.feed(new byte[4], 2, 3));
            assertThrows(IndexOutOfBoundsException.class, () -> decoder.feed(new byte[4], -1, 1));
        }
    }

    @Nested
    class Combined {
        private byte[] tilted(double rollDeg) {
            double r = Math.toRadians(rollDeg);
            return combined(0, G * Math.sin(r), G * Math.cos(r), 0.2, -0.1, 0.05, rollDeg, 0, -45);
        }

        @Test
        void decodesAccRateAndAngleOnceTheNextHeaderIsWhereExpected() {
            decoder.feed(tilted(30));
            assertEquals(0, samples().size(), "needs the next header first");
            decoder.feed(new byte[] {0x55});
            assertEquals(0, samples().size());
            decoder.feed(new byte[] {0x61});
            assertEquals(1, samples().size());
            ImuSample s = samples().get(0);
            assertAll(
                    () -> assertEquals(0, s.axMps2(), ACC_LSB_MPS2),
                    () -> assertEquals(G / 2, s.ayMps2(), ACC_LSB_MPS2),
                    () -> assertEquals(G * Math.sqrt(3) / 2, s.azMps2(), ACC_LSB_MPS2),
                    () -> assertEquals(0.2, s.gxRadPerS(), GYRO_LSB_RAD_PER_S),
                    () -> assertEquals(-0.1, s.gyRadPerS(), GYRO_LSB_RAD_PER_S),
                    () -> assertEquals(0.05, s.gzRadPerS(), GYRO_LSB_RAD_PER_S),
                    () -> assertFalse(s.hasMag()));
            WitMotionAttitude a = decoder.attitude();
            assertEquals(30, a.rollDeg(), 180.0 / 32768);
            assertEquals(-45, a.yawDeg(), 180.0 / 32768);
            assertEquals(0, a.angleSeq());
        }

        @Test
        void aStreamOfCombinedPacketsDecodesAllButTheLast() {
            decoder.feed(concat(tilted(10), tilted(20), tilted(30), tilted(40)));
            assertEquals(3, samples().size());
            assertEquals(3, counters().framesOk());
            assertEquals(20, decoder.bufferedBytes(), "the last packet, waiting for the next header");
        }

        @Test
        void aFollowingStandardPacketAlsoConfirmsTheFrame() {
            decoder.feed(concat(tilted(10), packet(0x5F, 1, 2, 3, 4)));
            assertEquals(1, samples().size());
            assertEquals(1, counters().unknownTypes());
        }

        @Test
        void withoutAHeaderAfterItTheCandidateIsRejectedAndTheSearchResumesInsideIt() {
            byte[] first = tilted(10);
            decoder.feed(concat(first, new byte[] {0x00, 0x00}, tilted(20), tilted(30)));
            assertEquals(1, counters().integrityFailures());
            assertEquals(1, samples().size(), "the second is confirmed by the third");
            assertEquals(Math.sin(Math.toRadians(20)) * G, samples().get(0).ayMps2(), ACC_LSB_MPS2);
            assertEquals(22, counters().bytesSkipped());
        }

        @Test
        void aPitchBeyond90DegIsMalformed() {
            byte[] bad = combined(0, 0, G, 0, 0, 0, 0, 120, 0);
            decoder.feed(concat(bad, tilted(5), tilted(6)));
            assertEquals(1, counters().malformedFrames());
            assertEquals(1, samples().size());
        }

        @Test
        void aRegisterReplyIsCountedAsUnknown() {
            byte[] reply = new byte[20];
            reply[0] = 0x55;
            reply[1] = 0x71;
            reply[2] = 0x3A;
            decoder.feed(concat(reply, tilted(5), tilted(6)));
            assertEquals(1, counters().unknownTypes());
            assertEquals(1, samples().size());
        }
    }

    @Nested
    class Attitude {
        @Test
        void angleAndQuaternionCarryTheSequenceNumberOfTheirGroup() {
            double half = Math.toRadians(30) / 2;
            decoder.feed(concat(acc(0, 0, G), gyro(0, 0, 0), angle(10, -20, 30),
                    quaternion(Math.cos(half), 0, 0, Math.sin(half)), acc(0, 0, G), gyro(0, 0, 0), angle(11, -21, 31)));
            assertEquals(3, attitudes.size());
            WitMotionAttitude first = attitudes.get(0);
            assertEquals(0, first.angleSeq());
            assertEquals(10, first.rollDeg(), 0.01);
            assertEquals(-20, first.pitchDeg(), 0.01);
            assertEquals(30, first.yawDeg(), 0.01);
            WitMotionAttitude second = attitudes.get(1);
            assertEquals(0, second.quaternionSeq());
            assertEquals(Math.cos(half), second.q0(), 1.0 / 32768);
            assertEquals(Math.sin(half), second.q3(), 1.0 / 32768);
            assertEquals(1, attitudes.get(2).angleSeq());
            assertEquals(31, decoder.attitude().yawDeg(), 0.01);
        }

        @Test
        void anAngleBeforeTheFieldBelongsToTheSampleStillToCome() {
            decoder.feed(concat(restingGroup(0), acc(0, 0, G), gyro(0, 0, 0), angle(1, 2, 3)));
            assertEquals(1, decoder.attitude().angleSeq());
            decoder.feed(mag(1, 2, 3));
            assertEquals(1, samples().get(1).seq());
        }
    }

    @Nested
    class Splits {
        private byte[] mixedStream() {
            byte[] corrupt = gyro(0, 0, 0.3);
            corrupt[10] ^= 1;
            double half = Math.toRadians(10);
            return concat(new byte[] {0x01, 0x55, 0x02},
                    time(25, 6, 30, 23, 59, 59, 990), restingGroup(0),
                    time(25, 6, 30, 23, 59, 59, 999), restingGroup(1),
                    acc(0, 0, G), corrupt, angle(0, 0, 0), mag(0, 0, 0),
                    packet(0x56, 1, 2, 3, 4), restingGroup(3),
                    quaternion(Math.cos(half), Math.sin(half), 0, 0), new byte[] {0x55, 0x55, 0x10},
                    acc(0, 0, G), gyro(0, 0, 0), angle(1, 1, 1),
                    combined(0, 0, G, 0, 0, 0, 1, 2, 3), combined(0, 1, G, 0, 0, 0, 4, 5, 6),
                    restingGroup(4), restingGroup(5));
        }

        private record Run(List<String> samples, List<String> attitudes, DecoderCounters.Snapshot counters,
                           long bytesInPackets, int buffered) {
        }

        private Run run(byte[] stream, int[] cuts) {
            List<String> s = new ArrayList<>();
            List<String> a = new ArrayList<>();
            WitMotionDecoder d = new WitMotionDecoder(WitMotionSettings.of(7, SensorSlot.PELVIS),
                    sample -> s.add(sample.toString()), att -> a.add(att.toString()));
            int from = 0;
            for (int cut : cuts) {
                d.feed(stream, from, cut - from);
                from = cut;
            }
            d.feed(stream, from, stream.length - from);
            assertBytesAccountedFor(d, stream.length);
            return new Run(s, a, d.counters().snapshot(), d.bytesInPackets(), d.bufferedBytes());
        }

        @Test
        void theMixedStreamExercisesEveryPath() {
            Run whole = run(mixedStream(), new int[0]);
            DecoderCounters.Snapshot c = whole.counters();
            assertTrue(c.integrityFailures() >= 1, c.describe());
            assertEquals(1, c.unknownTypes(), c.describe());
            assertEquals(1, c.samplesLostTotal(), c.describe());
            assertTrue(c.bytesSkipped() > 0, c.describe());
            assertTrue(whole.samples().size() >= 7, whole.samples().toString());
        }

        @Test
        void everySplitPointGivesIdenticalResults() {
            byte[] stream = mixedStream();
            Run whole = run(stream, new int[0]);
            for (int cut = 0; cut <= stream.length; cut++) {
                assertEquals(whole, run(stream, new int[] {cut}), "split at " + cut);
            }
        }

        @Test
        void everyPairOfSplitPointsGivesIdenticalResults() {
            byte[] stream = mixedStream();
            Run whole = run(stream, new int[0]);
            for (int a = 0; a <= stream.length; a += 3) {
                for (int b = a; b <= stream.length; b += 5) {
                    assertEquals(whole, run(stream, new int[] {a, b}), "splits at " + a + ", " + b);
                }
            }
        }

        @Test
        void oneByteAtATimeGivesIdenticalResults() {
            byte[] stream = mixedStream();
            int[] cuts = new int[stream.length - 1];
            for (int i = 0; i < cuts.length; i++) {
                cuts[i] = i + 1;
            }
            assertEquals(run(stream, new int[0]), run(stream, cuts));
        }
    }

    @Nested
    class Allocation {
        @Test
        void decodingAllocatesNothingPerSample() {
            java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
            assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs com.sun.management.ThreadMXBean (HotSpot)");
            com.sun.management.ThreadMXBean hotspot = (com.sun.management.ThreadMXBean) bean;
            assumeTrue(hotspot.isThreadAllocatedMemorySupported(), "thread allocation counting not supported");
            hotspot.setThreadAllocatedMemoryEnabled(true);
            byte[] stream = concat(time(25, 1, 1, 0, 0, 0, 0), restingGroup(0), quaternion(1, 0, 0, 0));
            long[] count = new long[1];
            WitMotionDecoder d = new WitMotionDecoder(WitMotionSettings.of(1, SensorSlot.UPPER), s -> count[0]++,
                    a -> count[0]++);
            for (int i = 0; i < 20_000; i++) {
                d.feed(stream);
            }
            long before = hotspot.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 20_000; i++) {
                d.feed(stream);
            }
            long allocated = hotspot.getCurrentThreadAllocatedBytes() - before;
            assertTrue(count[0] > 20_000);
            assertTrue(allocated < 20_000, "allocated " + allocated + " bytes for 20000 samples");
        }
    }
    @Nested
    class TestVectors {
        private static double norm(double x, double y, double z) {
            return Math.sqrt(x * x + y * y + z * z);
        }

        @Test
        void aSensorAtRestWithFactoryContentReadsOneGravityAndItsField() {
            decoder = newDecoder(WitMotionSettings.of(3, SensorSlot.UPPER));
            byte[] bytes = WitPackets.readHex("wt901-flat-at-rest-default-content.hex");
            decoder.feed(bytes);
            assertEquals(20, samples().size(), counters().snapshot().describe());
            assertEquals(0, counters().integrityFailures());
            assertEquals(0, counters().samplesLostTotal());
            assertEquals(3, counters().bytesSkipped(), "the leading partial packet");
            for (ImuSample s : samples()) {
                assertEquals(G, norm(s.axMps2(), s.ayMps2(), s.azMps2()), 0.1, s.toString());
                assertTrue(s.azMps2() > 9.6, "z up: " + s);
                assertTrue(norm(s.gxRadPerS(), s.gyRadPerS(), s.gzRadPerS()) < 0.02, s.toString());
            }
            List<ImuSample> withField = samples().subList(1, samples().size());
            assertTrue(withField.stream().allMatch(ImuSample::hasMag));
            for (ImuSample s : withField) {
                assertEquals(47.1, norm(s.mxMicroTesla(), s.myMicroTesla(), s.mzMicroTesla()), 1.5, s.toString());
            }
            assertEquals(12, decoder.attitude().yawDeg(), 0.5);
            assertEquals(25, decoder.temperatureC(), 0.5);
            assertEquals(List.of(0L, 100_000L), samples().subList(0, 2).stream().map(ImuSample::deviceTimeMicros).toList());
            assertBytesAccountedFor(decoder, bytes.length);
        }

        @Test
        void aTurningSensorWithClockAndQuaternionKeepsTenMillisecondSteps() {
            byte[] bytes = WitPackets.readHex("wt901-time-quaternion-100hz.hex");
            decoder.feed(bytes);
            assertEquals(50, samples().size());
            assertEquals(0, counters().integrityFailures() + counters().malformedFrames() + counters().unknownTypes());
            for (int i = 1; i < samples().size(); i++) {
                assertEquals(10_000, samples().get(i).deviceTimeMicros() - samples().get(i - 1).deviceTimeMicros(),
                        "step " + i);
                assertEquals(Math.toRadians(30), samples().get(i).gzRadPerS(), 0.01);
            }
            WitMotionAttitude a = decoder.attitude();
            double yawFromQuaternionDeg = Math.toDegrees(2 * Math.atan2(a.q3(), a.q0()));
            assertEquals(49 * 0.3, yawFromQuaternionDeg, 0.05);
            assertEquals(49 * 0.3, a.yawDeg(), 0.05);
            assertEquals(49, a.quaternionSeq());
        }

        @Test
        void combinedPacketsFromABluetoothModelReadTheirTiltAndRate() {
            decoder.feed(WitPackets.readHex("wt901ble-combined-0x61.hex"));
            assertEquals(24, samples().size(), "the last waits for a next header");
            for (ImuSample s : samples()) {
                double rollDeg = Math.toDegrees(Math.atan2(s.ayMps2(), s.azMps2()));
                assertEquals(30, rollDeg, 0.1);
                assertEquals(Math.toRadians(10), s.gxRadPerS(), 0.002);
            }
            assertEquals(30, decoder.attitude().rollDeg(), 0.01);
            assertEquals(-45, decoder.attitude().yawDeg(), 0.01);
        }

        @Test
        void aNoisyLineCostsOneGroupAndCountsEachKindOfTrouble() {
            byte[] bytes = WitPackets.readHex("wt901-noisy-line.hex");
            decoder.feed(bytes);
            DecoderCounters c = counters();
            assertEquals(2, c.integrityFailures(), c.snapshot().describe());
            assertEquals(1, c.unknownTypes());
            assertEquals(1, c.samplesLostTotal());
            assertEquals(39, c.framesOk());
            assertEquals(11 + 4 + 3, c.bytesSkipped());
            assertEquals(9, samples().size());
            assertEquals(List.of(0L, 1L, 2L, 4L, 5L, 6L, 7L, 8L, 9L), samples().stream().map(ImuSample::seq).toList());
            assertBytesAccountedFor(decoder, bytes.length);
        }
    }
}
