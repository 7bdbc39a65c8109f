/**
 * Thread-dump readers for the offline analyzer: {@code jstack} / {@code jcmd Thread.print} text and
 * {@code jcmd Thread.dump_to_file -format=json}, each turned into the same {@link dev.threadhound.model.Snapshot}
 * the agent builds.
 */
package dev.threadhound.source.dump;
