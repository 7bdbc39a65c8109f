/**
 * Small programs that misuse well-known libraries the way their users often do, each with its correct use (or the
 * library's fixed version) as a control; {@code LibrariesIT} runs them in child JVMs under the agent.
 */
package dev.threadhound.samples.libraries;
