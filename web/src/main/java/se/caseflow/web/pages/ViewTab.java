package se.caseflow.web.pages;

/** One view in the case viewer's list: its name, heading, today's doc-store key and its count. */
record ViewTab(String name, String label, String key, long count) {}
