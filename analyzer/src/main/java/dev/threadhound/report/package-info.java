/** The findings JSON (schema {@code threadhound/findings/v1}) and the snapshot JSON the agent hands to tools. */
package dev.threadhound.report;
