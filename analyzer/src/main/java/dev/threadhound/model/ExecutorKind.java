package dev.threadhound.model;

public enum ExecutorKind { THREAD_POOL, SCHEDULED, FORK_JOIN, THREAD_PER_TASK }
