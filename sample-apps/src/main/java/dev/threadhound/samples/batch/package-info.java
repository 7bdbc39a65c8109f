/** A batch job that ends by returning from {@code main}: the JVM exits only when nothing it started is left running. */
package dev.threadhound.samples.batch;
