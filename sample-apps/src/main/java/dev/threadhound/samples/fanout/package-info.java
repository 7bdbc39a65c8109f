/** Fan-out/fan-in: one request asks several backends at once and gathers their answers. */
package dev.threadhound.samples.fanout;
