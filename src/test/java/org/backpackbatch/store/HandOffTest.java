package org.backpackbatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class HandOffTest {

    @Test
    void theConsumerTakesEveryItemInTheOrderHandedOnAThreadOfItsOwn() {
        List<Integer> taken = new ArrayList<>();
        AtomicReference<Thread> consumerThread = new AtomicReference<>();
        try (HandOff<Integer> handOff = new HandOff<>("test-consumer", 7, 2, item -> {
            consumerThread.set(Thread.currentThread());
            taken.add(item);
        })) {
            for (int i = 0; i < 1000; i++) {
                handOff.accept(i);
            }
            handOff.finish();
        }
        assertThat(taken).hasSize(1000).isSorted().startsWith(0, 1, 2).endsWith(998, 999);
        assertThat(consumerThread.get()).isNotSameAs(Thread.currentThread());
        assertThat(consumerThread.get().getName()).isEqualTo("test-consumer");
    }

    @Test
    void aConsumersFailureReachesTheHandingThreadAndStopsTheConsumer() {
        AtomicInteger taken = new AtomicInteger();
        IllegalStateException broken = new IllegalStateException("disk full");
        HandOff<Integer> handOff = new HandOff<>("test-consumer", 4, 1, item -> {
            if (taken.incrementAndGet() == 10) {
                throw broken;
            }
        });
        try (handOff) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 1_000_000; i++) {
                    handOff.accept(i);
                }
                handOff.finish();
            }).isSameAs(broken);
        }
        // nothing was consumed after the failure, and the reading stopped long before its million
        assertThat(taken.get()).isEqualTo(10);
    }

    @Test
    @Timeout(60)
    void closingWithoutFinishingStopsABusyConsumerAndWaitsForItsThreadToEnd() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        AtomicReference<Thread> consumerThread = new AtomicReference<>();
        AtomicInteger taken = new AtomicInteger();
        try (HandOff<Integer> handOff = new HandOff<>("test-consumer", 1, 4, item -> {
            consumerThread.set(Thread.currentThread());
            taken.incrementAndGet();
            busy.countDown();
            try {
                // a consumer that is slow and does not heed the interrupt (it turns it into a failure)
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        })) {
            handOff.accept(1);
            handOff.accept(2);
            handOff.accept(3);
            assertThat(busy.await(1, TimeUnit.MINUTES)).isTrue();
            // the reading fails here: no finish
        }
        assertThat(consumerThread.get().isAlive()).as("the consumer's thread has ended").isFalse();
        assertThat(taken.get()).isEqualTo(1);
    }
}
