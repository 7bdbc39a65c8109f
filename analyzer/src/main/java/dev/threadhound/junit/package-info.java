/**
 * The JUnit 5 leak check: {@link dev.threadhound.junit.DetectLeaks} on a test, or {@link dev.threadhound.junit.LeakCheck}
 * from code, fails when a test leaves threads, tasks or executors behind, or deadlocks.
 */
package dev.threadhound.junit;
