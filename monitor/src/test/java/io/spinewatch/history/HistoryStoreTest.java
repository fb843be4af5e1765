package io.spinewatch.history;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/** The store's contract run against embedded H2 (always) and a real PostgreSQL server (integration). */
class HistoryStoreTest {

    @Nested
    class OnH2 extends StoreContract {
        @TempDir
        Path dir;

        @Override
        DbLocation freshDatabase() {
            return TestDatabases.h2(dir);
        }

        @Override
        void dropDatabase() {
            // the temporary directory goes with the test
        }
    }

    @Nested
    @Tag("integration")
    class OnPostgres extends StoreContract {
        private TestDatabases.PgSchema schema;

        @Override
        DbLocation freshDatabase() {
            Optional<TestDatabases.PgSchema> s = TestDatabases.postgres();
            Assumptions.assumeTrue(s.isPresent(), TestDatabases.SKIP_PG);
            schema = s.get();
            return schema.location();
        }

        @Override
        void dropDatabase() throws Exception {
            if (schema != null) {
                schema.close();
            }
        }
    }
}
