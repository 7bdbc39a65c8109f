/**
 * Where findings and snapshots leave the agent: Micrometer meters exported in the Prometheus format, and the
 * loopback HTTP endpoint ({@code /metrics}, {@code /findings}, {@code /threads} and the status page {@code /}).
 */
package dev.threadhound.agent.sink;
