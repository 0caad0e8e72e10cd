package org.loanetl.domain.source;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The zips a source listed whose CSV members have not all committed yet: a zip is archived or deleted once, after its
 * last member, so each source remembers, per zip, the members still to commit and what it needs to clean the zip up
 * ({@code Z}: the version it was listed at, its members' offsets). Thread-safe: members commit on several threads.
 *
 * @param <K> how the source names a zip
 * @param <Z> what the source keeps of a listed zip
 */
public final class PendingZips<K, Z> {

    private record Pending<Z>(Z zip, Set<String> members) {
    }

    private final Map<K, Pending<Z>> pending = new ConcurrentHashMap<>();

    /**
     * Remembers a listed zip and its CSV members, replacing what an earlier listing kept; nothing when it has none.
     *
     * @param zip what the source keeps of it; not {@code null}
     */
    public void listed(K key, Z zip, Collection<String> members) {
        Objects.requireNonNull(zip, "zip");
        if (members.isEmpty()) {
            return;
        }
        Set<String> left = ConcurrentHashMap.newKeySet();
        left.addAll(members);
        pending.put(key, new Pending<>(zip, left));
    }

    /** What was kept of a listed zip, while some of its members are still to commit. */
    public Optional<Z> zip(K key) {
        return Optional.ofNullable(pending.get(key)).map(Pending::zip);
    }

    /**
     * Marks a member done. The zip when that was its last member still to commit, for one caller only however many
     * members finish at once; the zip is then forgotten until it is listed again. Empty otherwise, and for a zip that
     * was not listed.
     */
    public Optional<Z> lastMemberDone(K key, String member) {
        AtomicReference<Pending<Z>> last = new AtomicReference<>();
        pending.computeIfPresent(key, (k, zip) -> {
            zip.members().remove(member);
            if (!zip.members().isEmpty()) {
                return zip;
            }
            last.set(zip);
            return null;
        });
        return Optional.ofNullable(last.get()).map(Pending::zip);
    }
}
