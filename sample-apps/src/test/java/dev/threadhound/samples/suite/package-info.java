/**
 * A small fork-per-class test suite on a real library (Guava): each {@code *Spec} class is run in a JVM of its own
 * by {@code ForkPerClassSuiteIT}, with and without the agent, the way a build that forks one JVM per test class does.
 * Each loads its part of the library's classes and uses it. The names end in {@code Spec} so the project's own test
 * run leaves them to that IT.
 */
package dev.threadhound.samples.suite;
