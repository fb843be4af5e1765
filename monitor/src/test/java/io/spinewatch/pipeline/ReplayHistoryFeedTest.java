package io.spinewatch.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.feedback.AlertEvent;
import io.spinewatch.feedback.AlertKind;
import io.spinewatch.feedback.Delivery;
import io.spinewatch.feedback.DrillSet;
import io.spinewatch.feedback.HapticPattern;
import io.spinewatch.feedback.RepSignal;
import io.spinewatch.history.AlertRecord;
import io.spinewatch.history.DrillRecord;
import io.spinewatch.history.EpisodeRecord;
import io.spinewatch.history.HistoryRecord;
import io.spinewatch.history.MinuteAggregate;
import io.spinewatch.history.WearerHistory;
import io.spinewatch.posture.PostureState;
import io.spinewatch.posture.SpineAngles;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplayHistoryFeedTest {
    static final long ORIGIN = 1_773_216_000_000L; // 2026-03-11T08:00Z
    static final double STEP = 0.1;

    final List<HistoryRecord> records = new ArrayList<>();
    final ReplayHistoryFeed feed = new ReplayHistoryFeed(new WearerHistory("ann", ZoneOffset.UTC, records::add), ORIGIN, STEP);

    private void steps(double fromS, double toS, PostureState state, double lumbarDeg) {
        for (double t = fromS; t < toS - 1e-9; t += STEP) {
            feed.onAngles(new SpineAngles(Math.round(t * 10) / 10.0, lumbarDeg, 1, 2, 3), state);
        }
    }

    private <T> List<T> of(Class<T> type) {
        return records.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void stepsBecomeEpisodesAndMinutesOnTheWallClock() {
        steps(0, 40, PostureState.UPRIGHT, 5);
        steps(40, 100, PostureState.SLOUCHED, 25);
        feed.finish();
        List<EpisodeRecord> episodes = of(EpisodeRecord.class);
        assertEquals(List.of(new EpisodeRecord("ann", ORIGIN, ORIGIN + 40_000, "upright"),
                new EpisodeRecord("ann", ORIGIN + 40_000, ORIGIN + 100_000, "slouched")), episodes,
                "the last step stands for its period");
        List<MinuteAggregate> minutes = of(MinuteAggregate.class);
        assertEquals(2, minutes.size());
        assertEquals(40, minutes.get(0).secondsByState().get("upright"), 1e-6);
        assertEquals(20, minutes.get(0).secondsByState().get("slouched"), 1e-6);
        assertEquals(40, minutes.get(1).secondsByState().get("slouched"), 1e-6);
        assertEquals(ORIGIN + 100_000, feed.endMillis());
    }

    @Test
    void alertsAndDrillSetsKeepTheirTimesAndTheJsonsRepetitions() {
        steps(0, 1, PostureState.UPRIGHT, 0);
        feed.onAlert(new AlertEvent(42.5, AlertKind.SLOUCH, Delivery.DELIVERED, HapticPattern.SLOUCH, Optional.empty(), 30, 0,
                "slouched 30 s"));
        feed.onDrillSet(new DrillSet("seated_thoracic_rotation", RepSignal.THORACIC_ROTATION, 50, 80, 10, false));
        feed.finish();
        AlertRecord alert = of(AlertRecord.class).get(0);
        assertEquals(ORIGIN + 42_500, alert.tMillis());
        assertEquals("slouch", alert.kind());
        assertTrue(alert.delivered());
        DrillRecord drill = of(DrillRecord.class).get(0);
        assertEquals(new DrillRecord("ann", "seated_thoracic_rotation", ORIGIN + 50_000, ORIGIN + 80_000, 5, false, "done"), drill,
                "ten turns are five rotations per side, as the replay's JSON says");
    }

    @Test
    void nothingFedIsNothingWritten() {
        feed.finish();
        assertEquals(1, records.size(), "only the wearer's zone: " + records);
        assertEquals(ORIGIN, feed.endMillis());
    }
}
