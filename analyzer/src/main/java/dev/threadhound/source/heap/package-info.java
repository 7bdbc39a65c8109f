/**
 * Heap dumps (HPROF, as {@code HotSpotDiagnosticMXBean.dumpHeap} and {@code jcmd GC.heap_dump} write them) read
 * into the model's reference graph with Square's Shark. Shark and Kotlin are optional dependencies: only this
 * package touches them, and only when a heap dump is read.
 */
package dev.threadhound.source.heap;
