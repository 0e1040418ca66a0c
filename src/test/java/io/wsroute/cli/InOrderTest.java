package io.wsroute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Mapping on several threads answers as the loop does: same results in order, the first item's failure. */
class InOrderTest {

    /** Fails on multiples of 7 (UnreadableInput) and of 11 (a bug), as lint's steps fail on bad objects. */
    private static String step(int item) throws UnreadableInput {
        if (item % 7 == 0) {
            throw new UnreadableInput("item " + item + " is unreadable");
        }
        if (item % 11 == 0) {
            throw new IllegalStateException("item " + item + " broke");
        }
        return "<" + item + ">";
    }

    private static Object loop(List<Integer> items) {
        List<String> results = new ArrayList<>();
        try {
            for (int item : items) {
                results.add(step(item));
            }
            return results;
        } catch (UnreadableInput | RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static Object mapped(List<Integer> items, int threads, BiPredicate<Integer, Integer> mayCut) {
        try {
            return InOrder.map(items, InOrderTest::step, threads, 0, mayCut);
        } catch (UnreadableInput | RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    @Property(tries = 500)
    void threadsAnswerAsTheLoop(
            @ForAll @Size(max = 60) List<@IntRange(min = 1, max = 200) Integer> items,
            @ForAll @IntRange(min = 1, max = 5) int threads,
            @ForAll @IntRange(min = 1, max = 4) int cutEvery) {
        assertThat(mapped(items, threads, (a, b) -> b % cutEvery == 0)).isEqualTo(loop(items));
    }

    @Property(tries = 300)
    void slicesCoverTheListInOrderAndCutOnlyWhereAllowed(
            @ForAll @Size(max = 60) List<@IntRange(min = 1, max = 9) Integer> items,
            @ForAll @IntRange(min = 1, max = 5) int parts) {
        // no cut between equal neighbours, as lint keeps a document's objects together
        List<List<Integer>> slices = InOrder.slices(items, parts, (a, b) -> !a.equals(b));
        assertThat(slices.stream().flatMap(List::stream).toList()).isEqualTo(items);
        assertThat(slices).hasSizeLessThanOrEqualTo(Math.max(1, parts));
        for (int i = 1; i < slices.size(); i++) {
            List<Integer> before = slices.get(i - 1);
            assertThat(before).isNotEmpty();
            assertThat(before.get(before.size() - 1)).isNotEqualTo(slices.get(i).get(0));
        }
    }

    @Test
    void aLaterSlicesFailureWaitsForTheEarlierSlicesResults() {
        // 14 fails in the second slice; the first slice's 11 fails first in list order
        List<Integer> items = List.of(1, 2, 11, 3, 4, 14, 5, 6);
        assertThat(mapped(items, 2, (a, b) -> true)).isEqualTo("IllegalStateException: item 11 broke");
        assertThat(mapped(List.of(1, 2, 3, 4, 14, 5), 2, (a, b) -> true))
                .isEqualTo("UnreadableInput: item 14 is unreadable");
        assertThat(mapped(List.of(1, 2, 3, 4), 2, (a, b) -> true)).isEqualTo(List.of("<1>", "<2>", "<3>", "<4>"));
    }
}
