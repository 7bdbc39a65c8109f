/**
 * Live state the probe keeps: where each live thread and executor came from, and which task each pool worker
 * is running. Weak, identity-keyed, and shrinking by itself as threads and executors die; nothing is kept for
 * finished work.
 */
package dev.threadhound.agent.track;
