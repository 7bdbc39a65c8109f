package dev.threadhound.samples.suite;

import com.google.common.collect.ImmutableList;
import com.google.common.graph.GraphBuilder;
import com.google.common.graph.Graphs;
import com.google.common.graph.MutableGraph;
import com.google.common.graph.Traverser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphSpec {

    @Test
    void loadsTheGraphAndReflectionPackages() throws Exception {
        assertTrue(LibraryClasses.load("com.google.common.graph.", "com.google.common.reflect.", "com.google.common.eventbus.") > 150);
    }

    @Test
    void findsCyclesAndTraverses() {
        MutableGraph<String> waitsFor = GraphBuilder.directed().build();
        waitsFor.putEdge("a", "b");
        waitsFor.putEdge("b", "c");
        assertTrue(!Graphs.hasCycle(waitsFor));
        waitsFor.putEdge("c", "a");
        assertTrue(Graphs.hasCycle(waitsFor));
        assertEquals(List.of("a", "b", "c"), ImmutableList.copyOf(Traverser.forGraph(waitsFor).breadthFirst("a")));
    }
}
