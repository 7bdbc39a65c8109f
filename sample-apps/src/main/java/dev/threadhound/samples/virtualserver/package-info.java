/**
 * A server that handles each request on its own virtual thread (JDK 21+), healthy or with a handler that pins its
 * carrier ({@code --bug=pinning}).
 */
package dev.threadhound.samples.virtualserver;
