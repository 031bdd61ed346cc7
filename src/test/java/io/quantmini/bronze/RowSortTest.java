package io.quantmini.bronze;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.function.IntBinaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class RowSortTest {

    /** Same result as the JDK's stable sort, for every length around the run and merge boundaries and many orders. */
    @Test
    void sortsLikeTheJdksStableSort() {
        SplittableRandom random = new SplittableRandom(7);
        for (int n : new int[] {0, 1, 2, 31, 32, 33, 63, 64, 65, 100, 1000, 10_007}) {
            for (String shape : new String[] {"random", "few keys", "sorted", "reversed", "runs"}) {
                int[] key = new int[n];
                for (int i = 0; i < n; i++) {
                    key[i] = switch (shape) {
                        case "random" -> random.nextInt();
                        case "few keys" -> random.nextInt(5);
                        case "sorted" -> i;
                        case "reversed" -> n - i;
                        default -> i % 97;
                    };
                }
                IntBinaryOperator byKey = (a, b) -> Integer.compare(key[a], key[b]);
                int[] rows = new int[n];
                Integer[] expected = new Integer[n];
                for (int i = 0; i < n; i++) {
                    rows[i] = i;
                    expected[i] = i;
                }
                Arrays.sort(expected, Comparator.comparingInt(row -> key[row])); // stable
                RowSort.sort(rows, byKey);
                assertArrayEquals(Arrays.stream(expected).mapToInt(Integer::intValue).toArray(), rows,
                        shape + " n=" + n);
            }
        }
    }
}
