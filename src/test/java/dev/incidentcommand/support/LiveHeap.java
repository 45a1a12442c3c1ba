package dev.incidentcommand.support;

import java.lang.management.ManagementFactory;

/** The heap this JVM still uses after garbage collection: what it retains, not what it has allocated. */
public final class LiveHeap {

    private LiveHeap() {
    }

    /** Heap in use after full collections, once another collection no longer frees much. */
    public static long measure() {
        long previous = Long.MAX_VALUE;
        long used = used();
        for (int i = 0; i < 10 && used < previous - 256 * 1024; i++) {
            previous = used;
            System.gc();
            used = used();
        }
        return used;
    }

    private static long used() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
