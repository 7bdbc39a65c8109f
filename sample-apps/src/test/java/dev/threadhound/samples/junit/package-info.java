/**
 * The JUnit leak check with the agent attached to the test JVM: creation sites, executors, tasks, and leaks traced
 * to the test that started them while tests run in parallel.
 */
package dev.threadhound.samples.junit;
