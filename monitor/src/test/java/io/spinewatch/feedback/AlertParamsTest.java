package io.spinewatch.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AlertParamsTest {

    @Nested
    class Defaults {
        @Test
        void defaultsMatchTheDocumentedConstants() {
            AlertParams p = AlertParams.DEFAULTS;
            assertEquals(AlertParams.DEFAULT_HOLD_SECONDS, p.holdSeconds());
            assertEquals(AlertParams.DEFAULT_BRIDGE_SECONDS, p.bridgeSeconds());
            assertEquals(AlertParams.DEFAULT_MAX_REMINDERS, p.maxReminders());
            assertEquals(AlertParams.DEFAULT_DAILY_BUDGET, p.dailyBudget());
            assertEquals(AlertParams.DEFAULT_MOVEMENT_BREAK_SECONDS, p.movementBreakSeconds());
            assertTrue(p.quietWindows().isEmpty());
            assertTrue(p.movementBreakEnabled());
        }

        @Test
        void defaultBridgeIsShorterThanHoldSoABlipCannotCarryAnAlertAlone() {
            assertTrue(AlertParams.DEFAULTS.bridgeSeconds() < AlertParams.DEFAULTS.holdSeconds());
        }
    }

    @Nested
    class Validation {
        @Test
        void holdOutsideRangeIsRejected() {
            assertThrows(IllegalArgumentException.class, () -> AlertParams.DEFAULTS.withHoldSeconds(-1));
            assertThrows(IllegalArgumentException.class, () -> AlertParams.DEFAULTS.withHoldSeconds(601));
            assertThrows(IllegalArgumentException.class, () -> AlertParams.DEFAULTS.withHoldSeconds(Double.NaN));
            assertEquals(0, AlertParams.DEFAULTS.withHoldSeconds(0).holdSeconds());
            assertEquals(600, AlertParams.DEFAULTS.withHoldSeconds(600).holdSeconds());
        }

        @Test
        void reminderLimitBelowFirstIntervalIsRejected() {
            assertThrows(IllegalArgumentException.class, () -> AlertParams.DEFAULTS.withReminders(300, 2, 200, 2));
            assertThrows(IllegalArgumentException.class, () -> AlertParams.DEFAULTS.withReminders(120, 0.5, 600, 2));
            assertThrows(IllegalArgumentException.class, () -> AlertParams.DEFAULTS.withReminders(120, 2, 600, -1));
        }

        @Test
        void budgetAndBreakLimitsAreEnforced() {
            assertThrows(IllegalArgumentException.class, () -> AlertParams.DEFAULTS.withDailyBudget(0));
            assertThrows(IllegalArgumentException.class, () -> AlertParams.DEFAULTS.withMovementBreak(true, 60, 60));
            assertThrows(IllegalArgumentException.class, () -> AlertParams.DEFAULTS.withMovementBreak(true, 2700, 1));
            assertThrows(IllegalArgumentException.class, () -> AlertParams.DEFAULTS.withSnoozeSeconds(10));
            assertThrows(IllegalArgumentException.class, () -> AlertParams.DEFAULTS.withQuietWindows(null));
        }

        @Test
        void quietWindowsAreCopiedSoTheCallerCannotChangeThemLater() {
            List<QuietWindow> mutable = new ArrayList<>();
            mutable.add(QuietWindow.of(12, 0, 13, 0));
            AlertParams p = AlertParams.DEFAULTS.withQuietWindows(mutable);
            mutable.clear();
            assertEquals(1, p.quietWindows().size());
        }
    }

    @Nested
    class ReminderIntervals {
        @Test
        void intervalsGrowGeometricallyUpToTheLimit() {
            AlertParams p = AlertParams.DEFAULTS.withReminders(60, 3, 500, 5);
            assertEquals(60, p.reminderIntervalSeconds(0), 1e-9);
            assertEquals(180, p.reminderIntervalSeconds(1), 1e-9);
            assertEquals(500, p.reminderIntervalSeconds(2), 1e-9);
            assertEquals(500, p.reminderIntervalSeconds(4), 1e-9);
        }

        @Test
        void growthOfOneKeepsTheIntervalConstant() {
            AlertParams p = AlertParams.DEFAULTS.withReminders(90, 1, 90, 3);
            for (int i = 0; i < 3; i++) {
                assertEquals(90, p.reminderIntervalSeconds(i), 1e-9);
            }
        }
    }

    @Nested
    class QuietWindows {
        @Test
        void plainWindowIsHalfOpen() {
            QuietWindow w = QuietWindow.of(12, 0, 13, 30);
            assertFalse(w.contains(12 * 3600 - 1));
            assertTrue(w.contains(12 * 3600));
            assertTrue(w.contains(13 * 3600 + 1799));
            assertFalse(w.contains(13 * 3600 + 1800));
        }

        @Test
        void windowPastMidnightWraps() {
            QuietWindow night = QuietWindow.of(22, 0, 7, 0);
            assertTrue(night.contains(23 * 3600));
            assertTrue(night.contains(0));
            assertTrue(night.contains(6 * 3600 + 3599));
            assertFalse(night.contains(7 * 3600));
            assertFalse(night.contains(12 * 3600));
        }

        @Test
        void emptyOrWholeDayOrOutOfRangeIsRejected() {
            assertThrows(IllegalArgumentException.class, () -> new QuietWindow(100, 100));
            assertThrows(IllegalArgumentException.class, () -> new QuietWindow(0, 86_400));
            assertThrows(IllegalArgumentException.class, () -> new QuietWindow(-1, 100));
            assertThrows(IllegalArgumentException.class, () -> new QuietWindow(86_400, 100));
        }
    }

    @Nested
    class Clock {
        @Test
        void dayIndexAndSecondOfDayFollowTheMidnightAnchor() {
            LocalClock c = new LocalClock(1000);
            assertEquals(-1, c.dayIndex(999));
            assertEquals(0, c.dayIndex(1000));
            assertEquals(1, c.dayIndex(1000 + 86_400));
            assertEquals(86_399, c.secondOfDay(999), 1e-9);
            assertEquals(3600, c.secondOfDay(1000 + 86_400 + 3600), 1e-9);
        }

        @Test
        void nonFiniteAnchorIsRejected() {
            assertThrows(IllegalArgumentException.class, () -> new LocalClock(Double.NaN));
        }
    }

    @Nested
    class Haptics {
        @Test
        void reminderIsGentlerThanTheSlouchAlert() {
            assertTrue(HapticPattern.REMINDER.intensity() < HapticPattern.SLOUCH.intensity());
            assertTrue(HapticPattern.REMINDER.energy() < HapticPattern.SLOUCH.energy());
        }

        @Test
        void everyKindHasAPatternAndTheyDifferInRhythm() {
            for (AlertKind a : AlertKind.values()) {
                for (AlertKind b : AlertKind.values()) {
                    if (a != b) {
                        assertTrue(HapticPattern.defaultFor(a).pulses() != HapticPattern.defaultFor(b).pulses(), a + " vs " + b);
                    }
                }
            }
        }

        @Test
        void totalDurationCountsPulsesAndGaps() {
            assertEquals(3 * 150 + 2 * 200, HapticPattern.MOVEMENT_BREAK.totalMs());
            assertEquals(120, HapticPattern.REMINDER.totalMs());
        }

        @Test
        void invalidPatternsAreRejected() {
            assertThrows(IllegalArgumentException.class, () -> new HapticPattern(0, 100, 100, 0.5));
            assertThrows(IllegalArgumentException.class, () -> new HapticPattern(2, 100, 10, 0.5));
            assertThrows(IllegalArgumentException.class, () -> new HapticPattern(1, 100, 0, 0));
            assertThrows(IllegalArgumentException.class, () -> new HapticPattern(1, 100, 0, 1.5));
            assertThrows(IllegalArgumentException.class, () -> new HapticPattern(1, 5, 0, 0.5));
        }

        @Test
        void kindLabelsAreTheReportNames() {
            assertEquals("slouch", AlertKind.SLOUCH.label());
            assertEquals("reminder", AlertKind.REMINDER.label());
            assertEquals("movement_break", AlertKind.MOVEMENT_BREAK.label());
            for (AlertKind k : AlertKind.values()) {
                assertEquals(k, AlertKind.ofLabel(k.label()));
            }
        }
    }
}
