import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli, type CliRun } from "../cli/run-cli";

/** Folder of the fidelity fixtures (small real programs and packs). */
export const FIDELITY = path.join(__dirname, "fixtures");

/** A fixture program folder. */
export const program = (name: string): string => path.join(FIDELITY, name);

/** The fixture pack that echoes what the analyzer protocol carried. */
export const ECHO_PACK = path.join(FIDELITY, "echo-pack");

/** A CLI run plus its `--json` report. */
export interface PreviewRun extends CliRun {
  readonly json: any;
}

/** `hardened-cluster preview --program <fixture> --json <tmp> ...extra`, with the JSON report read back (null when none was written). */
export async function previewFixture(name: string, extra: readonly string[] = []): Promise<PreviewRun> {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hc-fidelity-")), "out.json");
  const run = await runCli(["preview", "--program", program(name), "--json", out, ...extra]);
  return { ...run, json: fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, "utf8")) : null };
}
