package org.backpackbatch.restore;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.backpackbatch.api.BackpackException;

/**
 * Every create of a restore goes through here, and so through the id map: a record the map knows
 * is not created again; a create in flight whose answer was lost is settled by adopting an exact
 * match in the target before creating again; a create the server refuses is reported with its
 * unit (a page, or one of the account's resources) instead of failing the run.
 */
final class MappedCreates {

    /** Creates whose answer was lost, found nowhere in the target, before the run gives up on a record for now. */
    static final int MAX_UNCERTAIN_CREATES = 3;

    private final RestoreLedger ledger;
    private final RestoreLedger.Run run;
    private final RestoreTally tally;

    MappedCreates(RestoreLedger ledger, RestoreLedger.Run run, RestoreTally tally) {
        this.ledger = ledger;
        this.run = run;
        this.tally = tally;
    }

    /**
     * The target id of a source record: the known one, an adopted exact match for a create whose
     * answer was lost, or a new one. Null when the server refused it (reported with {@code unitId}).
     */
    Long ensure(long unitId, RestoreKind kind, long sourceId, String what, LongSupplier create, Supplier<Long> adopt) {
        RestoreLedger.Mapping mapping = ledger.mapping(run.targetAccountId(), kind, sourceId);
        if (mapping != null && !mapping.inFlight()) {
            return mapping.targetId();
        }
        if (mapping != null) {
            Long adopted = adopt.get();
            if (adopted != null) {
                ledger.learn(run.targetAccountId(), kind, sourceId, adopted);
                return adopted;
            }
        }
        ledger.intend(run.targetAccountId(), kind, sourceId);
        for (int attempt = 1; ; attempt++) {
            try {
                long created = create.getAsLong();
                ledger.learn(run.targetAccountId(), kind, sourceId, created);
                tally.sent(RestoreTally.Request.of(kind));
                return created;
            } catch (BackpackException e) {
                if (e.kind() == BackpackException.Kind.UNCERTAIN) {
                    Long adopted = adopt.get();
                    if (adopted != null) {
                        ledger.learn(run.targetAccountId(), kind, sourceId, adopted);
                        tally.sent(RestoreTally.Request.of(kind));
                        return adopted;
                    }
                    if (attempt < MAX_UNCERTAIN_CREATES) {
                        continue;
                    }
                    // the in-flight entry stays: the next run looks for the record again before creating it
                    throw e;
                }
                if (e.kind() == BackpackException.Kind.REFUSED) {
                    ledger.unrestorable(run.id(), new RestoreLedger.Unrestorable(unitId, what, "the server refused it: " + e.getMessage()));
                    return null;
                }
                throw e;
            }
        }
    }

    /** The newest target record that matches exactly and is not some other source record's already. */
    <T> Long adopt(List<T> candidates, RestoreKind kind, Function<T, Long> idOf, Predicate<T> matches) {
        Set<Long> taken = ledger.mappedTargets(run.targetAccountId(), kind);
        return candidates.stream().filter(matches).map(idOf).filter(id -> !taken.contains(id))
                .max(Comparator.naturalOrder()).orElse(null);
    }

    /** A read of the target a create needed, counted. */
    <T> T read(Supplier<T> request) {
        tally.sent(RestoreTally.Request.READS);
        return request.get();
    }
}
