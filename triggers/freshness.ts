/**
 * The freshness window of a delivery (its `meta.timestamp`), in a module of its own: the host's configuration
 * checks its settings against it without loading the triggers.
 */

/** How old a delivery may be (its `meta.timestamp`) before it is refused as a replay, by default. */
export const DEFAULT_MAX_AGE_MS = 60 * 60 * 1000;
/** How far ahead of this clock a delivery may be dated (clocks differ a little). */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;
