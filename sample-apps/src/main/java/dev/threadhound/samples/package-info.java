/**
 * Sample workloads on the real JDK pools, each healthy by default and with the classic concurrency bugs a
 * {@code --bug=} away: what threadhound must find, and what it must leave alone.
 */
package dev.threadhound.samples;
