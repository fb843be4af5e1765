package io.spinewatch.report;

import io.spinewatch.feedback.AlertEvent;
import io.spinewatch.feedback.AlertParams;
import io.spinewatch.feedback.AlertPolicy;
import io.spinewatch.history.AlertRecord;
import io.spinewatch.history.DrillRecord;
import io.spinewatch.history.EpisodeRecord;
import io.spinewatch.history.HistoryRecord;
import io.spinewatch.history.MinuteAccumulator;
import io.spinewatch.history.MinuteAggregate;
import io.spinewatch.posture.PosturePattern;
import io.spinewatch.posture.PostureState;
import io.spinewatch.sim.Mountings;
import io.spinewatch.sim.Scenario;
import io.spinewatch.sim.SensorNoise;
import io.spinewatch.sim.Session;
import io.spinewatch.sim.SimulatedSample;
import io.spinewatch.sim.Simulation;
import io.spinewatch.sim.SimulationListener;
import io.spinewatch.sim.TruthFrame;
import io.spinewatch.sim.TruthState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A simulated office day turned into history records: the simulator's truth episodes, its drills, minute
 * aggregates of the true angles (1 Hz truth), and the alerts the real alert policy raises on the true states.
 * Shared with the dashboard's tests of the report page (through the monitor's test jar).
 */
public final class SimulatedDay {
    public final List<EpisodeRecord> episodes = new ArrayList<>();
    public final List<AlertRecord> alerts = new ArrayList<>();
    public final List<DrillRecord> drills = new ArrayList<>();
    public final List<MinuteAggregate> minutes = new ArrayList<>();
    /** Seconds slouched according to the simulator's truth episodes. */
    public double truthSlouchedSeconds;

    /** Simulates {@code minutes} of a random office session for {@code seed}, starting at {@code startMillis}. */
    public static SimulatedDay of(String wearer, long startMillis, double minutesLong, long seed) {
        SimulatedDay day = new SimulatedDay();
        Session session = Scenario.randomOffice(minutesLong).compile(seed);
        for (Session.Episode e : session.episodes()) {
            long a = startMillis + Math.round(e.startS() * 1000);
            long b = startMillis + Math.round(e.endS() * 1000);
            day.episodes.add(new EpisodeRecord(wearer, a, b, e.state().label()));
            if (e.state() == TruthState.SLOUCHED) {
                day.truthSlouchedSeconds += e.endS() - e.startS();
            }
        }
        for (Session.DrillEpisode d : session.drills()) {
            day.drills.add(new DrillRecord(wearer, d.drill().label(), startMillis + Math.round(d.startS() * 1000),
                    startMillis + Math.round(d.endS() * 1000), d.reps(), seed % 2 == 0, "done"));
        }
        MinuteAccumulator acc = new MinuteAccumulator(wearer);
        AlertPolicy policy = new AlertPolicy(AlertParams.DEFAULTS);
        Simulation.Config config = Simulation.Config.of(10, SensorNoise.NONE, Mountings.conventional()).withTruthRate(1);
        Simulation.run(session, config, new SimulationListener() {
            @Override
            public void onSample(SimulatedSample s) {
                // only the truth matters here
            }

            @Override
            public void onTruth(TruthFrame f) {
                long t = startMillis + Math.round(f.tS() * 1000);
                acc.add(t, 1.0, f.state().label(), f.lumbarFlexionDeg(), f.thoracicFlexionDeg(), f.pelvicTiltDeg(),
                        f.trunkLeanDeg()).ifPresent(day.minutes::add);
                Optional<AlertEvent> a = policy.update(f.tS(), posture(f.state()), PosturePattern.POSTERIOR_PELVIC_TILT);
                a.ifPresent(e -> day.alerts.add(AlertRecord.of(wearer, t, e)));
            }
        });
        acc.finish().ifPresent(day.minutes::add);
        return day;
    }

    private static PostureState posture(TruthState s) {
        return switch (s) {
            case CALIBRATING -> PostureState.CALIBRATING;
            case UPRIGHT, DRILL -> PostureState.UPRIGHT;
            case SLOUCHED -> PostureState.SLOUCHED;
            case LEANING -> PostureState.LEANING;
            case STANDING -> PostureState.STANDING;
            case WALKING -> PostureState.WALKING;
        };
    }

    public List<HistoryRecord> records() {
        List<HistoryRecord> all = new ArrayList<>();
        all.addAll(episodes);
        all.addAll(alerts);
        all.addAll(drills);
        all.addAll(minutes);
        return all;
    }
}
