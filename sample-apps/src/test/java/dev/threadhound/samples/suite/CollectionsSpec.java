package dev.threadhound.samples.suite;

import com.google.common.collect.ArrayListMultimap;
import com.google.common.collect.HashBasedTable;
import com.google.common.collect.ImmutableSortedMap;
import com.google.common.collect.Range;
import com.google.common.collect.TreeRangeSet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CollectionsSpec {

    @Test
    void loadsTheCollectionPackage() throws Exception {
        assertTrue(LibraryClasses.load("com.google.common.collect.") > 700);
    }

    @Test
    void multimapsTablesAndRanges() {
        ArrayListMultimap<String, Integer> byKey = ArrayListMultimap.create();
        byKey.put("a", 1);
        byKey.put("a", 2);
        HashBasedTable<String, String, Integer> table = HashBasedTable.create();
        table.put("r", "c", 3);
        TreeRangeSet<Integer> ranges = TreeRangeSet.create();
        ranges.add(Range.closed(1, 5));
        ranges.add(Range.closed(4, 9));
        assertEquals(List.of(1, 2), byKey.get("a"));
        assertEquals(3, table.get("r", "c"));
        assertEquals(Set.of(Range.closed(1, 9)), ranges.asRanges());
        assertEquals("a", ImmutableSortedMap.of("b", 2, "a", 1).firstKey());
    }
}
