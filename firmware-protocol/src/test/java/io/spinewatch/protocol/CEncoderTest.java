package io.spinewatch.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The reference C encoder ({@code firmware-protocol/c}) must write exactly the Java encoder's bytes. */
class CEncoderTest {
    static final Path SOURCE_DIR = Path.of("c");
    static Path driver;

    @BeforeAll
    static void compileDriver() throws IOException, InterruptedException {
        Assumptions.assumeTrue(onPath("gcc"), "gcc not found: apt-get install gcc");
        Path out = Files.createDirectories(Path.of("target", "c"));
        driver = out.resolve("encode_driver");
        // -Werror with -pedantic and C99: the header must stay clean for strict firmware builds.
        Process gcc = new ProcessBuilder("gcc", "-std=c99", "-D_POSIX_C_SOURCE=200809L", "-Wall", "-Wextra", "-Wpedantic",
                "-Wconversion", "-Werror", "-O2", "-I", SOURCE_DIR.toString(), "-o", driver.toString(),
                SOURCE_DIR.resolve("encode_driver.c").toString())
                .redirectErrorStream(true).start();
        String log = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(gcc.waitFor(60, TimeUnit.SECONDS), "gcc timed out");
        assertEquals(0, gcc.exitValue(), "gcc failed:\n" + log);
    }

    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Runs the driver over the lines; returns one hex frame per line. */
    static List<String> runDriver(List<String> lines) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(driver.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Thread writer = new Thread(() -> {
            try (var in = p.getOutputStream()) {
                in.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        List<String> out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
        writer.join();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        return out;
    }

    /** The driver's input line for one encoder input. */
    static String driverLine(Object in) {
        if (in instanceof ImuBatch b) {
            StringBuilder s = new StringBuilder("imu ").append(b.deviceId()).append(' ').append(b.slot().wireCode())
                    .append(' ').append(b.streamStart() ? 1 : 0).append(' ').append(b.hasMag() ? 1 : 0)
                    .append(' ').append(b.firstSeq()).append(' ').append(b.firstTimeMicros())
                    .append(' ').append(b.samplePeriodMicros()).append(' ').append(b.accRangeG())
                    .append(' ').append(b.gyroRangeDps()).append(' ').append(b.magRangeMicroTesla())
                    .append(' ').append(b.count());
            int axes = b.hasMag() ? 9 : 6;
            for (int i = 0; i < b.count(); i++) {
                for (int a = 0; a < axes; a++) {
                    s.append(' ').append(b.raw(i, a));
                }
            }
            return s.toString();
        } else if (in instanceof DeviceStatus s) {
            return "status " + s.deviceId() + " " + s.firmwareMajor() + " " + s.firmwareMinor() + " " + s.firmwarePatch()
                    + " " + s.batteryMillivolts() + " " + s.batteryPercent() + " " + (s.charging() ? 1 : 0)
                    + " " + (s.streaming() ? 1 : 0) + " " + s.sampleRateHz() + " " + s.sensorsPresentMask()
                    + " " + s.sensorsFaultMask() + " " + s.uptimeSeconds();
        } else if (in instanceof Ack a) {
            return "ack " + a.deviceId() + " " + a.commandId() + " " + a.commandType() + " " + a.status().wireCode();
        } else if (in instanceof HapticCommand h) {
            return "haptic " + h.deviceId() + " " + h.commandId() + " " + h.pulseCount() + " " + h.pulseMillis()
                    + " " + h.gapMillis() + " " + h.intensityPercent();
        } else if (in instanceof SetSampleRateCommand r) {
            return "rate " + r.deviceId() + " " + r.commandId() + " " + r.sampleRateHz();
        } else if (in instanceof StreamingCommand s) {
            return "streaming " + s.deviceId() + " " + s.commandId() + " " + (s.enabled() ? 1 : 0);
        }
        IdentifyCommand i = (IdentifyCommand) in;
        return "identify " + i.deviceId() + " " + i.commandId() + " " + i.durationMillis();
    }

    static void assertSameBytes(List<Object> inputs) throws IOException, InterruptedException {
        NativeEncoder enc = new NativeEncoder();
        List<String> lines = new ArrayList<>();
        List<String> java = new ArrayList<>();
        for (Object in : inputs) {
            lines.add(driverLine(in));
            java.add(VectorText.HEX.formatHex(TestVectors.encode(enc, in)));
        }
        List<String> c = runDriver(lines);
        assertEquals(java.size(), c.size());
        for (int i = 0; i < java.size(); i++) {
            assertEquals(java.get(i), c.get(i), "input " + lines.get(i));
        }
    }

    @Nested
    class SameBytesAsJava {
        @Test
        void forEveryTestVectorInput() throws IOException, InterruptedException {
            List<Object> inputs = new ArrayList<>();
            for (TestVectors.Vector v : TestVectors.all()) {
                inputs.addAll(v.inputs());
            }
            assertTrue(inputs.size() >= 20, "vectors with encoder inputs: " + inputs.size());
            assertSameBytes(inputs);
        }

        @Test
        void forRandomMessagesOfEveryType() throws IOException, InterruptedException {
            Random r = new Random(99);
            List<Object> inputs = new ArrayList<>();
            for (int n = 0; n < 500; n++) {
                inputs.add(switch (n % 4) {
                    case 0 -> Streams.randomBatch(r, new ImuBatch());
                    case 1 -> Streams.randomStatus(r);
                    case 2 -> Streams.randomAck(r);
                    default -> Streams.randomCommand(r);
                });
            }
            assertSameBytes(inputs);
        }
    }

    @Nested
    class Refusals {
        @Test
        void outOfRangeArgumentsAndSmallBuffersWriteNothing() throws IOException, InterruptedException {
            // count 0, slot 3, and a haptic intensity of 0 are refused with an empty line.
            List<String> out = runDriver(List.of(
                    "imu 1 0 0 0 0 0 0 16 2000 0 0",
                    "imu 1 3 0 0 0 0 0 16 2000 0 1 1 2 3 4 5 6",
                    "haptic 1 1 1 100 0 0"));
            assertEquals(List.of("", "", ""), out);
        }
    }
}
