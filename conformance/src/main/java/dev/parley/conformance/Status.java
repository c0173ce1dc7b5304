package dev.parley.conformance;

/** The outcome of one check. */
public enum Status { PASS, FAIL, SKIPPED }
