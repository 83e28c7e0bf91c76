/** Benchmark 2: scanner throughput (library `runScan`) versus raw `yaml` parseAllDocuments over the same bytes. */
import * as fs from "node:fs";
import { parseAllDocuments } from "yaml";
import { runScan } from "../cli/scan";
import { writeCorpus } from "./corpus";
import { printTable } from "./table";
import { collectGarbage, median, timed } from "./timing";

/** Figures of one scan benchmark run (medians over the repetitions). */
export interface ScanThroughput {
  readonly objects: number;
  readonly bytes: number;
  readonly files: number;
  readonly parseMs: number;
  readonly parseToJsMs: number;
  readonly scanMs: number;
  /** Objects the scanner reported (must equal `objects`). */
  readonly scanned: number;
  readonly findings: number;
}

/** Scan should keep at least this share of raw parse throughput. */
export const SCAN_GOAL = 0.5;

function parseFiles(files: readonly string[], toJs: boolean): number {
  let docs = 0;
  for (const file of files) {
    for (const doc of parseAllDocuments(fs.readFileSync(file, "utf8"))) {
      if (toJs) doc.toJS();
      docs++;
    }
  }
  return docs;
}

/**
 * Generate the corpus, then time (alternating, `reps` times each, medians) reading + `parseAllDocuments`,
 * the same plus `toJS`, and `runScan` over the folder with every rule.
 */
export async function runScanThroughput(objects = 10_000, reps = 3): Promise<ScanThroughput> {
  const corpus = writeCorpus(objects);
  try {
    parseFiles(corpus.files.slice(0, 1), true); // warm-up
    const parse: number[] = [];
    const parseToJs: number[] = [];
    const scan: number[] = [];
    let scanned = 0;
    let findings = 0;
    for (let i = 0; i < reps; i++) {
      collectGarbage();
      parse.push((await timed(() => parseFiles(corpus.files, false))).ms);
      collectGarbage();
      parseToJs.push((await timed(() => parseFiles(corpus.files, true))).ms);
      collectGarbage();
      const run = await timed(() => runScan({ paths: [corpus.dir], policyConfig: { shared: {}, policies: {} } }));
      scan.push(run.ms);
      scanned = run.value.summary.objects;
      findings = run.value.summary.mandatory + run.value.summary.advisory;
    }
    return { objects, bytes: corpus.bytes, files: corpus.files.length, parseMs: median(parse), parseToJsMs: median(parseToJs), scanMs: median(scan), scanned, findings };
  } finally {
    corpus.remove();
  }
}

/** Print benchmark 2's table and the scan/parse throughput ratio against the goal. */
export function printScanThroughput(s: ScanThroughput): void {
  const rate = (ms: number) => Math.round(s.objects / (ms / 1000));
  const share = rate(s.scanMs) / rate(s.parseMs);
  printTable(
    `2. Scan throughput (${s.objects.toLocaleString("en-US")} objects, ${s.files} files, ${(s.bytes / 1e6).toFixed(1)} MB)`,
    ["step", "median ms", "objects/s", "MB/s"],
    [
      ["read + parseAllDocuments", s.parseMs.toFixed(0), rate(s.parseMs), (s.bytes / 1e6 / (s.parseMs / 1000)).toFixed(1)],
      ["read + parseAllDocuments + toJS", s.parseToJsMs.toFixed(0), rate(s.parseToJsMs), (s.bytes / 1e6 / (s.parseToJsMs / 1000)).toFixed(1)],
      ["scan (runScan, all rules)", s.scanMs.toFixed(0), rate(s.scanMs), (s.bytes / 1e6 / (s.scanMs / 1000)).toFixed(1)],
    ],
    [
      `Scan/parse throughput: ${(share * 100).toFixed(0)} % (goal ≥ ${SCAN_GOAL * 100} %) ${share >= SCAN_GOAL ? "(ok)" : "(BELOW GOAL)"}; ` +
        `scanner reported ${s.scanned.toLocaleString("en-US")} objects and ${s.findings.toLocaleString("en-US")} findings.`,
    ],
  );
}
