package io.spinewatch.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.live.Angle;
import io.spinewatch.posture.PostureState;
import io.spinewatch.sim.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryExportTest {
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final LocalDate DAY = LocalDate.of(2026, 3, 11);
    static final long T = DAY.atTime(9, 0).atZone(ZONE).toInstant().toEpochMilli();
    static final String AWKWARD = "held, \"quoted\"\nback\\slash\u0001";

    static HistoryExport.Contents contents() {
        return new HistoryExport.Contents("ann", ZONE, DAY, DAY,
                List.of(EpisodeRecord.of("ann", T, T + 90_500, PostureState.SLOUCHED)),
                List.of(new AlertRecord("ann", T + 30_000, "slouch", false, AWKWARD)),
                List.of(new DrillRecord("ann", "chin_tucks", T + 100_000, T + 160_000, 8, true, "done")),
                List.of(new MinuteAggregate("ann", T, Map.of("slouched", 60.0),
                        Map.of(Angle.LUMBAR_FLEXION, new AngleStats(21.25, 12, 30, 60)))));
    }

    @Nested
    class AsJson {
        @Test
        @SuppressWarnings("unchecked")
        void parsesBackWithEveryValueAndEscape() {
            Map<String, Object> doc = (Map<String, Object>) Json.parse(HistoryExport.json(contents()));
            assertEquals(HistoryExport.FORMAT, doc.get("format"));
            assertEquals("Europe/Berlin", doc.get("zone"));
            Map<String, Object> ep = ((List<Map<String, Object>>) doc.get("episodes")).get(0);
            assertEquals((double) T, ep.get("start_ms"));
            assertEquals("2026-03-11T09:00:00+01:00", ep.get("start"));
            assertEquals(90.5, ep.get("duration_s"));
            Map<String, Object> al = ((List<Map<String, Object>>) doc.get("alerts")).get(0);
            assertEquals(AWKWARD, al.get("reason"));
            assertEquals(false, al.get("delivered"));
            Map<String, Object> dr = ((List<Map<String, Object>>) doc.get("drills")).get(0);
            assertEquals(8.0, dr.get("reps"));
            Map<String, Object> mi = ((List<Map<String, Object>>) doc.get("minutes")).get(0);
            Map<String, Object> lumbar = (Map<String, Object>) ((Map<String, Object>) mi.get("angles")).get("lumbar_flexion_deg");
            assertEquals(21.25, lumbar.get("mean"));
            assertEquals(60.0, ((Map<String, Object>) mi.get("seconds")).get("slouched"));
        }

        @Test
        void emptyListsAreValidJson() {
            HistoryExport.Contents c = new HistoryExport.Contents("ann", ZONE, DAY, DAY, List.of(), List.of(), List.of(), List.of());
            Object doc = Json.parse(HistoryExport.json(c));
            assertEquals(List.of(), ((Map<?, ?>) doc).get("episodes"));
        }
    }

    @Nested
    class AsCsv {
        @Test
        void writesFourFilesWithHeadersAndQuotesWhatNeedsIt(@TempDir Path dir) throws IOException {
            List<Path> files = HistoryExport.writeCsv(contents(), dir.resolve("ann.csv"));
            assertEquals(List.of("ann.episodes.csv", "ann.alerts.csv", "ann.drills.csv", "ann.minutes.csv"),
                    files.stream().map(p -> p.getFileName().toString()).toList());
            List<String> episodes = Files.readAllLines(files.get(0));
            assertEquals("wearer,start_ms,end_ms,start,end,duration_s,state", episodes.get(0));
            assertEquals("ann," + T + "," + (T + 90_500) + ",2026-03-11T09:00:00+01:00,2026-03-11T09:01:30.5+01:00,90.5,slouched",
                    episodes.get(1));
            String alerts = Files.readString(files.get(1));
            assertTrue(alerts.contains(",slouch,false,\"held, \"\"quoted\"\"\nback\\slash\u0001\"\n"), alerts);
            List<String> minutes = Files.readAllLines(files.get(3));
            String[] header = minutes.get(0).split(",");
            String[] row = minutes.get(1).split(",", -1);
            assertEquals(header.length, row.length);
            assertEquals("lumbar_flexion_mean_deg", header[3 + HistoryStore.MINUTE_STATES.size()]);
            assertEquals("21.25", row[3 + HistoryStore.MINUTE_STATES.size()]);
            assertEquals("", row[row.length - 1], "an angle not measured is an empty cell");
        }
    }
}
