package io.spinewatch.transport.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.ingest.Backoff;
import io.spinewatch.ingest.Frames;
import io.spinewatch.ingest.RecordingSink;
import io.spinewatch.ingest.SourceException;
import io.spinewatch.ingest.SourceStats;
import io.spinewatch.ingest.WireProtocol;
import io.spinewatch.protocol.Command;
import io.spinewatch.protocol.HapticCommand;
import io.spinewatch.protocol.ImuSample;
import io.spinewatch.protocol.MessageListener;
import io.spinewatch.protocol.NativeDecoder;
import io.spinewatch.protocol.NativeEncoder;
import io.spinewatch.protocol.SensorSlot;
import io.spinewatch.protocol.SetSampleRateCommand;
import io.spinewatch.protocol.witmotion.WitMotionSetup;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SerialSource over real pseudo-terminals (socat): the test plays the device on the other end. */
@Tag("integration")
class SerialSourceTest {
    private static final String WEARER = "w1";
    /** Fast retries so a re-plug is noticed within tens of milliseconds. */
    private static final Backoff FAST = new Backoff(20, 200, 2, 0.2);
    private static final long WAIT_MILLIS = 10_000;

    @TempDir
    Path dir;
    PtyPair pty;
    SerialSource source;
    final RecordingSink sink = new RecordingSink();

    @BeforeEach
    void pty() throws Exception {
        pty = PtyPair.start(dir);
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (source != null) {
            source.stop();
        }
        pty.close();
    }

    private SerialSource nativeSource() throws IOException {
        source = new SerialSource(SerialConfig.of(pty.hostPath().toString(), WireProtocol.NATIVE, WEARER)
                .withBackoff(FAST), sink);
        source.start();
        return source;
    }

    /** Writes one-sample frames {@code fromSeq..toSeq-1} of the upper sensor at 100 Hz. */
    private void stream(long fromSeq, long toSeq) throws IOException {
        long next = System.nanoTime();
        for (long seq = fromSeq; seq < toSeq; seq++) {
            pty.write(Frames.sample(SensorSlot.UPPER, seq));
            next += 10_000_000L;
            LockSupport.parkNanos(next - System.nanoTime());
        }
    }

    private void awaitSamples(int n) throws InterruptedException {
        PtyPair.await(() -> sink.sampleCount() >= n, WAIT_MILLIS, n + " samples (have " + sink.sampleCount() + ")");
    }

    private List<Long> seqs() {
        List<Long> out = new ArrayList<>();
        for (RecordingSink.Delivered d : sink.samples()) {
            out.add(d.sample().seq());
        }
        return out;
    }

