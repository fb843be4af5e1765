package io.spinewatch.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class NativeDecoderTest {

    /** A decoder that records everything it delivers in the test-vector text forms. */
    static final class Recorder {
        final List<String> lines = new ArrayList<>();
        final List<Command> commands = new ArrayList<>();
        final List<DeviceStatus> statuses = new ArrayList<>();
        final List<Ack> acks = new ArrayList<>();
        final NativeDecoder decoder = new NativeDecoder(s -> lines.add(VectorText.sample(s)), new MessageListener() {
            @Override
            public void onStatus(DeviceStatus status) {
                statuses.add(status);
                lines.add(VectorText.status(status));
            }

            @Override
            public void onAck(Ack ack) {
                acks.add(ack);
                lines.add(VectorText.ack(ack));
            }

            @Override
            public void onCommand(Command command) {
                commands.add(command);
                lines.add(VectorText.command(command));
            }
        });

        Recorder feed(byte[] data) {
            decoder.feed(data);
            return this;
        }

        DecoderCounters.Snapshot counts() {
            return decoder.counters().snapshot();
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Nested
    class RoundTrip {
        @Test
        void randomBatchesDecodeToTheValuesEncoded() {
            Random r = new Random(20261126);
            NativeEncoder enc = new NativeEncoder();
            ImuBatch b = new ImuBatch();
            byte[] buf = new byte[NativeProtocol.MAX_WIRE_BYTES];
            ImuSample expected = new ImuSample();
            for (int n = 0; n < 3000; n++) {
                Streams.randomBatch(r, b);
                int len = enc.imuBatch(b, buf, 0);
                assertTrue(len <= NativeProtocol.MAX_WIRE_BYTES);
                List<ImuSample> got = new ArrayList<>();
                NativeDecoder d = new NativeDecoder(s -> got.add(s.copy()));
                d.feed(buf, 0, len);
                assertEquals(1, d.counters().framesOk(), "case " + n);
                assertEquals(b.count(), got.size(), "case " + n);
                for (int i = 0; i < b.count(); i++) {
                    b.sample(i, expected);
                    ImuSample s = got.get(i);
                    // Exact equality: the decoder must apply the documented scale to the very same counts.
                    assertEquals(expected.toString(), s.toString(), "case " + n + " sample " + i);
                }
            }
        }

        @Test
        void randomMessagesDecodeToEqualRecords() {
            Random r = new Random(7);
            NativeEncoder enc = new NativeEncoder();
            Recorder rec = new Recorder();
            List<Object> sent = new ArrayList<>();
            for (int n = 0; n < 3000; n++) {
                Object m = switch (n % 3) {
                    case 0 -> Streams.randomCommand(r);
                    case 1 -> Streams.randomStatus(r);
                    default -> Streams.randomAck(r);
                };
                sent.add(m);
                rec.feed(TestVectors.encode(enc, m));
            }
            List<Object> received = new ArrayList<>();
            for (int n = 0; n < 1000; n++) {
                received.add(rec.commands.get(n));
                received.add(rec.statuses.get(n));
                received.add(rec.acks.get(n));
            }
            assertEquals(sent, received);
            assertEquals(3000, rec.counts().framesOk());
        }

        @Test
        void callerBufferAndArrayVariantsWriteTheSameBytes() {
            Random r = new Random(3);
            NativeEncoder enc = new NativeEncoder();
            byte[] buf = new byte[NativeProtocol.MAX_WIRE_BYTES + 10];
            for (int n = 0; n < 200; n++) {
                Command c = Streams.randomCommand(r);
                int len = enc.command(c, buf, 10);
                assertArrayEquals(enc.command(c), Arrays.copyOfRange(buf, 10, 10 + len));
            }
        }

        @Test
        void physicalUnitsFollowTheDeclaredFullScale() {
            ImuBatch b = new ImuBatch().start(1, SensorSlot.UPPER, 0, 0, 0, 2, 250).withMag(4912)
                    .add((short) 16384, (short) -32768, (short) 0, (short) 16384, (short) -32768, (short) 0,
                            (short) 16384, (short) -32768, (short) 0);
            List<ImuSample> got = new ArrayList<>();
            new NativeDecoder(s -> got.add(s.copy())).feed(new NativeEncoder().imuBatch(b));
            ImuSample s = got.get(0);
            assertEquals(9.80665, s.axMps2(), 1e-12, "half of +-2 g is 1 g");
            assertEquals(-2 * 9.80665, s.ayMps2(), 1e-12);
            assertEquals(Math.toRadians(125), s.gxRadPerS(), 1e-12, "half of +-250 deg/s");
            assertEquals(-Math.toRadians(250), s.gyRadPerS(), 1e-12);
            assertEquals(2456, s.mxMicroTesla(), 1e-9, "half of +-4912 uT");
            assertEquals(-4912, s.myMicroTesla(), 1e-9);
        }
    }

    @Nested
    class Chunking {
        @Test
        void everySplitPointOfAMultiFrameStreamDecodesTheSame() {
            Streams.Mixed m = Streams.mixed(new Random(11), 12);
            for (int split = 0; split <= m.wire().length; split++) {
                Recorder rec = new Recorder();
                rec.decoder.feed(m.wire(), 0, split);
                rec.decoder.feed(m.wire(), split, m.wire().length - split);
                assertEquals(m.expected(), rec.lines, "split at " + split);
                assertEquals(m.frameCount(), rec.counts().framesOk());
            }
        }

        @Test
        void oneByteAtATimeAndOneBigChunkAgree() {
            Streams.Mixed m = Streams.mixed(new Random(12), 200);
            Recorder whole = new Recorder().feed(m.wire());
            Recorder bytewise = new Recorder();
            for (int i = 0; i < m.wire().length; i++) {
                bytewise.decoder.feed(m.wire(), i, 1);
            }
            assertEquals(m.expected(), whole.lines);
            assertEquals(m.expected(), bytewise.lines);
            assertEquals(whole.counts(), bytewise.counts());
        }

        @Test
        void randomChunkSizesUpTo64KiBAgree() {
            Random r = new Random(13);
            Streams.Mixed m = Streams.mixed(r, 400);
            for (int round = 0; round < 20; round++) {
                Recorder rec = new Recorder();
                int i = 0;
                while (i < m.wire().length) {
                    int n = Math.min(m.wire().length - i, r.nextBoolean() ? 1 + r.nextInt(16) : 1 + r.nextInt(65536));
                    rec.decoder.feed(m.wire(), i, n);
                    i += n;
                }
                assertEquals(m.expected(), rec.lines);
            }
        }

        @Test
        void aPartialFrameWaitsForItsDelimiter() {
            byte[] f = new NativeEncoder().command(new IdentifyCommand(1, 2, 3));
            Recorder rec = new Recorder();
            rec.decoder.feed(f, 0, f.length - 1);
            assertEquals(List.of(), rec.lines);
            assertEquals(f.length - 1, rec.decoder.pendingBytes());
            rec.decoder.feed(f, f.length - 1, 1);
            assertEquals(1, rec.commands.size());
            assertEquals(0, rec.decoder.pendingBytes());
        }

        @Test
        void offsetsOutsideTheArrayAreProgrammingErrors() {
            NativeDecoder d = new NativeDecoder(s -> { });
            assertThrows(IndexOutOfBoundsException.class, () -> d.feed(new byte[4], 2, 3));
            assertThrows(NullPointerException.class, () -> d.feed(null, 0, 0));
        }
    }

    @Nested
    class BadInput {
        final NativeEncoder enc = new NativeEncoder();
        final Random r = new Random(21);

        @Test
        void garbageBetweenFramesIsSkippedAndCountedWithNoGoodFrameLost() {
            Streams.Mixed a = Streams.mixed(r, 5);
            Streams.Mixed b = Streams.mixed(r, 5);
            byte[] garbage = new byte[300];
            r.nextBytes(garbage);
            garbage[garbage.length - 1] = 0; // noise reaches the receiver as bytes ending at a delimiter
            int garbageFrames = 0;
            int nonZero = 0;
            boolean inRun = false;
            for (byte g : garbage) {
                if (g != 0) {
                    nonZero++;
                    inRun = true;
                } else if (inRun) {
                    garbageFrames++;
                    inRun = false;
                }
            }
            Recorder rec = new Recorder().feed(concat(a.wire(), garbage, b.wire()));
            List<String> expected = new ArrayList<>(a.expected());
            expected.addAll(b.expected());
            assertEquals(expected, rec.lines);
            DecoderCounters.Snapshot c = rec.counts();
            assertEquals(10, c.framesOk());
            assertEquals(nonZero, c.bytesSkipped());
            assertEquals(garbageFrames, c.integrityFailures() + c.malformedFrames() + c.unknownTypes() + c.unsupportedVersions());
        }

        @Test
        void garbageBeforeTheFirstDelimiterIsSkipped() {
            byte[] frame = enc.command(new StreamingCommand(5, 6, true));
            Recorder rec = new Recorder().feed(concat(new byte[] {0x13, 0x37, 0x00}, frame));
            assertEquals(1, rec.commands.size());
            assertEquals(2, rec.counts().bytesSkipped());
        }

        @Test
        void aCorruptFrameCostsExactlyThatFrame() {
            Streams.Mixed m = Streams.mixed(r, 30);
            // Find the frame boundaries, then flip one random bit in every frame in turn.
            List<int[]> frames = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < m.wire().length; i++) {
                if (m.wire()[i] == 0) {
                    frames.add(new int[] {start, i});
                    start = i + 1;
                }
            }
            assertEquals(30, frames.size());
            for (int[] f : frames) {
                byte[] wire = m.wire().clone();
                int at = f[0] + r.nextInt(f[1] - f[0]);
                int bit = 1 << r.nextInt(8);
                if ((wire[at] ^ bit) == 0) {
                    bit = bit == 1 ? 2 : 1; // a flip to 0x00 would split the frame in two; this test is about one bad frame
                }
                wire[at] ^= (byte) bit;
                Recorder rec = new Recorder().feed(wire);
                DecoderCounters.Snapshot c = rec.counts();
                assertEquals(29, c.framesOk(), "flip at " + at);
                assertEquals(1, c.integrityFailures() + c.malformedFrames(), "flip at " + at);
                assertEquals(f[1] - f[0], c.bytesSkipped());
            }
        }

        @Test
        void aFlippedBitIsAlwaysCaught() {
            byte[] frame = enc.status(Streams.randomStatus(r));
            for (int i = 0; i < frame.length - 1; i++) {
                for (int bit = 0; bit < 8; bit++) {
                    byte[] bad = frame.clone();
                    bad[i] ^= (byte) (1 << bit);
                    Recorder rec = new Recorder().feed(bad);
                    assertEquals(0, rec.counts().framesOk(), "bit " + bit + " of byte " + i);
                    assertEquals(List.of(), rec.statuses);
                }
            }
        }

        @Test
        void anOversizeFrameIsDiscardedAndTheNextOneDecodes() {
            byte[] junk = new byte[10 * NativeProtocol.MAX_FRAME_BYTES];
            Arrays.fill(junk, (byte) 7);
            byte[] good = enc.command(new IdentifyCommand(1, 1, 1));
            Recorder rec = new Recorder().feed(concat(junk, new byte[] {0}, good));
            DecoderCounters.Snapshot c = rec.counts();
            assertEquals(1, c.malformedFrames());
            assertEquals(junk.length, c.bytesSkipped());
            assertEquals(1, c.framesOk());
        }

        @Test
        void aFrameOfExactlyTheMaximumSizeIsAccepted() {
            // Content sized so COBS makes it exactly MAX_FRAME_BYTES: all non-zero bytes, one code byte per 254.
            int content = NativeProtocol.MAX_FRAME_BYTES - 1 - (NativeProtocol.MAX_FRAME_BYTES - 1) / 255;
            byte[] body = new byte[content - NativeProtocol.CRC_BYTES];
            Arrays.fill(body, (byte) 0x11);
            body[0] = 1;
            body[1] = 0x11; // minor 17: a newer minor, so the extra body of a known type is allowed
            body[2] = (byte) NativeProtocol.TYPE_IDENTIFY;
            body[7] = 1;
            body[8] = 1;
            body[9] = (byte) 0xE8;
            body[10] = 3;
            byte[] frame = enc.frame(body);
            // A zero in the CRC would shorten the frame by one; vary a padding byte until it has none.
            for (int pad = 1; pad < 256 && frame.length - 1 != NativeProtocol.MAX_FRAME_BYTES; pad++) {
                body[11] = (byte) pad;
                frame = enc.frame(body);
            }
            assertEquals(NativeProtocol.MAX_FRAME_BYTES, frame.length - 1);
            Recorder rec = new Recorder().feed(frame);
            assertEquals(1, rec.counts().framesOk(), rec.counts().describe());
        }

        @Test
        void implausibleFieldsAreMalformedNotExceptions() {
            byte[] status = enc.status(Streams.randomStatus(r));
            byte[] badPercent = TestVectors.reframe(status, c -> c[13] = (byte) 101);
            byte[] badStreaming = TestVectors.reframe(enc.command(new StreamingCommand(1, 1, true)), c -> c[9] = 2);
            byte[] zeroRange = TestVectors.reframe(enc.imuBatch(Streams.randomBatch(r, new ImuBatch())), c -> c[27] = c[28] = 0);
            byte[] zeroCount = TestVectors.reframe(enc.imuBatch(Streams.randomBatch(r, new ImuBatch())), c -> c[9] = 0);
            Recorder rec = new Recorder().feed(concat(badPercent, badStreaming, zeroRange, zeroCount));
            assertEquals(4, rec.counts().malformedFrames());
            assertEquals(0, rec.counts().framesOk());
            assertEquals(List.of(), rec.lines);
        }
    }

    @Nested
    class DelimiterSearch {
        @Test
        void findsTheFirstZeroAtEveryPositionAndAlignment() {
            Random r = new Random(8);
            for (int n = 0; n < 2000; n++) {
                byte[] a = new byte[1 + r.nextInt(40)];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (byte) (1 + r.nextInt(255)); // 0x80 and 0x01 included: the bytes a word-wise search trips on
                }
                int zeros = r.nextInt(3);
                for (int k = 0; k < zeros; k++) {
                    a[r.nextInt(a.length)] = 0;
                }
                int from = r.nextInt(a.length);
                int to = from + r.nextInt(a.length - from + 1);
                int expected = from;
                while (expected < to && a[expected] != 0) {
                    expected++;
                }
                assertEquals(expected, NativeDecoder.indexOfZero(a, from, to), Arrays.toString(a) + " " + from + ".." + to);
            }
        }
    }

    @Nested
    class SequenceGaps {
        final NativeEncoder enc = new NativeEncoder();

        byte[] batch(long device, SensorSlot slot, long firstSeq, int count, boolean streamStart) {
            ImuBatch b = new ImuBatch().start(device, slot, firstSeq, 0, 10_000, 16, 2000).streamStart(streamStart);
            for (int i = 0; i < count; i++) {
                b.add((short) 0, (short) 0, (short) 2048, (short) 0, (short) 0, (short) 0);
            }
            return enc.imuBatch(b);
        }

        @Test
        void dropsAreCountedPerSlotAndNotAcrossDevices() {
            Recorder rec = new Recorder().feed(concat(
                    batch(1, SensorSlot.UPPER, 0, 5, false),
                    batch(2, SensorSlot.UPPER, 100, 5, false), // another device: its own sequence
                    batch(1, SensorSlot.MID, 50, 5, false),
                    batch(1, SensorSlot.UPPER, 5, 5, false),   // contiguous
                    batch(1, SensorSlot.UPPER, 20, 5, false),  // 10..19 lost
                    batch(2, SensorSlot.UPPER, 106, 1, false), // 105 lost
                    batch(1, SensorSlot.MID, 57, 1, false)));  // 55, 56 lost
            assertEquals(11, rec.counts().samplesLostUpper());
            assertEquals(2, rec.counts().samplesLostMid());
            assertEquals(0, rec.counts().samplesLostPelvis());
        }

        @Test
        void wrapIsContinuityAndAGapAcrossItIsLoss() {
            Recorder rec = new Recorder().feed(concat(
                    batch(9, SensorSlot.PELVIS, 0xFFFF_FFF0L, 16, false),
                    batch(9, SensorSlot.PELVIS, 0, 4, false),
                    batch(9, SensorSlot.PELVIS, 0xFFFF_FFFEL, 1, true),
                    batch(9, SensorSlot.PELVIS, 2, 1, false)));
            assertEquals(3, rec.counts().samplesLostPelvis()); // 0xFFFFFFFF, 0 and 1
        }

        @Test
        void resetsAndRepeatsAreNotLoss() {
            Recorder rec = new Recorder().feed(concat(
                    batch(3, SensorSlot.UPPER, 1_000_000, 4, false),
                    batch(3, SensorSlot.UPPER, 0, 4, false),        // reset: backwards
                    batch(3, SensorSlot.UPPER, 0, 4, false),        // duplicate
                    batch(3, SensorSlot.UPPER, 500_000, 4, true))); // forward, but a declared restart
            assertEquals(0, rec.counts().samplesLostTotal());
            assertEquals(16, rec.counts().samplesDecoded());
        }

        @Test
        void manyDevicesStayBoundedAndKeepCounting() {
            Recorder rec = new Recorder();
            for (long device = 0; device < 5000; device++) {
                rec.feed(batch(device, SensorSlot.UPPER, 0, 1, false));
            }
            // The most recent device is still tracked: its gap is seen.
            rec.feed(batch(4999, SensorSlot.UPPER, 3, 1, false));
            assertEquals(2, rec.counts().samplesLostUpper());
        }
    }

    @Nested
    class Versions {
        @Test
        void newerMajorIsSkippedAndCounted() {
            byte[] v2 = new NativeEncoder(2, 0).command(new IdentifyCommand(1, 1, 1));
            byte[] v1 = new NativeEncoder().command(new IdentifyCommand(1, 2, 1));
            Recorder rec = new Recorder().feed(concat(v2, v1));
            assertEquals(1, rec.counts().unsupportedVersions());
            assertEquals(1, rec.commands.size());
            assertEquals(2, rec.commands.get(0).commandId());
        }

        @Test
        void newerMinorOfAKnownTypeDecodesItsKnownPrefix() {
            HapticCommand h = new HapticCommand(4, 5, 2, 100, 50, 60);
            byte[] v13 = TestVectors.reframe(new NativeEncoder(1, 3).command(h), c -> { });
            byte[] withTail = new NativeEncoder().frame(concat(
                    Arrays.copyOf(TestVectors.contentOf(v13), TestVectors.contentOf(v13).length - 4), new byte[] {9, 9, 9}));
            Recorder rec = new Recorder().feed(concat(v13, withTail));
            assertEquals(List.of(h, h), rec.commands);
            assertEquals(2, rec.decoder.newerMinorFrames());
        }

        @Test
        void extraBytesInTheCurrentMinorAreMalformed() {
            byte[] c = TestVectors.contentOf(new NativeEncoder().command(new IdentifyCommand(1, 1, 1)));
            byte[] longer = new NativeEncoder().frame(concat(Arrays.copyOf(c, c.length - 4), new byte[] {1}));
            assertEquals(1, new Recorder().feed(longer).counts().malformedFrames());
        }
    }
}
