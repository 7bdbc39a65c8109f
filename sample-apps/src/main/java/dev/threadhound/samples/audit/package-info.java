/** The {@code audit} workload: a consumer of rare events, a healthy poller and a busy computation. */
package dev.threadhound.samples.audit;
