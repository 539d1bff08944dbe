import type { Alias, Removal } from '../runtime/registry.js';

/** v4.2 names that still run, on their v5.0 successor, with a deprecation warning. */
export const aliases: Record<string, Alias> = {
  create_activity: { to: 'add_activity' },
  create_deal: { to: 'add_deal' },
};

/** v4.2 names that are gone, with the way forward. */
export const removed: Record<string, Removal> = {};
