package io.spinewatch.pipeline;

import io.spinewatch.sim.*;
import io.spinewatch.posture.*;
import org.junit.jupiter.api.Test;

class ExploreCase {
    @Test
    void explore() {
        String which = System.getProperty("case", "office-1004/none");
        double from = Double.parseDouble(System.getProperty("from", "380"));
        double to = Double.parseDouble(System.getProperty("to", "480"));
        for (ScenarioSuiteTest.Case c : ScenarioSuiteTest.cases()) {
            if (!c.name().equals(which)) continue;
            ScenarioRun r = ScenarioRun.run(c.session(), c.noise(), c.mountings(), ScenarioSuiteTest.PARAMS, ScenarioRun.ALL);
            for (Session.Episode e : c.session().episodes()) if (e.endS() > from && e.startS() < to) System.out.printf("truth %7.1f-%7.1f %s %s%n", e.startS(), e.endS(), e.state().label(), e.activity());
            for (StateChange ch : r.changes) if (ch.tSeconds() > from - 100 && ch.tSeconds() < to) System.out.printf("   ours %7.1f %s %s%n", ch.tSeconds(), ch.to().label(), ch.pattern().map(PosturePattern::label).orElse(""));
            r.alerts.forEach(a -> { if (a.tSeconds() > from && a.tSeconds() < to) System.out.printf("   alert %7.1f %s%n", a.tSeconds(), a.kind().label()); });
            r.drills.forEach(d -> System.out.println("   set " + d));
            r.statuses.forEach(a -> { if (a.tSeconds() > from && a.tSeconds() < to) System.out.printf("   status %7.1f %s %s%n", a.tSeconds(), a.slot().label(), a.silent()); });
            for (int k = 0; k < r.angles.size(); k += 10) {
                SpineAngles a = r.angles.get(k);
                if (a.tSeconds() < from || a.tSeconds() > to) continue;
                double[] t = r.truth.get(r.truthIndex(a.tSeconds()));
                System.out.printf("   %7.1f L %6.1f/%6.1f T %6.1f/%6.1f P %6.1f/%6.1f lean %6.1f/%6.1f %s %s%n", a.tSeconds(), a.lumbarFlexionDeg(), t[1], a.thoracicFlexionDeg(), t[2], a.pelvicTiltDeg(), t[3], a.trunkLeanDeg(), t[4], r.states.get(k).label(), r.truthStates.get(r.truthIndex(a.tSeconds())).label());
            }
        }
    }
}
