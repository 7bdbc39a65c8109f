package dev.threadhound.finding;

public enum Severity { CRITICAL, WARNING, INFO }
