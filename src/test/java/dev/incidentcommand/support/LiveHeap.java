package dev.incidentcommand.support;

import java.lang.management.ManagementFactory;

import javax.management.JMException;
import javax.management.ObjectName;

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

    /** Live instances of the class named {@code className} (a class histogram, which collects first). */
    public static long instances(String className) {
        try {
            String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            for (String line : histogram.split("\n")) {
                String[] columns = line.trim().split("\\s+");
                if (columns.length >= 4 && columns[3].equals(className)) {
                    return Long.parseLong(columns[1]);
                }
            }
            return 0;
        } catch (JMException e) {
            throw new IllegalStateException("No class histogram from this JVM", e);
        }
    }

    private static long used() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
