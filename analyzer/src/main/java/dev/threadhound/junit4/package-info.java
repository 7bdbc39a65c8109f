/**
 * The leak check for JUnit 4: {@link dev.threadhound.junit4.LeakRule}, a rule around each test or, as a class rule,
 * around the whole class. The same checks, options and messages as the JUnit 5 extension.
 */
package dev.threadhound.junit4;
