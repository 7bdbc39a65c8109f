/**
 * The doorway: premain, agentmain and the jar's main. The only agent classes on the application's class path;
 * they load everything else from the jar's hidden {@code dev/threadhound/agent-classes/} folder.
 */
package dev.threadhound.agent.launch;
