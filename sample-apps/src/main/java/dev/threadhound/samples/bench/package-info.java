/**
 * Benchmarks and checks of what the agent costs the application it watches: throughput with and without it,
 * heap it keeps after millions of tasks, and the price of a scrape. They print figures; nothing here asserts a
 * time.
 */
package dev.threadhound.samples.bench;
