package org.wijklab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ec.util.MersenneTwisterFast;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class BlocksTest {
    @Test
    void theBlocksCoverEverySlotOnceWhateverTheThreads() {
        int capacity = 3 * Blocks.SIZE + 17;
        for (int threads : new int[] {1, 2, 7}) {
            Blocks blocks = new Blocks(capacity, new MersenneTwisterFast(5), threads);
            assertEquals(4, blocks.count());
            AtomicIntegerArray visits = new AtomicIntegerArray(capacity);
            blocks.forEach(b -> {
                for (int slot = blocks.from(b); slot < blocks.to(b); slot++) {
                    visits.incrementAndGet(slot);
                }
            });
            for (int slot = 0; slot < capacity; slot++) {
                assertEquals(1, visits.get(slot), "slot " + slot + " with " + threads + " threads");
            }
            assertTrue(blocks.threads() <= blocks.count());
            blocks.close();
        }
    }

    @Test
    void theStreamsDependOnTheSeedNotOnTheThreads() {
        Blocks one = new Blocks(10 * Blocks.SIZE, new MersenneTwisterFast(9), 1);
        Blocks two = new Blocks(10 * Blocks.SIZE, new MersenneTwisterFast(9), 2);
        for (int b = 0; b < one.count(); b++) {
            assertEquals(one.random(b).nextLong(), two.random(b).nextLong(), "block " + b);
        }
        // and the blocks' streams differ from each other
        assertTrue(one.random(0).nextLong() != one.random(1).nextLong());
        two.close();
    }

    @Test
    void aFailureInAWorkerReachesTheCaller() {
        Blocks blocks = new Blocks(8 * Blocks.SIZE, new MersenneTwisterFast(1), 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> blocks.forEach(b -> {
            if (b == 5) {
                throw new IllegalStateException("block 5 failed");
            }
        }));
        assertEquals("block 5 failed", e.getMessage());
        blocks.close();
        assertThrows(IllegalArgumentException.class, () -> new Blocks(10, new MersenneTwisterFast(1), 0));
    }
}
