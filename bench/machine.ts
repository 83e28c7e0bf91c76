/** A description of the machine a benchmark ran on (shared machines vary: the load average is part of the figures). */
import * as os from "node:os";

/** One line per fact: CPUs, memory, Node, load average. */
export function describeMachine(): string[] {
  const [l1, l5, l15] = os.loadavg().map((l) => l.toFixed(2));
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  return [
    `CPUs: ${os.availableParallelism?.() ?? os.cpus().length} (${cpu})`,
    `memory: ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB total, ${(os.freemem() / 2 ** 30).toFixed(0)} GiB free`,
    `node ${process.version} on ${os.platform()} ${os.release()}`,
    `load average: ${l1} ${l5} ${l15} (1/5/15 min)`,
  ];
}
