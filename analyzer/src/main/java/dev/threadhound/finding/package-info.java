/** What detectors produce and every sink shows: findings with their evidence. */
package dev.threadhound.finding;
