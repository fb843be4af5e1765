package io.spinewatch.feedback;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;

/** Measures bytes allocated by the current thread, for the allocation-free hot-path tests. */
final class Allocations {
    private Allocations() {
    }

    /** Bytes the current thread allocated while running {@code body}; skips the test when the JVM cannot tell. */
    static long during(Runnable body) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter in this JVM");
        com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(sun.isThreadAllocatedMemorySupported() && sun.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counter disabled");
        long before = sun.getCurrentThreadAllocatedBytes();
        body.run();
        return sun.getCurrentThreadAllocatedBytes() - before;
    }
}
