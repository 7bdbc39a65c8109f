/**
 * A small test suite against real libraries from Maven Central (MySQL Connector/J, Apache Commons Pool, Netty's
 * timer) and the JDK's pools, on JUnit 5 and on JUnit 4 through the Vintage engine, some of whose tests leak the way
 * real suites do. {@code RealSuiteIT} runs it in a JVM of its own with the leak check on and asserts exactly which
 * tests pass and fail. Its classes end in {@code Cases} so that the build's own test runs never pick them up.
 */
package dev.threadhound.samples.realsuite;
