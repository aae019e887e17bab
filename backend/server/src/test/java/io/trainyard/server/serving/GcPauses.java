package io.trainyard.server.serving;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The stop-the-world collections of a benchmark phase and how long each took (the JVM's own GC notifications),
 * so a run's p99 can be read next to the pauses that caused it. Collectors that run concurrently with the
 * application (G1's and ZGC's concurrent cycles) are left out: they do not stop requests.
 */
final class GcPauses implements NotificationListener, AutoCloseable {

    private final List<Long> millis = new CopyOnWriteArrayList<>();

    private GcPauses() {
    }

    static GcPauses record() {
        GcPauses pauses = new GcPauses();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener(pauses, null, null);
        }
        return pauses;
    }

    /** The collectors of this JVM, e.g. "G1 Young Generation, G1 Old Generation". */
    static String collectors() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", "));
    }

    List<Long> millis() {
        return List.copyOf(millis);
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        if (!info.getGcName().contains("Cycles") && !info.getGcName().contains("Concurrent")) {
            millis.add(info.getGcInfo().getDuration());
        }
    }

    @Override
    public void close() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            try {
                ((NotificationEmitter) gc).removeNotificationListener(this);
            } catch (ListenerNotFoundException ignored) {
                // never added to this one
            }
        }
    }
}
