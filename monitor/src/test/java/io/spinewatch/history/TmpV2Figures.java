package io.spinewatch.history;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TmpV2Figures {
    void run(String name, DbLocation loc) throws Exception {
        try (Connection c = loc.connect()) {
            Migrator.migrate(c, 1);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO minute_aggregate (wearer_id, minute_ms, calibrating_s, upright_s, "
                    + "slouched_s, leaning_s, standing_s, walking_s, no_signal_s, other_s, lumbar_flexion_mean_deg, lumbar_flexion_min_deg, "
                    + "lumbar_flexion_max_deg, trunk_lean_mean_deg, trunk_lean_min_deg, trunk_lean_max_deg) VALUES (?, ?, 0, 30, 0, 0, 0, 0, 0, 0, 10, 5, 15, 2, 1, 3)")) {
                for (int n = 0; n < 200_000; n++) {
                    p.setString(1, "w" + (n % 100));
                    int minute = n / 100;
                    p.setLong(2, StoreContract.EIGHT + (minute % 1000 == 999 ? minute - 1 : minute) * 60_000L);
                    p.addBatch();
                    if (n % 5000 == 4999) {
                        p.executeBatch();
                    }
                }
            }
            c.commit();
            long t0 = System.nanoTime();
            if (System.getenv("STEP") != null) {
                try (Statement s = c.createStatement()) {
                    for (Migrator.Script sc : Migrator.scripts()) {
                        if (sc.version() != 2) continue;
                        for (String sql : sc.statements()) {
                            long a = System.nanoTime();
                            s.execute(sql);
                            System.out.printf("FIG %s %6.0f ms %s%n", name, (System.nanoTime() - a) / 1e6, sql.substring(0, Math.min(60, sql.length())).replace('\n', ' '));
                        }
                    }
                }
                c.rollback();
            } else {
                Migrator.migrate(c);
            }
            long t1 = System.nanoTime();
            System.out.printf("FIG %s: V2 over 200000 rows: %.0f ms%n", name, (t1 - t0) / 1e6);
        }
    }

    @Test
    void figures() throws Exception {
        run("h2", TestDatabases.h2(Files.createTempDirectory("fig")));
        if (System.getenv("STEP") == null) {
            try (TestDatabases.PgSchema s = TestDatabases.postgres().orElseThrow()) {
                run("pg", s.location());
            }
        }
    }
}
