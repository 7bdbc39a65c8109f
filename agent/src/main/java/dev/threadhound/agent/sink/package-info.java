/**
 * Where findings go: the report file, the console, Micrometer meters exported in the Prometheus format, and the
 * loopback HTTP endpoint ({@code /metrics}, {@code /findings}, {@code /threads} and the status page {@code /}).
 */
package dev.threadhound.agent.sink;
