package dev.threadhound.model;

public enum TaskState { RUNNING, QUEUED }
