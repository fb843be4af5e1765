package io.spinewatch.pipeline;

import io.spinewatch.feedback.AlertEvent;
import io.spinewatch.feedback.AlertKind;
import io.spinewatch.feedback.DrillCatalogue;
import io.spinewatch.feedback.DrillSet;
import io.spinewatch.posture.CalibrationResult;
import io.spinewatch.posture.PostureState;
import io.spinewatch.posture.SpineAngles;
import io.spinewatch.protocol.SensorSlot;
import io.spinewatch.sim.Mountings;
import io.spinewatch.sim.SensorNoise;
import io.spinewatch.sim.Session;
import io.spinewatch.sim.SimulatedSample;
import io.spinewatch.sim.Simulation;
import io.spinewatch.sim.SimulationListener;
import io.spinewatch.sim.SimulationResult;
import io.spinewatch.sim.TruthFrame;
import io.spinewatch.sim.TruthState;
import java.util.ArrayList;
import java.util.List;

/** Runs a simulated session through a {@link WearerPipeline} in memory and keeps what both produced. */
final class ScenarioRun implements PostureListener {
    static final DrillCatalogue CATALOGUE = DrillCatalogue.bundled();

    final Session session;
    final List<double[]> truth = new ArrayList<>(); // t, lumbar, thoracic, tilt, lean
    final List<TruthState> truthStates = new ArrayList<>();
    final List<SpineAngles> angles = new ArrayList<>();
    final List<PostureState> states = new ArrayList<>();
    final List<AlertEvent> alerts = new ArrayList<>();
    final List<DrillSet> drills = new ArrayList<>();
    final List<StateChange> changes = new ArrayList<>();
    final List<CalibrationResult> calibrations = new ArrayList<>();
    final List<SensorStatus> statuses = new ArrayList<>();
    SimulationResult result;
    WearerPipeline pipeline;

    ScenarioRun(Session session) {
        this.session = session;
    }

    static ScenarioRun run(Session session, SensorNoise noise, Mountings mountings, PipelineParams params, int sensorMask) {
        ScenarioRun r = new ScenarioRun(session);
        WearerPipeline p = new WearerPipeline(params, CATALOGUE, r);
        r.pipeline = p;
        p.calibrateDuring(session.calibration().startS(), session.calibration().endS());
        Simulation.Config config = Simulation.Config.of(100, noise, mountings).withTruthRate(10);
        r.result = Simulation.run(session, config, new SimulationListener() {
            @Override
            public void onSample(SimulatedSample s) {
                if ((sensorMask & (1 << s.slot().ordinal())) != 0) {
                    p.onSample(s.imu());
                }
            }

            @Override
            public void onTruth(TruthFrame f) {
                r.truth.add(new double[] {f.tS(), f.lumbarFlexionDeg(), f.thoracicFlexionDeg(), f.pelvicTiltDeg(), f.trunkLeanDeg()});
                r.truthStates.add(f.state());
            }
        });
        p.finish();
        return r;
    }

    static final int ALL = 7;

    /** Truth row nearest wearer time t (truth at 10 Hz). */
    int truthIndex(double t) {
        int i = (int) Math.round(t * 10);
        return Math.max(0, Math.min(truth.size() - 1, i));
    }

    List<AlertEvent> slouchAlerts() {
        return alerts.stream().filter(a -> a.kind() == AlertKind.SLOUCH).toList();
    }

    @Override
    public void onCalibration(CalibrationResult result) {
        calibrations.add(result);
    }

    @Override
    public void onStateChange(StateChange change) {
        changes.add(change);
    }

    @Override
    public void onAngles(SpineAngles a, PostureState state) {
        angles.add(a);
        states.add(state);
    }

    @Override
    public void onAlert(AlertEvent alert) {
        alerts.add(alert);
    }

    @Override
    public void onDrillSet(DrillSet set) {
        drills.add(set);
    }

    @Override
    public void onSensorStatus(SensorStatus status) {
        statuses.add(status);
    }
}
