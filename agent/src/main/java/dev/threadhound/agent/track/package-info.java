/**
 * Live state the probe keeps: where each live thread and executor came from, which task each pool worker is
 * running, and, with {@code lockOrder=on}, the order in which threads took locks. Weak, identity-keyed, and
 * shrinking by itself as threads, executors and locks die; nothing is kept for finished work (but an edge on a
 * lock-order cycle, a bounded few).
 */
package dev.threadhound.agent.track;
