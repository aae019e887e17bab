package io.trainyard.server.registry;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Which version a named alias points at, remembered for a few seconds so that a prediction does not query it
 * each time. A change made through this server drops the entry once it commits ({@link AliasChanged}), so it
 * takes effect here at once; the expiry bounds how long a change goes unseen that this server hears nothing of:
 * one made through another server, or a deleted version or model, or a renamed model (they publish no alias
 * event). Only aliases that exist are kept.
 */
@Component
class AliasResolutions {

    private static final Duration EXPIRY = Duration.ofSeconds(5);

    private record Key(long projectId, String model, String alias) {
    }

    private final Cache<Key, ServableVersion> cache = Caffeine.newBuilder().expireAfterWrite(EXPIRY)
            .maximumSize(10_000).build();
    /** Counts alias changes, so that a query which raced a change does not keep what it read before it. */
    private final AtomicLong changes = new AtomicLong();

    Optional<ServableVersion> get(long projectId, String model, String alias,
                                  Supplier<Optional<ServableVersion>> query) {
        Key key = new Key(projectId, model, alias);
        ServableVersion cached = cache.getIfPresent(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        long changesBefore = changes.get();
        Optional<ServableVersion> found = query.get();
        if (found.isPresent()) {
            cache.put(key, found.get());
            if (changes.get() != changesBefore) { // a change committed meanwhile: the answer may predate it
                cache.invalidate(key);
            }
        }
        return found;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(AliasChanged change) {
        changes.incrementAndGet();
        cache.invalidate(new Key(change.projectId(), change.model(), change.alias()));
    }
}