    private static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long s = from; s < to; s++) {
            out.add(s);
        }
        return out;
    }

    @Nested
    class Samples {
        @Test
        void framesPacedAt100HzArriveAsSamplesOfTheWearer() throws Exception {
            nativeSource();
            stream(0, 100);
            awaitSamples(100);
            assertEquals(range(0, 100), seqs());
            for (RecordingSink.Delivered d : sink.samples()) {
                assertEquals(WEARER, d.wearerId());
                assertEquals(Frames.accX(d.sample().seq()), d.sample().axMps2(), 1e-9);
                assertEquals(Frames.DEVICE_ID, d.sample().deviceId());
            }
            SourceStats s = source.stats();
            assertEquals(100, s.samples());
            assertEquals(100 * Frames.sample(SensorSlot.UPPER, 1).length, s.bytesReceived());
            assertEquals(0, s.decoder().samplesLostTotal());
            assertTrue(s.connected());
            assertEquals(List.of(true), sink.links());
        }

        @Test
        void samplesAreDeliveredOnOneThreadThatIsNotTheCallers() throws Exception {
            nativeSource();
            stream(0, 20);
            awaitSamples(20);
            long threads = sink.samples().stream().map(RecordingSink.Delivered::thread).distinct().count();
            assertEquals(1, threads);
            assertTrue(!sink.samples().get(0).thread().equals(Thread.currentThread().getName()));
        }

        @Test
        void aBurstOfThreeMegabytesIsDecodedWholeWhateverTheReadSplits() throws Exception {
            nativeSource();
            // 20 000 ten-sample batches of three sensors, written in 4 KiB chunks as fast as the pty takes them.
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            NativeEncoder enc = new NativeEncoder();
            io.spinewatch.protocol.ImuBatch b = new io.spinewatch.protocol.ImuBatch();
            int batches = 20_000;
            for (int i = 0; i < batches; i++) {
                b.start(Frames.DEVICE_ID, SensorSlot.values()[i % 3], (i / 3) * 10L, (i / 3) * 100_000L, 10_000, 16, 2000);
                for (int k = 0; k < 10; k++) {
                    b.add((short) k, (short) 0, (short) 2048, (short) 1, (short) 2, (short) 3);
                }
                all.writeBytes(enc.imuBatch(b));
            }
            byte[] bytes = all.toByteArray();
            long t0 = System.nanoTime();
            for (int off = 0; off < bytes.length; off += 4096) {
                pty.write(java.util.Arrays.copyOfRange(bytes, off, Math.min(bytes.length, off + 4096)));
            }
            PtyPair.await(() -> source.stats().samples() >= batches * 10L, 60_000, "the whole burst");
            double seconds = (System.nanoTime() - t0) / 1e9;
            SourceStats s = source.stats();
            assertEquals(batches * 10L, s.samples());
            assertEquals(bytes.length, s.bytesReceived());
            assertEquals(batches, s.decoder().framesOk());
            assertEquals(0, s.decoder().bytesSkipped());
            assertEquals(0, s.decoder().samplesLostTotal());
            // A figure for the report, not an assertion: the pty's speed depends on the machine's load.
            System.out.printf("burst: %d bytes, %d samples in %.2f s: %.0f samples/s, %.2f MB/s%n", bytes.length,
                    s.samples(), seconds, s.samples() / seconds, bytes.length / seconds / 1e6);
        }

        @Test
        void garbageBetweenFramesIsSkippedAndCountedWithNoGoodFrameLost() throws Exception {
            nativeSource();
            Random random = new Random(5);
            long garbageBytes = 0;
            for (long seq = 0; seq < 60; seq++) {
                if (seq % 3 == 1) {
                    byte[] junk = new byte[1 + random.nextInt(40)];
                    random.nextBytes(junk);
                    junk[junk.length - 1] = 0; // a sender ends noise with a delimiter before its next frame
                    pty.write(junk);
                    garbageBytes += junk.length;
                }
                pty.write(Frames.sample(SensorSlot.UPPER, seq));
            }
            awaitSamples(60);
            assertEquals(range(0, 60), seqs());
            SourceStats s = source.stats();
            long bad = s.decoder().integrityFailures() + s.decoder().malformedFrames() + s.decoder().unknownTypes()
                    + s.decoder().unsupportedVersions();
            assertTrue(bad >= 1, "garbage counted as bad frames: " + s.describe());
            assertTrue(s.decoder().bytesSkipped() > 0 && s.decoder().bytesSkipped() <= garbageBytes, s.describe());
            assertEquals(60, s.decoder().framesOk());
        }
    }

    @Nested
    class Reconnection {
        @Test
        void aReplugIsSurvivedCountedAndTheGapCountedAsLoss() throws Exception {
            nativeSource();
            stream(0, 50);
            awaitSamples(50);

            pty.kill();
            PtyPair.await(() -> source.stats().disconnects() == 1, WAIT_MILLIS, "the disconnect");
            assertTrue(!source.stats().connected());
            pty.recreate();
            PtyPair.await(() -> source.stats().reconnects() == 1, WAIT_MILLIS, "the reconnect");

            // The device lost 10 samples while unplugged; the decoder's sequence tracking spans the reconnect.
            stream(60, 110);
            awaitSamples(100);
            List<Long> expected = range(0, 50);
            expected.addAll(range(60, 110));
            assertEquals(expected, seqs());
            SourceStats s = source.stats();
            assertEquals(10, s.decoder().samplesLostUpper());
            assertEquals(1, s.disconnects());
            assertTrue(s.connected());
            // The last error is the disconnect, or a reopen attempt made while the port was still gone.
            String lastError = s.lastError().orElseThrow();
            assertTrue(lastError.contains("disconnected") || lastError.contains("does not exist"), s.describe());
            assertEquals(List.of(true, false, true), sink.links());
        }

        @Test
        void aLongerAbsenceIsRetriedWithBackoffUntilTheDeviceReturns() throws Exception {
            nativeSource();
            pty.kill();
            PtyPair.await(() -> source.stats().connectFailures() >= 3, WAIT_MILLIS, "failed retries");
            pty.recreate();
            PtyPair.await(() -> source.stats().connected(), WAIT_MILLIS, "the reconnect");
            stream(0, 10);
            awaitSamples(10);
            assertEquals(1, source.stats().reconnects());
        }

        @Test
        void repeatedReplugsKeepOneReaderAndStopReleasesThePort() throws Exception {
            nativeSource();
            for (int i = 1; i <= 5; i++) {
                pty.kill();
                int disconnects = i;
                PtyPair.await(() -> source.stats().disconnects() == disconnects, WAIT_MILLIS, "disconnect " + i);
                pty.recreate();
                PtyPair.await(() -> source.stats().reconnects() == disconnects, WAIT_MILLIS, "reconnect " + i);
            }
            stream(0, 10);
            awaitSamples(10);
            assertEquals(1, readerThreads(), "one reading thread however many re-plugs");
            source.stop();
            assertEquals(0, readerThreads(), "stop ends the reading thread");
            // The port is closed and unlocked: another program can open it at once.
            com.fazecast.jSerialComm.SerialPort again = com.fazecast.jSerialComm.SerialPort.getCommPort(
                    pty.hostPath().toString());
            assertTrue(again.openPort(), "the port is free after stop");
            again.closePort();
            assertEquals(List.of(true, false, true, false, true, false, true, false, true, false, true, false),
                    sink.links());
        }

        private long readerThreads() {
            return Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && t.getName().equals("spinewatch-serial-" + pty.hostPath()))
                    .count();
        }
    }

    @Nested
    class Commands {
        @Test
        void hapticCommandsArriveOnTheDeviceSideByteExact() throws Exception {
            nativeSource();
            HapticCommand buzz = new HapticCommand(Frames.DEVICE_ID, 7, 3, 200, 100, 80);
            Command rate = new SetSampleRateCommand(Frames.DEVICE_ID, 8, 100);
            assertTrue(source.send(WEARER, buzz));
            assertTrue(source.send(WEARER, rate));

            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            expected.writeBytes(new NativeEncoder().command(buzz));
            expected.writeBytes(new NativeEncoder().command(rate));
            PtyPair.await(() -> pty.received().length >= expected.size(), WAIT_MILLIS, "command bytes");
            assertArrayEquals(expected.toByteArray(), pty.received());

            List<Command> decoded = new ArrayList<>();
            NativeDecoder device = new NativeDecoder(s -> { }, new MessageListener() {
                @Override
                public void onCommand(Command c) {
                    decoded.add(c);
                }
            });
            device.feed(pty.received());
            assertEquals(List.of(buzz, rate), decoded);
            assertEquals(2, source.stats().commandsSent());
        }

        @Test
        void aCommandWhileUnpluggedIsDroppedAndCounted() throws Exception {
            nativeSource();
            pty.kill();
            PtyPair.await(() -> !source.stats().connected(), WAIT_MILLIS, "the disconnect");
            assertTrue(!source.send(WEARER, new HapticCommand(Frames.DEVICE_ID, 1, 1, 100, 0, 50)));
            assertEquals(1, source.stats().commandsDropped());
        }
    }

    @Nested
    class Errors {
        @Test
        void aPortThatDoesNotExistGivesAClearMessage() {
            String missing = dir.resolve("ttyUSB9").toString();
            source = new SerialSource(SerialConfig.of(missing, WireProtocol.NATIVE, WEARER), sink);
            SourceException e = assertThrows(SourceException.class, source::start);
            assertTrue(e.getMessage().contains(missing) && e.getMessage().contains("does not exist"), e.getMessage());
            assertEquals(1, source.stats().connectFailures());
            assertEquals(e.getMessage(), source.stats().lastError().orElseThrow());
        }
    }

    @Nested
    class WitMotion {
        @Test
        void setupBytesArriveInOrderThenTheConfiguredStreamFlows() throws Exception {
            // The fake sensor sends factory output (10 Hz) until it has received the monitor's setup, then 100 Hz.
            byte[] setup = setupBytes(WitMotionSetup.forMonitor());
            Thread sensor = new Thread(() -> {
                try {
                    long seq = 0;
                    while (!java.util.Arrays.equals(pty.received(), setup)) {
                        pty.write(WitPackets.accGyroGroup(seq++));
                        Thread.sleep(100);
                    }
                    for (int i = 0; i < 50; i++) {
                        pty.write(WitPackets.accGyroGroup(seq++));
                        Thread.sleep(10);
                    }
                } catch (IOException | InterruptedException e) {
                    // the test ended
                }
            }, "fake-witmotion");
            sensor.setDaemon(true);
            sensor.start();

            // No baud given: the source probes (a pty answers at any speed, so the first candidate wins).
            source = new SerialSource(SerialConfig.of(pty.hostPath().toString(), WireProtocol.WITMOTION, WEARER)
                    .withBackoff(FAST).withWitMotionSlot(SensorSlot.PELVIS), sink);
            source.start();
            assertEquals(SerialConfig.WITMOTION_PROBE_ORDER.get(0), source.baud());
            assertArrayEquals(setup, pty.received());
            sensor.join(WAIT_MILLIS);
            awaitSamples(50);
            for (RecordingSink.Delivered d : sink.samples()) {
                assertEquals(SensorSlot.PELVIS, d.sample().slot());
            }
            ImuSample last = sink.samples().get(sink.sampleCount() - 1).sample();
            assertEquals(9.80665, last.azMps2(), 0.01);
            assertTrue(!source.send(WEARER, new HapticCommand(0, 1, 1, 100, 0, 50)), "WitMotion has no haptic command");
        }

        private static byte[] setupBytes(WitMotionSetup setup) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (WitMotionSetup.Step s : setup.steps()) {
                out.writeBytes(s.command());
            }
            return out.toByteArray();
        }
    }
}
