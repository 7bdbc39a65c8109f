package dev.threadhound.model;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilledListTest {

    @Test
    void holdsWhatWasFilledInOrderAndNothingChangesIt() {
        FilledList.Filler<String> filler = FilledList.filler(2);
        for (int i = 0; i < 200; i++) {
            filler.add("e" + i);
        }
        List<String> list = filler.list();
        assertThat(list).hasSize(200).startsWith("e0", "e1").endsWith("e199");
        assertThat(list.get(64)).isEqualTo("e64");
        assertThat(list).isEqualTo(expected(200));
        assertThatThrownBy(() -> list.add("more")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> filler.add("more")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> FilledList.filler(1).add(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> list.get(200)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(FilledList.filler(0).list()).isEmpty();
    }

    @Test
    void whatIsDerivedFromAListIsMadeOnceUntilAnotherKindIsAskedFor() {
        FilledList.Filler<String> filler = FilledList.filler(3);
        List.of("a", "bb", "ccc").forEach(filler::add);
        FilledList<String> list = filler.list();
        java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Function<FilledList<String>, StringBuilder> joined = l -> {
            made.incrementAndGet();
            return new StringBuilder(String.join("", l));
        };

        StringBuilder first = list.derived(StringBuilder.class, joined);
        assertThat(list.derived(StringBuilder.class, joined)).isSameAs(first).hasToString("abbccc");
        assertThat(made).hasValue(1);
        assertThat(list.derived(Integer.class, l -> l.size())).isEqualTo(3);
        assertThat(list.derived(StringBuilder.class, joined)).isNotSameAs(first).hasToString("abbccc");
        assertThat(made).hasValue(2);
    }

    @Test
    void aSnapshotKeepsAFilledListAndCopiesAnyOther() {
        FilledList.Filler<String> filler = FilledList.filler(1);
        filler.add("a");
        List<String> filled = filler.list();
        assertThat(FilledList.of(filled)).isSameAs(filled);
        List<String> mutable = new ArrayList<>(List.of("a"));
        List<String> copy = FilledList.of(mutable);
        mutable.add("b");
        assertThat(copy).containsExactly("a");
    }

    @Test
    void aListFilledLikeAnEarlierOneHoldsItsOwnElementsWhateverChanged() {
        // against a plain list: elements replaced, added, removed, at chunk boundaries and inside chunks
        Random random = new Random(7);
        List<String> model = expected(1000);
        List<String> earlier = fill(model, List.of());
        for (int round = 0; round < 300; round++) {
            List<String> next = new ArrayList<>(model);
            int changes = random.nextInt(4);
            for (int c = 0; c < changes; c++) {
                int kind = random.nextInt(3);
                if (kind == 0 && !next.isEmpty()) {
                    next.set(random.nextInt(next.size()), "r" + round + "-" + c);
                } else if (kind == 1) {
                    next.add(random.nextInt(next.size() + 1), "n" + round + "-" + c);
                } else if (!next.isEmpty()) {
                    next.remove(random.nextInt(next.size()));
                }
            }
            if (round % 50 == 0) {
                next = new ArrayList<>(next.subList(0, random.nextInt(next.size() + 1)));
            }
            List<String> filled = fill(next, earlier);
            assertThat(filled).as("round %d", round).isEqualTo(next);
            assertThat(earlier).as("the earlier list, round %d", round).isEqualTo(model);
            model = next;
            earlier = filled;
        }
    }

    @Test
    void tenThousandElementsFilledAgainWithOneChangedMakeAlmostNoGarbage() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<String> elements = expected(10_000);
        List<String> earlier = fill(elements, List.of());
        List<String> changed = new ArrayList<>(elements);
        changed.set(5_000, "changed");
        fill(changed, earlier);
        fill(changed, earlier);

        long before = mx.getCurrentThreadAllocatedBytes();
        List<String> again = fill(changed, earlier);
        long sharing = mx.getCurrentThreadAllocatedBytes() - before;
        before = mx.getCurrentThreadAllocatedBytes();
        fill(changed, List.of());
        long anew = mx.getCurrentThreadAllocatedBytes() - before;

        assertThat(again).isEqualTo(changed);
        // a new list of 10,000 references is 40-80 KB; sharing all chunks but one, about 1 KB
        assertThat(anew).isGreaterThan(40_000);
        assertThat(sharing).isLessThan(4_000);
    }

    private static List<String> fill(List<String> elements, List<String> earlier) {
        FilledList.Filler<String> filler = FilledList.fillerLike(earlier, elements.size());
        elements.forEach(filler::add);
        return filler.list();
    }

    private static List<String> expected(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("e" + i);
        }
        return out;
    }
}
