package org.backpackbatch.emulator.seed;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** The ids an emulator would hand out: consecutive, from a chosen first one. */
final class IdSequence {

    private IdSequence() {
    }

    static LongSupplier startingAt(long first) {
        AtomicLong next = new AtomicLong(first);
        return next::getAndIncrement;
    }
}
