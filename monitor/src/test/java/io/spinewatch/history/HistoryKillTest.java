package io.spinewatch.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A writer process killed with SIGKILL keeps every record it acknowledged, and the day's totals add up. */
class HistoryKillTest {
    /** Acknowledged records to see before the kill: several batches, well inside the child's first second. */
    static final long ACKS_BEFORE_KILL = 300;

    @Nested
    class OnH2 {
        @TempDir
        Path dir;

        @Test
        void everyAcknowledgedRecordSurvivesTheKill() throws Exception {
            Path file = dir.resolve("killed");
            long acked = runAndKill(List.of("h2", file.toString()));
            check(DbLocation.h2(file), acked);
        }
    }

    @Nested
    @Tag("integration")
    class OnPostgres {
        @Test
        void everyAcknowledgedRecordSurvivesTheKill() throws Exception {
            Optional<TestDatabases.PgSchema> s = TestDatabases.postgres();
            Assumptions.assumeTrue(s.isPresent(), TestDatabases.SKIP_PG);
            try (TestDatabases.PgSchema schema = s.get()) {
                // Create the schema's tables first so the child does not race the test for them.
                HistoryStore.open(schema.location()).close();
                List<String> args = new ArrayList<>(List.of("pg", schema.url(), schema.login.user()));
                schema.login.password().ifPresent(args::add);
                long acked = runAndKill(args);
                check(schema.location(), acked);
            }
        }
    }

    /** Runs the child until it acknowledged enough, kills it, and returns the last watermark it printed. */
    static long runAndKill(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dorg.slf4j.simpleLogger.logFile=System.err",
                KillChild.class.getName()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long last = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("ack ")) {
                    last = Long.parseLong(line.substring(4));
                    if (last >= ACKS_BEFORE_KILL) {
                        break;
                    }
                }
            }
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "child did not die");
        } finally {
            p.destroyForcibly();
        }
        assertTrue(last >= ACKS_BEFORE_KILL, "child stopped before acknowledging " + ACKS_BEFORE_KILL + " records: " + last);
        return last;
    }

    /**
     * Checks the reopened store: record i has sequence number i + 1 (the zone is 1); every acknowledged one
     * is there, what is there is a gap-free prefix (batches are atomic), and the totals are that prefix's.
     */
    static void check(DbLocation loc, long acked) throws Exception {
        try (HistoryStore store = HistoryStore.open(loc)) {
            Set<Long> episodeStarts = new HashSet<>();
            for (EpisodeRecord e : store.episodes(KillScript.WEARER, 0, Long.MAX_VALUE)) {
                episodeStarts.add(e.startMillis());
            }
            Set<String> alertReasons = new HashSet<>();
            for (AlertRecord a : store.alerts(KillScript.WEARER, 0, Long.MAX_VALUE)) {
                alertReasons.add(a.reason());
            }
            int stored = episodeStarts.size() + alertReasons.size();
            assertTrue(stored + 1 >= acked, "acknowledged " + acked + " but only " + (stored + 1) + " stored");
            double slouchedS = 0;
            double uprightS = 0;
            int alerts = 0;
            for (int i = 1; i <= stored; i++) {
                HistoryRecord r = KillScript.record(i);
                if (r instanceof EpisodeRecord e) {
                    assertTrue(episodeStarts.contains(e.startMillis()), "record " + i + " missing of " + stored);
                    if (e.state().equals("slouched")) {
                        slouchedS += e.durationMillis() / 1000.0;
                    } else {
                        uprightS += e.durationMillis() / 1000.0;
                    }
                } else {
                    assertTrue(alertReasons.contains(((AlertRecord) r).reason()), "record " + i + " missing of " + stored);
                    alerts++;
                }
            }
            assertEquals(ZoneId.of(KillScript.ZONE), store.zone(KillScript.WEARER).orElseThrow());
            DayTotals t = store.dayTotals(KillScript.WEARER, LocalDate.of(2026, 3, 10));
            assertEquals(slouchedS, t.seconds("slouched"), 1e-9);
            assertEquals(uprightS, t.seconds("upright"), 1e-9);
            assertEquals(alerts, t.alerts());
        }
    }
}
