/**
 * The findings JSON (schema {@code threadhound/findings/v1}), the snapshot JSON the agent hands to tools, and the
 * text of a lock-order cycle every text sink prints alike.
 */
package dev.threadhound.report;
