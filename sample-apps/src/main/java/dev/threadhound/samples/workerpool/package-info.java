/** A bounded worker pool fed by a producer: backpressure done right, and the two ways it goes wrong. */
package dev.threadhound.samples.workerpool;
