package org.fitsync.harness.load;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/**
 * The share of each operation in a simulated client's stream (docs/operations.md, "Load and capacity"): a phone
 * app syncs far more often than it records anything, and a GPS run is the rarest and largest write.
 */
public final class OperationMix {

    public static final Map<Operation, Integer> PERCENT = percentages();

    private OperationMix() {}

    private static Map<Operation, Integer> percentages() {
        Map<Operation, Integer> mix = new EnumMap<>(Operation.class);
        mix.put(Operation.SYNC_PULL, 55);
        mix.put(Operation.SYNC_PULL_FIRST, 1);
        mix.put(Operation.SYNC_PUSH, 25);
        mix.put(Operation.STEPS_INGEST, 15);
        mix.put(Operation.RUN_SUBMIT, 4);
        if (mix.values().stream().mapToInt(Integer::intValue).sum() != 100) {
            throw new IllegalStateException("the operation mix must add up to 100 %");
        }
        return mix;
    }

    public static Operation pick(Random random) {
        int roll = random.nextInt(100);
        for (Map.Entry<Operation, Integer> share : PERCENT.entrySet()) {
            roll -= share.getValue();
            if (roll < 0) {
                return share.getKey();
            }
        }
        throw new IllegalStateException("unreachable: the shares add up to 100");
    }
}
