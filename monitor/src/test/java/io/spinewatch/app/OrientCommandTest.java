package io.spinewatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.fusion.Quat;
import io.spinewatch.fusion.Vec3;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrientCommandTest {
    private static final double G = 9.81;

    @TempDir
    Path dir;

    /** Exit code and stderr of one run. */
    private record Result(int exit, String err) {
    }

    private static Result run(String... args) {
        StringWriter err = new StringWriter();
        var cl = Spinewatch.commandLine();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        int exit = cl.execute(args);
        return new Result(exit, err.toString());
    }

    /** The true pose of the generated recordings: 30 deg tilt about a skewed axis, heading 50 deg. */
    private static Quat truth() {
        Quat tilt = new Quat().setAxisAngle(1, 0.5, 0, Math.toRadians(30));
        return new Quat().multiply(new Quat().setAxisAngle(0, 0, 1, Math.toRadians(50)), tilt);
    }

    /** Rows of a still sensor at {@link #truth()}, 100 Hz, with noise; with or without magnetometer columns. */
    private static StringBuilder still(int rows, boolean withMag) {
        Random rnd = new Random(1);
        Quat q = truth();
        Vec3 acc = q.rotateInverse(new Vec3(0, 0, G), new Vec3());
        Vec3 mag = q.rotateInverse(new Vec3(0, 20, -40), new Vec3());
        StringBuilder sb = new StringBuilder("# spinewatch test recording\n");
        sb.append(withMag ? "t_s,gx,gy,gz,ax,ay,az,mx,my,mz\n" : "t_s,gx,gy,gz,ax,ay,az\n");
        for (int k = 0; k < rows; k++) {
            sb.append(String.format(Locale.ROOT, "%.3f,%.6f,%.6f,%.6f,%.5f,%.5f,%.5f", 10 + k * 0.01,
                    0.002 * rnd.nextGaussian(), 0.002 * rnd.nextGaussian(), 0.002 * rnd.nextGaussian(),
                    acc.x + 0.02 * rnd.nextGaussian(), acc.y + 0.02 * rnd.nextGaussian(), acc.z + 0.02 * rnd.nextGaussian()));
            if (withMag) {
                sb.append(String.format(Locale.ROOT, ",%.3f,%.3f,%.3f", mag.x, mag.y, mag.z));
            }
            sb.append('\n');
        }
        return sb;
    }

    private static double[] lastQuaternion(List<String> lines) {
        String[] c = lines.get(lines.size() - 1).split(",");
        return new double[] {Double.parseDouble(c[1]), Double.parseDouble(c[2]), Double.parseDouble(c[3]),
            Double.parseDouble(c[4])};
    }

    @Nested
    class GoodInput {
        @Test
        void isWiredIntoTheCommandLine() {
            StringWriter out = new StringWriter();
            var cl = Spinewatch.commandLine();
            cl.setOut(new PrintWriter(out));
            assertEquals(0, cl.execute("--help"));
            assertTrue(out.toString().contains("orient"), out.toString());
        }

        @Test
        void writesOneUnitCanonicalQuaternionPerRowMatchingTheTilt() throws IOException {
            Path in = dir.resolve("imu.csv");
            Path out = dir.resolve("quat.csv");
            Files.writeString(in, still(500, false));
            Result r = run("orient", "--in", in.toString(), "--out", out.toString());
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.err().contains("500 rows written"), r.err());
            List<String> lines = Files.readAllLines(out);
            assertEquals("t_s,qw,qx,qy,qz", lines.get(0));
            assertEquals(501, lines.size());
            assertTrue(lines.get(1).startsWith("10.000,"), lines.get(1));
            for (String line : lines.subList(1, lines.size())) {
                String[] c = line.split(",");
                assertEquals(5, c.length, line);
                double w = Double.parseDouble(c[1]);
                double x = Double.parseDouble(c[2]);
                double y = Double.parseDouble(c[3]);
                double z = Double.parseDouble(c[4]);
                assertTrue(w >= 0, line);
                assertEquals(1, Math.sqrt(w * w + x * x + y * y + z * z), 1e-8, line);
            }
            double[] q = lastQuaternion(lines);
            Quat est = new Quat(q[0], q[1], q[2], q[3]);
            Vec3 upEst = est.rotateInverse(new Vec3(0, 0, 1), new Vec3());
            Vec3 upTrue = truth().rotateInverse(new Vec3(0, 0, 1), new Vec3());
            assertTrue(Math.toDegrees(upEst.angleTo(upTrue)) < 0.5);
        }

        @Test
        void withMagnetometerColumnsTheHeadingIsTheTrueOne() throws IOException {
            Path in = dir.resolve("imu9.csv.gz");
            Path out = dir.resolve("quat9.csv");
            try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(in))) {
                os.write(still(500, true).toString().getBytes(StandardCharsets.UTF_8));
            }
            assertEquals(0, run("orient", "--in", in.toString(), "--out", out.toString()).exit());
            double[] q = lastQuaternion(Files.readAllLines(out));
            assertTrue(Math.toDegrees(new Quat(q[0], q[1], q[2], q[3]).angleTo(truth())) < 1);

            assertEquals(0, run("orient", "--in", in.toString(), "--out", out.toString(), "--no-mag").exit());
            double[] q6 = lastQuaternion(Files.readAllLines(out));
            assertTrue(Math.toDegrees(new Quat(q6[0], q6[1], q6[2], q6[3]).angleTo(truth())) > 20,
                    "without the field the heading stays at its arbitrary start");
        }
    }

    @Nested
    class BadInput {
        @Test
        void badRowsAreSkippedCountedAndReported() throws IOException {
            StringBuilder sb = still(300, false);
            sb.append("13.100,0,0,0,0,0\n");              // 6 columns
            sb.append("13.110,0,0,zero,0,0,9.81\n");      // not a number
            sb.append("12.000,0,0,0,0,0,9.81\n");         // back in time
            sb.append("13.120,0,0,0,NaN,0,9.81\n");       // non-finite
            sb.append("\n# a comment in the middle\n");
            sb.append("13.130,0,0,0,0,0,9.81,1,2,3\n");   // 10 columns under a 7-column header
            sb.append("13.140,0,0,0,0,0,9.81\n");         // fine
            Path in = dir.resolve("bad.csv");
            Path out = dir.resolve("bad-out.csv");
            Files.writeString(in, sb);
            Result r = run("orient", "--in", in.toString(), "--out", out.toString());
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.err().contains("301 rows written"), r.err());
            assertTrue(r.err().contains("5 skipped (2 wrong column count, 1 non-numeric, 1 time not increasing,"
                    + " 1 rejected by the filter)"), r.err());
            assertTrue(r.err().contains("line 303: 6 columns"), r.err());
            List<String> lines = Files.readAllLines(out);
            assertEquals(302, lines.size());
            assertTrue(lines.get(301).startsWith("13.140,"));
        }

        @Test
        void aMissingFileIsAClearErrorWithExitTwo() {
            Path missing = dir.resolve("nope.csv");
            Result r = run("orient", "--in", missing.toString(), "--out", dir.resolve("o.csv").toString());
            assertEquals(2, r.exit());
            assertTrue(r.err().contains("no such file") && r.err().contains("nope.csv"), r.err());
        }

        @Test
        void aFileWithoutUsableRowsExitsOne() throws IOException {
            Path in = dir.resolve("empty.csv");
            Files.writeString(in, "t_s,gx,gy,gz,ax,ay,az\nfoo,bar\n");
            Result r = run("orient", "--in", in.toString(), "--out", dir.resolve("o.csv").toString());
            assertEquals(1, r.exit());
            assertTrue(r.err().contains("no usable row"), r.err());
        }

        @Test
        void anInvalidParameterIsAUsageError() throws IOException {
            Path in = dir.resolve("imu.csv");
            Files.writeString(in, still(10, false));
            Result r = run("orient", "--in", in.toString(), "--out", dir.resolve("o.csv").toString(), "--tau-acc", "-1");
            assertEquals(2, r.exit());
            assertTrue(r.err().contains("tauAccSeconds"), r.err());
        }
    }
}
