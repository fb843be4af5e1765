package io.spinewatch.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class TestVectorsTest {
    static final Path FILE = Path.of(TestVectors.FILE);

    /** A vector as read from the file: frames to feed and the lines a decoder must produce. */
    record FileVector(String name, List<byte[]> frames, List<String> expected) {
    }

    static List<FileVector> load() throws IOException {
        List<FileVector> out = new ArrayList<>();
        String name = null;
        List<byte[]> frames = null;
        List<String> expected = null;
        for (String line : Files.readAllLines(FILE, StandardCharsets.UTF_8)) {
            if (line.startsWith("vector ")) {
                if (name != null) {
                    out.add(new FileVector(name, frames, expected));
                }
                name = line.substring(7);
                frames = new ArrayList<>();
                expected = new ArrayList<>();
            } else if (line.startsWith("frame ")) {
                frames.add(VectorText.HEX.parseHex(line.substring(6)));
            } else if (line.startsWith("sample ") || line.startsWith("status ") || line.startsWith("ack ")
                    || line.startsWith("command ") || line.startsWith("counters ")) {
                expected.add(line);
            }
        }
        if (name != null) {
            out.add(new FileVector(name, frames, expected));
        }
        return out;
    }

    /** Decodes the frames, fed in chunks of {@code chunk} bytes, into the file's line forms. */
    static List<String> decode(List<byte[]> frames, int chunk) {
        List<String> lines = new ArrayList<>();
        NativeDecoder d = new NativeDecoder(s -> lines.add(VectorText.sample(s)), new MessageListener() {
            @Override
            public void onStatus(DeviceStatus status) {
                lines.add(VectorText.status(status));
            }

            @Override
            public void onAck(Ack ack) {
                lines.add(VectorText.ack(ack));
            }

            @Override
            public void onCommand(Command command) {
                lines.add(VectorText.command(command));
            }
        });
        for (byte[] f : frames) {
            for (int i = 0; i < f.length; i += chunk) {
                d.feed(f, i, Math.min(chunk, f.length - i));
            }
        }
        lines.add(VectorText.counters(d.counters().snapshot(), d.newerMinorFrames()));
        return lines;
    }

    /** Compares line by line; sample values within half a unit of the sixth decimal the file rounds to. */
    static void assertLinesMatch(List<String> expected, List<String> actual, String vector) {
        assertEquals(expected.size(), actual.size(), vector + ": number of decoded items\n" + actual);
        for (int i = 0; i < expected.size(); i++) {
            String e = expected.get(i);
            String a = actual.get(i);
            if (!e.startsWith("sample ")) {
                assertEquals(e, a, vector + " line " + i);
                continue;
            }
            Map<String, String> em = fields(e);
            Map<String, String> am = fields(a);
            assertEquals(em.keySet(), am.keySet(), vector + " line " + i);
            for (Map.Entry<String, String> f : em.entrySet()) {
                String av = am.get(f.getKey());
                if (f.getValue().contains(".")) {
                    assertEquals(Double.parseDouble(f.getValue()), Double.parseDouble(av), 1.5e-6,
                            vector + " line " + i + " " + f.getKey());
                } else {
                    assertEquals(f.getValue(), av, vector + " line " + i + " " + f.getKey());
                }
            }
        }
    }

    static Map<String, String> fields(String line) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String token : line.split(" ")) {
            int eq = token.indexOf('=');
            if (eq > 0) {
                m.put(token.substring(0, eq), token.substring(eq + 1));
            }
        }
        return m;
    }

    @Nested
    class TheFile {
        @Test
        void isWhatTheEncoderProducesToday() throws IOException {
            String generated = TestVectors.render(TestVectors.all());
            if (Boolean.getBoolean("spinewatch.writeVectors")) {
                Files.createDirectories(FILE.getParent());
                Files.writeString(FILE, generated, StandardCharsets.UTF_8);
            }
            assertTrue(Files.exists(FILE), "missing " + FILE.toAbsolutePath() + ": run with -Dspinewatch.writeVectors=true");
            assertEquals(generated, Files.readString(FILE, StandardCharsets.UTF_8),
                    "test vectors and encoder disagree; if the change is intended, regenerate with -Dspinewatch.writeVectors=true");
        }

        @Test
        void coversEveryMessageTypeAndEveryKindOfBadFrame() throws IOException {
            List<String> names = load().stream().map(FileVector::name).toList();
            for (String required : List.of("imu_batch_no_mag", "imu_batch_with_mag", "imu_batch_extremes", "seq_wrap_no_loss",
                    "device_status", "ack_ok", "command_haptic", "command_set_sample_rate", "command_streaming",
                    "command_identify", "bad_crc", "truncated", "unknown_type", "newer_minor", "newer_major", "oversize")) {
                assertTrue(names.contains(required), "no vector " + required + " in " + names);
            }
        }
    }

    @Nested
    class DecodingTheFile {
        @TestFactory
        Stream<DynamicTest> everyVectorDecodesAsStated() throws IOException {
            List<FileVector> vectors = load();
            assertFalse(vectors.isEmpty());
            return vectors.stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> {
                assertFalse(v.frames().isEmpty(), v.name() + " has no frame");
                assertLinesMatch(v.expected(), decode(v.frames(), Integer.MAX_VALUE), v.name());
            }));
        }

        @TestFactory
        Stream<DynamicTest> everyVectorDecodesTheSameOneByteAtATime() throws IOException {
            return load().stream().map(v -> DynamicTest.dynamicTest(v.name(),
                    () -> assertLinesMatch(v.expected(), decode(v.frames(), 1), v.name())));
        }
    }
}
