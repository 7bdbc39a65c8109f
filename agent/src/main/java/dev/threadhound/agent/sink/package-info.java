/** Where findings go: the report file, Prometheus metrics, the HTTP endpoint and status page. */
package dev.threadhound.agent.sink;
