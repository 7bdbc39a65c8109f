/** A workload that brings its own ByteBuddy, to show the agent's relocated copy never clashes with it. */
package dev.threadhound.samples.bytebuddy;
