package io.spinewatch.history;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The process {@link HistoryKillTest} kills: writes numbered records through a {@link HistoryWriter} until
 * killed, printing {@code ack N} for each acknowledged watermark. Arguments: {@code h2 PATH} or
 * {@code pg URL USER}.
 */
public final class KillChild {
    private KillChild() {
    }

    public static void main(String[] args) throws Exception {
        DbLocation loc = args[0].equals("h2") ? DbLocation.h2(java.nio.file.Path.of(args[1]))
                : DbLocation.postgres(args[1], Optional.of(args[2]), args.length > 3 ? Optional.of(args[3]) : Optional.empty());
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        HistoryStore store = HistoryStore.open(loc);
        HistoryWriter w = new HistoryWriter(store, HistoryWriterParams.DEFAULT.withBatch(16, 5),
                seq -> out.println("ack " + seq));
        w.submit(new WearerZone(KillScript.WEARER, ZoneId.of(KillScript.ZONE)));
        for (int i = 1; ; i++) {
            if (w.submit(KillScript.record(i)).isEmpty()) {
                Thread.sleep(1);
                i--;
            }
            if (i % 8 == 0) {
                Thread.sleep(1);
            }
        }
    }
}
