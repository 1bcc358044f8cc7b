/** Round trips to D1 made while serving one request, and the time spent waiting for them. */
export interface D1Meter {
  roundTrips: number;
  ms: number;
}

export function newMeter(): D1Meter {
  return { roundTrips: 0, ms: 0 };
}

const TERMINAL = new Set<PropertyKey>(["first", "all", "run", "raw"]);

/**
 * The D1 binding seen through a meter: every statement executed on its own and every batch counts
 * as one round trip. Statements are proxies; a batch hands D1 the real statements underneath.
 */
export function meteredD1(d1: D1Database, meter: D1Meter): D1Database {
  const originals = new WeakMap<object, D1PreparedStatement>();
  const timed = async <T>(run: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await run();
    } finally {
      meter.roundTrips += 1;
      meter.ms += performance.now() - start;
    }
  };
  const wrap = (statement: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(statement, {
      get(target, property) {
        const value = Reflect.get(target, property, target) as unknown;
        if (typeof value !== "function") return value;
        if (property === "bind") return (...values: unknown[]) => wrap(target.bind(...values));
        if (TERMINAL.has(property)) return (...args: unknown[]) => timed(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    });
    originals.set(proxy, statement);
    return proxy;
  };
  return new Proxy(d1, {
    get(target, property) {
      if (property === "prepare") return (query: string) => wrap(target.prepare(query));
      if (property === "batch") {
        return (statements: D1PreparedStatement[]) => timed(() => target.batch(statements.map((s) => originals.get(s) ?? s)));
      }
      if (property === "exec") return (query: string) => timed(() => target.exec(query));
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
