/** Command-line options of `npm run bench -- [options]`. */

/** Benchmarks by name, in run order. */
export const BENCHMARKS = ["preview", "scan", "pack", "graph", "cost", "floor", "whole"] as const;
/** One benchmark's name. */
export type BenchmarkName = (typeof BENCHMARKS)[number];

/** Parsed options. */
export interface BenchOptions {
  /** Tenant counts of the preview benchmark (3 namespaces each). */
  readonly tenants: number[];
  /** Tenant count whose resources the pack-vs-direct benchmark reuses. */
  readonly packTenants: number;
  /** Tenant counts the dev stack is recorded with for the graph benchmark. */
  readonly graphTenants: number[];
  /** Objects in the scan corpus. */
  readonly objects: number;
  /** Repetitions of the scan timings and of each pack in the pack-cost benchmark (median reported). */
  readonly reps: number;
  /** Compliant pods sent to the real and the no-op pack by the pack-cost benchmark. */
  readonly costPods: number;
  /** Pod counts of the recording-vs-bare-setMocks benchmark. */
  readonly floorPods: number[];
  readonly only: BenchmarkName[];
}

/** Defaults: sized so the whole run stays within about four minutes on a 2-core machine. */
export const DEFAULTS: BenchOptions = { tenants: [10, 100, 300], packTenants: 100, graphTenants: [10, 30], objects: 10_000, reps: 1, costPods: 2_000, floorPods: [500, 2_000], only: [...BENCHMARKS] };

const USAGE = `usage: npm run bench -- [--tenants 10,100,300] [--pack-tenants 100] [--graph-tenants 10,30] [--objects 10000] [--reps 1] [--cost-pods 2000] [--floor-pods 500,2000] [--only ${BENCHMARKS.join(",")}]
Every option also reads from the environment: BENCH_TENANTS, BENCH_PACK_TENANTS, BENCH_GRAPH_TENANTS, BENCH_OBJECTS, BENCH_REPS, BENCH_COST_PODS, BENCH_FLOOR_PODS, BENCH_ONLY.`;

function counts(flag: string, text: string): number[] {
  const values = text.split(",").map((s) => Number(s.trim()));
  if (values.length === 0 || values.some((v) => !Number.isInteger(v) || v < 0)) throw new Error(`${flag} takes comma-separated non-negative integers (got "${text}")\n${USAGE}`);
  return values;
}

function positive(flag: string, text: string): number {
  const v = Number(text);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${flag} takes a positive integer (got "${text}")\n${USAGE}`);
  return v;
}

/** Parse argv (after the script) and the BENCH_* environment; flags win over the environment. */
export function parseBenchArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const raw: Record<string, string | undefined> = {
    tenants: env.BENCH_TENANTS,
    "pack-tenants": env.BENCH_PACK_TENANTS,
    "graph-tenants": env.BENCH_GRAPH_TENANTS,
    objects: env.BENCH_OBJECTS,
    reps: env.BENCH_REPS,
    "cost-pods": env.BENCH_COST_PODS,
    "floor-pods": env.BENCH_FLOOR_PODS,
    only: env.BENCH_ONLY,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") throw new Error(USAGE);
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match || !(match[1] in raw)) throw new Error(`unknown option ${arg}\n${USAGE}`);
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${match[1]} needs a value\n${USAGE}`);
    raw[match[1]] = value;
  }
  const only = raw.only === undefined ? DEFAULTS.only : raw.only.split(",").map((s) => s.trim());
  const unknown = only.filter((o) => !(BENCHMARKS as readonly string[]).includes(o));
  if (unknown.length > 0) throw new Error(`--only: unknown benchmark ${unknown[0]} (use ${BENCHMARKS.join(", ")})\n${USAGE}`);
  return {
    tenants: raw.tenants === undefined ? DEFAULTS.tenants : counts("--tenants", raw.tenants),
    packTenants: raw["pack-tenants"] === undefined ? DEFAULTS.packTenants : positive("--pack-tenants", raw["pack-tenants"]),
    graphTenants: raw["graph-tenants"] === undefined ? DEFAULTS.graphTenants : counts("--graph-tenants", raw["graph-tenants"]),
    objects: raw.objects === undefined ? DEFAULTS.objects : positive("--objects", raw.objects),
    reps: raw.reps === undefined ? DEFAULTS.reps : positive("--reps", raw.reps),
    costPods: raw["cost-pods"] === undefined ? DEFAULTS.costPods : positive("--cost-pods", raw["cost-pods"]),
    floorPods: raw["floor-pods"] === undefined ? DEFAULTS.floorPods : counts("--floor-pods", raw["floor-pods"]).filter((n) => n > 0),
    only: only as BenchmarkName[],
  };
}
