package io.spinewatch.feedback;

import static io.spinewatch.posture.PostureState.CALIBRATING;
import static io.spinewatch.posture.PostureState.LEANING;
import static io.spinewatch.posture.PostureState.NO_SIGNAL;
import static io.spinewatch.posture.PostureState.SLOUCHED;
import static io.spinewatch.posture.PostureState.STANDING;
import static io.spinewatch.posture.PostureState.UPRIGHT;
import static io.spinewatch.posture.PostureState.WALKING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.posture.PosturePattern;
import io.spinewatch.posture.PostureState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AlertPolicyTest {
    /** Defaults without movement breaks, so slouch rules can be tested alone. */
    private static final AlertParams SLOUCH_ONLY = AlertParams.DEFAULTS.withMovementBreak(false, 2700, 60);

    /** Feeds {@code state} at 10 Hz over [from, to) and collects every event. */
    private static List<AlertEvent> run(AlertPolicy policy, double from, double to, PostureState state, List<AlertEvent> into) {
        for (int i = 0; ; i++) {
            double t = from + i * 0.1;
            if (t >= to - 1e-9) break;
            policy.update(t, state, state == SLOUCHED ? PosturePattern.POSTERIOR_PELVIC_TILT : null).ifPresent(into::add);
        }
        return into;
    }

    private static List<AlertEvent> delivered(List<AlertEvent> events) {
        return events.stream().filter(AlertEvent::delivered).toList();
    }

    @Nested
    class SlouchStart {
        /** Feeds upright until {@code confirmAt}, then slouched (begun at {@code start}) at 10 Hz until {@code to}. */
        private List<AlertEvent> slouchConfirmedLate(AlertPolicy p, double start, double confirmAt, double to) {
            List<AlertEvent> events = new ArrayList<>();
            run(p, 0, confirmAt, UPRIGHT, events);
            for (int i = 0; ; i++) {
                double t = confirmAt + i * 0.1;
                if (t >= to - 1e-9) break;
                p.update(t, SLOUCHED, PosturePattern.POSTERIOR_PELVIC_TILT, start).ifPresent(events::add);
            }
            return events;
        }

        @Test
        void theHoldCountsFromWhenTheSlouchBeganNotFromItsConfirmation() {
            AlertPolicy p = new AlertPolicy(SLOUCH_ONLY);
            List<AlertEvent> events = slouchConfirmedLate(p, 100, 106.5, 200);
            assertEquals(1, events.size());
            assertEquals(100 + SLOUCH_ONLY.holdSeconds(), events.get(0).tSeconds(), 0.1 + 1e-9);
            assertEquals(SLOUCH_ONLY.holdSeconds(), events.get(0).sinceSeconds(), 0.1 + 1e-9);
            assertEquals(100, p.episodeStartSeconds(), 1e-9);
        }

        @Test
        void aStartInTheFutureOrUnknownMeansNow() {
            AlertPolicy later = new AlertPolicy(SLOUCH_ONLY);
            List<AlertEvent> a = slouchConfirmedLate(later, 500, 106.5, 200);
            assertEquals(106.5 + SLOUCH_ONLY.holdSeconds(), a.get(0).tSeconds(), 0.1 + 1e-9);
            AlertPolicy unknown = new AlertPolicy(SLOUCH_ONLY);
            List<AlertEvent> b = slouchConfirmedLate(unknown, Double.NaN, 106.5, 200);
            assertEquals(a.get(0).tSeconds(), b.get(0).tSeconds(), 1e-9);
        }

        @Test
        void theStartIsReadOnlyWhenAnEpisodeBegins() {
            // A bridged interruption continues the episode: a later start given then changes nothing.
            AlertPolicy p = new AlertPolicy(SLOUCH_ONLY);
            List<AlertEvent> events = slouchConfirmedLate(p, 100, 103, 110);
            run(p, 110, 111, UPRIGHT, events);
            for (int i = 0; i < 400; i++) {
                p.update(111 + i * 0.1, SLOUCHED, PosturePattern.POSTERIOR_PELVIC_TILT, 109).ifPresent(events::add);
            }
            assertEquals(1, events.size());
            assertEquals(130, events.get(0).tSeconds(), 0.1 + 1e-9);
        }
    }

    @Nested
    class Hold {
        @Test
        void alertsOnceAtTheMomentTheHoldIsReached() {
            AlertPolicy p = new AlertPolicy(SLOUCH_ONLY.withReminders(120, 2, 600, 0));
            List<AlertEvent> events = run(p, 0, 600, SLOUCHED, new ArrayList<>());
            assertEquals(1, events.size());
            AlertEvent e = events.get(0);
            assertEquals(AlertKind.SLOUCH, e.kind());
            assertEquals(SLOUCH_ONLY.holdSeconds(), e.tSeconds(), 0.1 + 1e-9);
            assertTrue(e.tSeconds() >= SLOUCH_ONLY.holdSeconds());
            assertEquals(Optional.of(PosturePattern.POSTERIOR_PELVIC_TILT), e.pattern());
            assertEquals(HapticPattern.SLOUCH, e.haptic());
            assertTrue(e.reason().contains("posterior_pelvic_tilt"), e.reason());
        }

        @Test
        void slouchShorterThanTheHoldIsSilent() {
            AlertPolicy p = new AlertPolicy(SLOUCH_ONLY);
            List<AlertEvent> events = new ArrayList<>();
            for (int k = 0; k < 20; k++) {
                run(p, k * 60, k * 60 + 25, SLOUCHED, events);
                run(p, k * 60 + 25, k * 60 + 60, UPRIGHT, events);
            }
            assertTrue(events.isEmpty(), events.toString());
        }

        @Test
        void zeroHoldAlertsAtTheFirstSlouchedUpdate() {
            AlertPolicy p = new AlertPolicy(SLOUCH_ONLY.withHoldSeconds(0));
            assertTrue(p.update(5, UPRIGHT, null).isEmpty());
            assertEquals(5.1, p.update(5.1, SLOUCHED, null).orElseThrow().tSeconds(), 1e-12);
        }
    }

    @Nested
    class Interruptions {
        @Test
        void shortUprightBlipDoesNotRestartTheEpisode() {
            AlertPolicy p = new AlertPolicy(SLOUCH_ONLY);
            List<AlertEvent> events = new ArrayList<>();
            run(p, 0, 20, SLOUCHED, events);
            run(p, 20, 22, UPRIGHT, events);
            run(p, 22, 40, SLOUCHED, events);
            assertEquals(1, events.size());
            assertEquals(30, events.get(0).tSeconds(), 0.11);
        }

        @Test
        void noSignalBlipIsBridgedToo() {
            AlertPolicy p = new AlertPolicy(SLOUCH_ONLY);
            List<AlertEvent> events = new ArrayList<>();
            run(p, 0, 15, SLOUCHED, events);
            run(p, 15, 17.5, NO_SIGNAL, events);
            run(p, 17.5, 40, SLOUCHED, events);
            assertEquals(1, events.size());
            assertEquals(30, events.get(0).tSeconds(), 0.11);
        }

        @Test
        void interruptionOfTheBridgeLengthStartsANewEpisode() {
            AlertPolicy p = new AlertPolicy(SLOUCH_ONLY);
            List<AlertEvent> events = new ArrayList<>();
            run(p, 0, 20, SLOUCHED, events);
            run(p, 20, 23.05, UPRIGHT, events);
            assertFalse(p.inEpisode());
            run(p, 23.1, 60, SLOUCHED, events);
            assertEquals(1, events.size());
            assertEquals(53.1, events.get(0).tSeconds(), 0.05);
        }

        @Test
        void holdReachedDuringAnInterruptionAlertsWhenTheSlouchResumes() {
            AlertPolicy p = new AlertPolicy(SLOUCH_ONLY);
            List<AlertEvent> events = new ArrayList<>();
            run(p, 0, 29, SLOUCHED, events);
            run(p, 29, 31, NO_SIGNAL, events);
            assertTrue(events.isEmpty(), "no_signal must never alert");
            run(p, 31, 35, SLOUCHED, events);
            assertEquals(1, events.size());
            assertEquals(31, events.get(0).tSeconds(), 1e-9);
        }

        @Test
        void longNoSignalEndsTheEpisode() {
            AlertPolicy p = new AlertPolicy(SLOUCH_ONLY);
            List<AlertEvent> events = new ArrayList<>();
            run(p, 0, 25, SLOUCHED, events);
            run(p, 25, 85, NO_SIGNAL, events);
            run(p, 85, 100, SLOUCHED, events);
            assertTrue(events.isEmpty());
        }
    }

    @Nested
    class OtherStates {
        @Test
        void noStateButSlouchedEverAlertsForASlouch() {
            for (PostureState s : PostureState.values()) {
                if (s == SLOUCHED) continue;
                AlertPolicy p = new AlertPolicy(SLOUCH_ONLY);
                assertTrue(run(p, 0, 3600, s, new ArrayList<>()).isEmpty(), s.label());
            }
        }

        @Test
        void randomStateSequencesAlertOnlyInTheRightState() {
            Random rnd = new Random(7);
            PostureState[] states = PostureState.values();
            for (int trial = 0; trial < 20; trial++) {
                AlertPolicy p = new AlertPolicy(AlertParams.DEFAULTS.withMovementBreak(true, 300, 20).withMinGapSeconds(0));
                double t = 0;
                int events = 0;
                while (t < 4 * 3600) {
                    PostureState s = states[rnd.nextInt(states.length)];
                    double until = t + rnd.nextDouble() * (s == SLOUCHED ? 200 : 60);
                    for (; t < until; t += 0.5) {
                        Optional<AlertEvent> e = p.update(t, s, null);
                        if (e.isEmpty()) continue;
                        events++;
                        AlertKind k = e.get().kind();
                        if (k == AlertKind.MOVEMENT_BREAK) {
                            assertTrue(s.isSeated(), "movement break in " + s);
                        } else {
                            assertEquals(SLOUCHED, s, k + " in " + s);
                        }
                    }
                }
                assertTrue(events > 0, "the sequence should have produced some alerts");
            }
        }
    }

    @Nested
    class Reminders {
        @Test
        void remindersFollowTheGrowingIntervalAndStopAtTheLimit() {
            AlertPolicy p = new AlertPolicy(SLOUCH_ONLY);
            List<AlertEvent> events = run(p, 0, 3600, SLOUCHED, new ArrayList<>());
            assertEquals(1 + SLOUCH_ONLY.maxReminders(), events.size());
            double expected = 30;
            assertEquals(AlertKind.SLOUCH, events.get(0).kind());
            for (int i = 1; i < events.size(); i++) {
                expected += SLOUCH_ONLY.reminderIntervalSeconds(i - 1);
                AlertEvent r = events.get(i);
                assertEquals(AlertKind.REMINDER, r.kind());
                assertEquals(i, r.reminderNumber());
                assertEquals(HapticPattern.REMINDER, r.haptic());
                assertEquals(expected, r.tSeconds(), 0.11 * i);
            }
        }

        @Test
        void intervalLimitCapsTheGrowth() {
            AlertPolicy p = new AlertPolicy(SLOUCH_ONLY.withReminders(60, 10, 100, 4).withMinGapSeconds(0));
            List<AlertEvent> events = run(p, 0, 3600, SLOUCHED, new ArrayList<>());
            assertEquals(5, events.size());
            assertEquals(60, events.get(1).tSeconds() - events.get(0).tSeconds(), 0.11);
            for (int i = 2; i < 5; i++) {
                assertEquals(100, events.get(i).tSeconds() - events.get(i - 1).tSeconds(), 0.11);
            }
        }

        @Test
        void noReminderOnceTheWearerSatUp() {
            AlertPolicy p = new AlertPolicy(SLOUCH_ONLY);
            List<AlertEvent> events = new ArrayList<>();
            run(p, 0, 40, SLOUCHED, events);
            run(p, 40, 600, UPRIGHT, events);
            assertEquals(1, events.size());
        }
    }

    @Nested
    class MinimumGap {
        @Test
        void newEpisodeRightAfterAnAlertWaitsForTheGap() {
            AlertPolicy p = new AlertPolicy(SLOUCH_ONLY);
            List<AlertEvent> events = new ArrayList<>();
            run(p, 0, 35, SLOUCHED, events);
            run(p, 35, 45, UPRIGHT, events);
            run(p, 45, 200, SLOUCHED, events);
            assertEquals(2, delivered(events).size());
            // hold reached at 75, but the first buzz was at 30: the second comes at 30 + 120
            assertEquals(30 + SLOUCH_ONLY.minGapSeconds(), events.get(1).tSeconds(), 0.11);
            assertEquals(AlertKind.SLOUCH, events.get(1).kind());
        }

        @Test
        void waitingAlertLapsesWhenTheWearerSitsUpMeanwhile() {
            AlertPolicy p = new AlertPolicy(SLOUCH_ONLY);
            List<AlertEvent> events = new ArrayList<>();
            run(p, 0, 35, SLOUCHED, events);
            run(p, 35, 45, UPRIGHT, events);
            run(p, 45, 100, SLOUCHED, events);
            run(p, 100, 400, UPRIGHT, events);
            assertEquals(1, events.size());
        }
    }

    @Nested
    class Snooze {
        @Test
        void snoozedAlertIsHeldBackAndCountedThenAReminderGetsThroughAfterwards() {
            AlertPolicy p = new AlertPolicy(SLOUCH_ONLY.withSnoozeSeconds(60));
            p.snooze(0);
            assertTrue(p.isSnoozed(59));
            List<AlertEvent> events = run(p, 0, 200, SLOUCHED, new ArrayList<>());
            assertEquals(2, events.size());
            assertEquals(Delivery.SNOOZED, events.get(0).delivery());
            assertTrue(events.get(0).reason().contains("snoozed"));
            assertEquals(AlertKind.REMINDER, events.get(1).kind());
            assertTrue(events.get(1).delivered());
            assertEquals(1, p.count(Delivery.SNOOZED));
            assertEquals(0, p.deliveredCount(AlertKind.SLOUCH));
        }

        @Test
        void cancelledSnoozeNoLongerHoldsBack() {
            AlertPolicy p = new AlertPolicy(SLOUCH_ONLY);
            p.snoozeUntil(1000);
            p.cancelSnooze();
            List<AlertEvent> events = run(p, 0, 40, SLOUCHED, new ArrayList<>());
            assertTrue(events.get(0).delivered());
        }
    }

    @Nested
    class QuietWindows {
        @Test
        void alertInsideAQuietWindowIsHeldBackOutsideDelivered() {
            // local midnight fell at t = -12 h, so t = 0 is noon; quiet from 12:00 to 12:10
            AlertParams params = SLOUCH_ONLY.withQuietWindows(List.of(QuietWindow.of(12, 0, 12, 10)));
            AlertPolicy p = new AlertPolicy(params, new LocalClock(-12 * 3600));
            List<AlertEvent> events = new ArrayList<>();
            run(p, 0, 40, SLOUCHED, events);
            run(p, 40, 700, UPRIGHT, events);
            run(p, 700, 740, SLOUCHED, events);
            assertEquals(2, events.size());
            assertEquals(Delivery.QUIET_WINDOW, events.get(0).delivery());
            assertEquals(Delivery.DELIVERED, events.get(1).delivery());
            assertEquals(1, p.count(Delivery.QUIET_WINDOW));
        }

        @Test
        void newClockAnchorMovesTheWindow() {
            AlertParams params = SLOUCH_ONLY.withQuietWindows(List.of(QuietWindow.of(0, 0, 1, 0)));
            AlertPolicy p = new AlertPolicy(params, new LocalClock(-7200));
            p.setLocalClock(new LocalClock(0));
            List<AlertEvent> events = run(p, 0, 40, SLOUCHED, new ArrayList<>());
            assertEquals(Delivery.QUIET_WINDOW, events.get(0).delivery());
        }
    }

    @Nested
    class DailyBudget {
        private List<AlertEvent> episodes(AlertPolicy p, double from, int count) {
            List<AlertEvent> events = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                double t0 = from + k * 300;
                run(p, t0, t0 + 40, SLOUCHED, events);
                run(p, t0 + 40, t0 + 300, UPRIGHT, events);
            }
            return events;
        }

        @Test
        void budgetStopsDeliveryAndSaysWhy() {
            AlertPolicy p = new AlertPolicy(SLOUCH_ONLY.withDailyBudget(2));
            List<AlertEvent> events = episodes(p, 0, 4);
            assertEquals(4, events.size());
            assertEquals(2, delivered(events).size());
            assertEquals(Delivery.DAILY_BUDGET, events.get(2).delivery());
            assertEquals(Delivery.DAILY_BUDGET, events.get(3).delivery());
            assertEquals(2, p.count(Delivery.DAILY_BUDGET));
            assertEquals(2, p.deliveredToday());
        }

        @Test
        void budgetResetsAtLocalMidnight() {
            // midnight at t = 2000 s: two episodes before it, two after
            AlertPolicy p = new AlertPolicy(SLOUCH_ONLY.withDailyBudget(1), new LocalClock(2000));
            List<AlertEvent> events = episodes(p, 1000, 2);
            events.addAll(episodes(p, 2100, 2));
            assertEquals(List.of(Delivery.DELIVERED, Delivery.DAILY_BUDGET, Delivery.DELIVERED, Delivery.DAILY_BUDGET),
                    events.stream().map(AlertEvent::delivery).toList());
        }
    }

    @Nested
    class MovementBreak {
        private final AlertParams params = SLOUCH_ONLY.withMovementBreak(true, 2700, 60);

        @Test
        void longSittingEarnsABreakAtTheSetTime() {
            AlertPolicy p = new AlertPolicy(params);
            List<AlertEvent> events = run(p, 0, 3000, UPRIGHT, new ArrayList<>());
            assertEquals(1, events.size());
            assertEquals(AlertKind.MOVEMENT_BREAK, events.get(0).kind());
            assertEquals(2700, events.get(0).tSeconds(), 0.11);
            assertEquals(HapticPattern.MOVEMENT_BREAK, events.get(0).haptic());
        }

        @Test
        void standingLongEnoughResetsTheSittingClockShortStandingDoesNot() {
            AlertPolicy p = new AlertPolicy(params);
            List<AlertEvent> events = new ArrayList<>();
            run(p, 0, 2000, UPRIGHT, events);
            run(p, 2000, 2030, STANDING, events);
            run(p, 2030, 2800, LEANING, events);
            assertEquals(1, events.size(), "30 s of standing is not a break");
            assertEquals(2730, events.get(0).tSeconds(), 0.11);

            AlertPolicy q = new AlertPolicy(params);
            List<AlertEvent> none = new ArrayList<>();
            run(q, 0, 2000, UPRIGHT, none);
            run(q, 2000, 2030, STANDING, none);
            run(q, 2030, 2070, WALKING, none);
            run(q, 2070, 4700, UPRIGHT, none);
            assertTrue(none.isEmpty(), "70 s on the feet is a break");
            assertTrue(q.sittingSeconds() < 2700);
        }

        @Test
        void noSignalAndCalibratingDoNotCountAsSitting() {
            AlertPolicy p = new AlertPolicy(params);
            List<AlertEvent> events = new ArrayList<>();
            run(p, 0, 2000, UPRIGHT, events);
            run(p, 2000, 4000, NO_SIGNAL, events);
            run(p, 4000, 4500, CALIBRATING, events);
            run(p, 4500, 5300, UPRIGHT, events);
            assertEquals(1, events.size());
            assertEquals(5200, events.get(0).tSeconds(), 0.11);
        }

        @Test
        void disabledMeansNoBreakEver() {
            AlertPolicy p = new AlertPolicy(SLOUCH_ONLY);
            assertTrue(run(p, 0, 4 * 3600, UPRIGHT, new ArrayList<>()).isEmpty());
        }

        @Test
        void slouchTakesPriorityWhenBothWaitForTheGap() {
            AlertPolicy p = new AlertPolicy(SLOUCH_ONLY.withMovementBreak(true, 300, 60));
            List<AlertEvent> events = new ArrayList<>();
            run(p, 0, 200, UPRIGHT, events);
            run(p, 200, 235, SLOUCHED, events);
            run(p, 235, 245, UPRIGHT, events);
            run(p, 245, 400, SLOUCHED, events);
            run(p, 400, 700, UPRIGHT, events);
            // second slouch due at 275 and break due at 300 both wait for the gap after 230
            assertEquals(List.of(AlertKind.SLOUCH, AlertKind.SLOUCH, AlertKind.MOVEMENT_BREAK),
                    events.stream().map(AlertEvent::kind).toList());
            assertEquals(230, events.get(0).tSeconds(), 0.11);
            assertEquals(350, events.get(1).tSeconds(), 0.11);
            assertEquals(470, events.get(2).tSeconds(), 0.11);
        }
    }

    @Nested
    class HotPath {
        @Test
        void updatesAllocateOnlyForEvents() {
            AlertPolicy p = new AlertPolicy(AlertParams.DEFAULTS.withQuietWindows(List.of(QuietWindow.of(12, 0, 13, 0))));
            PostureState[] cycle = {UPRIGHT, UPRIGHT, SLOUCHED, LEANING, NO_SIGNAL, STANDING};
            // the warm-up meets every event path once (slouch, reminders, movement break), so the
            // one-time linking of their message formatting is not measured
            for (int i = 0; i < 100_000; i++) p.update(i * 0.1, cycle[i % cycle.length], null);
            long[] events = new long[1];
            long bytes = Allocations.during(() -> {
                for (int i = 100_000; i < 200_000; i++) {
                    if (p.update(i * 0.1, cycle[i % cycle.length], PosturePattern.FORWARD_LEAN).isPresent()) events[0]++;
                }
            });
            assertTrue(events[0] >= 1 && events[0] <= 4, events[0] + " events");
            // an event costs a few hundred bytes; any allocation per update would cost at least
            // 16 bytes each of the 100 000 times
            assertTrue(bytes < 1024 * events[0] + 50_000, bytes + " bytes for " + events[0] + " events");
        }
    }

    @Nested
    class BadInput {
        @Test
        void timeGoingBackwardsIsCountedAndIgnored() {
            AlertPolicy p = new AlertPolicy(SLOUCH_ONLY);
            run(p, 0, 20, SLOUCHED, new ArrayList<>());
            assertTrue(p.update(5, SLOUCHED, null).isEmpty());
            assertTrue(p.update(Double.NaN, SLOUCHED, null).isEmpty());
            assertTrue(p.update(21, null, null).isEmpty());
            assertEquals(3, p.outOfOrderCount());
            List<AlertEvent> events = run(p, 20, 40, SLOUCHED, new ArrayList<>());
            assertEquals(30, events.get(0).tSeconds(), 0.11);
        }
    }
}
