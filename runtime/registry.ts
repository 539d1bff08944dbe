import type { Operation } from './define.js';
import { ConnectorError } from './errors.js';

/** A v4.2 operation name that maps to a v5.0 operation. */
export interface Alias {
  to: string;
  /** What the caller should know when moving over (e.g. a renamed input field). */
  note?: string;
}

/** A v4.2 operation name with no direct v5.0 successor. */
export interface Removal {
  /** The way forward, shown in the error. */
  instead: string;
}

export interface Resolved {
  operation: Operation;
  /** Set when `name` is a deprecated v4.2 alias. */
  deprecation?: string;
}

export class Registry {
  private readonly byName = new Map<string, Operation>();

  constructor(
    readonly operations: readonly Operation[],
    readonly aliases: Readonly<Record<string, Alias>> = {},
    readonly removed: Readonly<Record<string, Removal>> = {},
  ) {
    for (const operation of operations) {
      if (this.byName.has(operation.name)) throw new Error(`Duplicate operation name ${operation.name}`);
      this.byName.set(operation.name, operation);
    }
    for (const [name, alias] of Object.entries(aliases)) {
      if (!this.byName.has(alias.to))
        throw new Error(`Alias ${name} points at unknown operation ${alias.to}`);
      if (this.byName.has(name)) throw new Error(`Alias ${name} hides an operation of the same name`);
    }
  }

  get(name: string): Operation | undefined {
    return this.byName.get(name);
  }

  /** The operation for a current or v4.2 name; throws `unknown_operation` with the way forward otherwise. */
  resolve(name: string): Resolved {
    const operation = this.byName.get(name);
    if (operation) return { operation };
    const alias = this.aliases[name];
    if (alias) {
      const target = this.byName.get(alias.to) as Operation;
      const note = alias.note ? ` ${alias.note}` : '';
      return {
        operation: target,
        deprecation: `Operation "${name}" is deprecated (Pipedrive connector v4.2); it now runs "${alias.to}". Switch the step to "${alias.to}".${note}`,
      };
    }
    const removal = this.removed[name];
    if (removal) {
      throw new ConnectorError(
        'unknown_operation',
        `Operation "${name}" was removed in connector v5.0: ${removal.instead}`,
        { operation: name, removed: true },
      );
    }
    const close = [...this.byName.keys()].filter((known) => similar(known, name)).slice(0, 3);
    throw new ConnectorError(
      'unknown_operation',
      `Unknown operation "${name}".${close.length ? ` Did you mean ${close.map((c) => `"${c}"`).join(' or ')}?` : ''}`,
      { operation: name },
    );
  }
}

/** Loose similarity for suggestions: shared words, one contained in the other, or a typo or two apart. */
function similar(known: string, asked: string): boolean {
  if (known.includes(asked) || asked.includes(known)) return true;
  if (asked.length >= 4 && editDistance(known, asked) <= (asked.length > 8 ? 2 : 1)) return true;
  const words = new Set(asked.split('_'));
  const shared = known.split('_').filter((word) => words.has(word)).length;
  return shared >= Math.max(2, Math.ceil(known.split('_').length * 0.66));
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const above = d[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}
