/**
 * Proof by heap reachability: whether anything that can still run reaches what a stuck thread waits on. A pure
 * function of a {@link dev.threadhound.model.heap.ReferenceGraph} ({@link dev.threadhound.prove.Reachability}),
 * and how its verdicts annotate the leak findings ({@link dev.threadhound.prove.Proof}). Not a detector: it gives
 * a second opinion on the candidates the detectors found.
 */
package dev.threadhound.prove;
