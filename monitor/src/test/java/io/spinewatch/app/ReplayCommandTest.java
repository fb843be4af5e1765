package io.spinewatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.pipeline.ReplayRecorder;
import io.spinewatch.posture.PostureState;
import io.spinewatch.sim.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReplayCommandTest {
    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Spinewatch.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static Path simulate(Path dir, String script) {
        Run s = run("simulate", "--script", script, "--seed", "11", "--out", dir.toString());
        assertEquals(0, s.exit(), s.err());
        return dir.resolve("trace.csv");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> report(Path p) throws IOException {
        return (Map<String, Object>) Json.parse(Files.readString(p));
    }

    @Nested
    class Contract {
        @Test
        void writesTheContractColumnsOneRowPerStepAndAValidReport(@TempDir Path dir) throws IOException {
            Path trace = simulate(dir, "calibrate 12s; upright 20s; slouch 45s; upright 10s");
            Path angles = dir.resolve("angles.csv");
            Path json = dir.resolve("report.json");
            Run r = run("replay", trace.toString(), "--angles", angles.toString(), "--report", json.toString());
            assertEquals(0, r.exit(), r.err());
            List<String> lines = Files.readAllLines(angles);
            assertEquals(ReplayRecorder.ANGLES_HEADER, lines.get(0));
            assertEquals("t_s,lumbar_flexion_deg,thoracic_flexion_deg,pelvic_tilt_deg,trunk_lean_deg,state", lines.get(0));
            assertTrue(Math.abs(lines.size() - 1 - 87 * 10) <= 2, "10 Hz rows: " + (lines.size() - 1));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",", -1);
                assertEquals(6, f.length, line);
                PostureState.ofLabel(f[5]);
                if (!f[5].equals("calibrating")) {
                    for (int i = 1; i <= 4; i++) Double.parseDouble(f[i]);
                }
            }
            Map<String, Object> rep = report(json);
            List<Map<String, Object>> episodes = (List<Map<String, Object>>) rep.get("episodes");
            assertEquals("calibrating", episodes.get(0).get("state"));
            assertTrue(episodes.stream().anyMatch(e -> "slouched".equals(e.get("state"))));
            for (Map<String, Object> e : episodes) {
                assertTrue((Double) e.get("end_s") >= (Double) e.get("start_s"));
            }
            List<Map<String, Object>> alerts = (List<Map<String, Object>>) rep.get("alerts");
            assertEquals(1, alerts.size(), alerts.toString());
            assertEquals("slouch", alerts.get(0).get("kind"));
            assertTrue(rep.get("drills") instanceof List);
            Map<String, Object> summary = (Map<String, Object>) rep.get("summary");
            assertEquals("upper+mid+pelvis", summary.get("sensors"));
            assertEquals(false, summary.get("truncated"));
        }

        @Test
        void aMissingFileIsExitTwo(@TempDir Path dir) {
            Run r = run("replay", dir.resolve("nope.csv").toString(), "--report", dir.resolve("r.json").toString());
            assertEquals(2, r.exit());
            assertTrue(r.err().contains("no such file"), r.err());
        }
    }

    @Nested
    class DamagedTraces {
        @Test
        void aTruncatedTraceStillReplaysAndSaysSo(@TempDir Path dir) throws IOException {
            Path trace = simulate(dir, "calibrate 12s; upright 30s");
            byte[] all = Files.readAllBytes(trace);
            Path cut = dir.resolve("cut.csv");
            Files.write(cut, java.util.Arrays.copyOf(all, all.length * 2 / 3 + 7)); // ends mid-row
            Path json = dir.resolve("report.json");
            Path angles = dir.resolve("angles.csv");
            Run r = run("replay", cut.toString(), "--angles", angles.toString(), "--report", json.toString());
            assertEquals(0, r.exit(), r.err());
            Map<String, Object> summary = (Map<String, Object>) report(json).get("summary");
            assertEquals(true, summary.get("truncated"));
            assertFalse(((String) summary.get("truncation_reason")).isEmpty());
            assertTrue(Files.readAllLines(angles).size() > 200);
        }

        @Test
        void badRowsAreSkippedAndCounted(@TempDir Path dir) throws IOException {
            Path trace = simulate(dir, "calibrate 12s; upright 20s");
            List<String> lines = new java.util.ArrayList<>(Files.readAllLines(trace));
            int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("t_s,")).findFirst().orElseThrow());
            lines.add(header + 500, "12.0,knee,0,0,9.8,0,0,0");
            lines.add(header + 900, "not,a,row");
            Path bad = dir.resolve("bad.csv");
            Files.write(bad, lines);
            Path json = dir.resolve("report.json");
            Run r = run("replay", bad.toString(), "--report", json.toString());
            assertEquals(0, r.exit(), r.err());
            Map<String, Object> summary = (Map<String, Object>) report(json).get("summary");
            Map<String, Object> skipped = (Map<String, Object>) summary.get("rows_skipped");
            assertEquals(1.0, skipped.get("unknown_sensor"));
            assertEquals(1.0, skipped.get("column_count"));
            assertEquals(2.0, skipped.get("total"));
        }
    }
}
