import { parseArgs } from "node:util";
import { InputError } from "./errors";
import type { OutputsArgs } from "./outputs";

/** Options of `hardened-cluster preview`. */
export interface PreviewArgs {
  readonly command: "preview";
  readonly program?: string;
  readonly stack: string;
  readonly json?: string;
  readonly sarif?: string;
  readonly markdown?: string;
  readonly policyConfig?: string;
  readonly policyPack?: string;
  /** Exit 0/1 even when something could not be judged (the UNVERIFIED list is still printed). */
  readonly allowUnverified: boolean;
  /** Overall limit of the run in seconds (default 600). */
  readonly timeoutSeconds: number;
  readonly quiet: boolean;
}

/** Options of `hardened-cluster scan`. */
export interface ScanArgs {
  readonly command: "scan";
  readonly only?: string[];
  readonly format: "text" | "json" | "sarif";
  readonly paths: string[];
  readonly policyConfig?: string;
  readonly quiet: boolean;
  /** `--exclude` glob patterns (paths or base names not to read). */
  readonly exclude: string[];
  /** `--output FILE`: write the report there instead of stdout. */
  readonly output?: string;
  /** `--max-file-bytes N` / `--max-document-bytes N`. */
  readonly maxFileBytes?: number;
  readonly maxDocumentBytes?: number;
  /** `--stdin-name PATH`: the repository path the manifests read from stdin (`-`) stand for, in every report. */
  readonly stdinName?: string;
}

/** A parsed command line. */
export type CliArgs = PreviewArgs | ScanArgs | OutputsArgs | { readonly command: "help"; readonly topic?: string };

/** Usage text printed by `--help`. */
export const USAGE = `Usage:
  hardened-cluster preview [--program DIR] [--stack NAME|ORG/PROJECT/NAME|FILE] [--json FILE] [--sarif FILE]
                           [--markdown FILE] [--policy-config FILE] [--policy-pack DIR] [--allow-unverified]
                           [--timeout SECONDS] [--quiet]
  hardened-cluster scan [--only GROUP[,GROUP]] [--format text|json|sarif] [--output FILE] [--exclude GLOB]...
                        [--max-file-bytes N] [--max-document-bytes N] [--policy-config FILE] [--stdin-name PATH]
                        [--quiet] PATH...|-
  hardened-cluster outputs --stack ORG/PROJECT/STACK [--program DIR] [--from FILE|-]

preview  runs a Pulumi TypeScript program offline under mocks with a stack's config and sends every
         resource to the hardened-cluster policy pack over the analyzer protocol.
scan     judges Kubernetes YAML (files, folders, multi-document, List kinds, '-' for stdin) with the same rules.
outputs  records another stack's outputs for the program's StackReference (offline preview): runs
         'pulumi stack output --json --show-secrets --stack STACK' (or reads that JSON from --from FILE|-) and
         writes DIR/.hardened-cluster/stack-outputs/<STACK with '/' as '_'>.json.

Options:
  --program DIR         program whose Pulumi.yaml is in DIR (default: the current directory when it holds a
                        Pulumi.yaml, else this project, main infra/index.ts)
  --stack NAME|FILE     stack name looked up in the program's stackConfigDir (default dev; org/project/NAME and
                        org/NAME select NAME), or a stack file path (*.yaml)
  --sarif FILE          SARIF 2.1.0 for GitHub code scanning: each finding at the file and line that declared
                        the resource, relative to the git repository root
  --policy-pack DIR     run another CrossGuard pack (its own enforcement levels and config schema)
  --allow-unverified    exit 0/1 even when some resources could not be judged offline (still listed)
  --timeout SECONDS     end the run with exit 2, naming the pending resources, after SECONDS (default 600)
  --policy-config FILE  pack config JSON: {"all": "advisory", "shared": {"trustedCidrs": [...]},
                        "<policy name or rule id>": "advisory" | {"enforcementLevel": ..., "<setting>": ...}}
  --only GROUPS         scan only rules of these groups (comma-separated), e.g. pss-restricted
  --output FILE         scan: write the report (any format) to FILE instead of stdout
  --exclude GLOB        scan: do not read paths matching GLOB (path, path under the folder, or base name; repeatable)
  --max-file-bytes N    scan: largest input accepted (default 33554432)
  --max-document-bytes N  scan: largest single YAML document accepted (default 4194304)
  --stdin-name PATH     scan: the repository path stdin ('-') stands for in reports (required for SARIF from stdin)
  --quiet, -q           print only the summary line

StackReferences read their outputs from <program>/.hardened-cluster/stack-outputs/<org_project_stack>.json
(the stack name with '/' replaced by '_'); a missing or malformed file exits 2 naming it (create it with
'hardened-cluster outputs').

Exit codes: 0 clean, 1 mandatory violation, 2 bad input or program error (also a timeout), 3 incomplete:
something could not be judged offline (a remote component such as eks:index:Cluster or a Helm v4 chart, an
invoke without an offline answer, a value unknown until apply), listed under UNVERIFIED; --allow-unverified
turns 3 into 0/1. 4 internal error, 130/143 interrupted (SIGINT/SIGTERM).`;

const FORMATS = ["text", "json", "sarif"] as const;

/** Declared flags: name → string or boolean (repeatable when `multiple`). */
type FlagSpec = Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }>;

/** Parsed flag values (loosely typed; each command narrows what it reads). */
type FlagValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

function parse(argv: string[], options: FlagSpec): { values: FlagValues; positionals: string[] } {
  try {
    const parsed = parseArgs({ args: argv, options: { ...options, help: { type: "boolean", short: "h" }, quiet: { type: "boolean", short: "q" } }, allowPositionals: true, strict: true });
    return { values: parsed.values as FlagValues, positionals: parsed.positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const flag = /'(-[^']+)'/.exec(message)?.[1];
    if (flag && /Unknown option/i.test(message)) throw new InputError(`unknown flag ${flag}: run 'hardened-cluster --help' for the valid flags`);
    throw new InputError(`${message.replace(/\.$/, "")}: run 'hardened-cluster --help' for usage`);
  }
}

/** Default overall limit of a preview, in seconds (generous: the prod stack takes seconds). */
export const DEFAULT_TIMEOUT_SECONDS = 600;

function parseTimeout(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TIMEOUT_SECONDS;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InputError(`--timeout '${value}': must be a positive number of seconds (e.g. --timeout 600)`);
  return n;
}

/** Parse the command line; bad flags and values raise {@link InputError}. */
export function parseCommandLine(argv: readonly string[]): CliArgs {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") return { command: "help" };
  if (command === "preview") {
    const { values, positionals } = parse(rest, {
      program: { type: "string" },
      stack: { type: "string" },
      json: { type: "string" },
      sarif: { type: "string" },
      markdown: { type: "string" },
      "policy-config": { type: "string" },
      "policy-pack": { type: "string" },
      "allow-unverified": { type: "boolean" },
      timeout: { type: "string" },
    });
    if (values.help) return { command: "help", topic: "preview" };
    if (positionals.length > 0) throw new InputError(`unexpected argument '${positionals[0]}': preview takes only flags (use --program DIR for another program)`);
    return {
      command: "preview",
      program: values.program as string | undefined,
      stack: (values.stack as string | undefined) ?? "dev",
      json: values.json as string | undefined,
      sarif: values.sarif as string | undefined,
      markdown: values.markdown as string | undefined,
      policyConfig: values["policy-config"] as string | undefined,
      policyPack: values["policy-pack"] as string | undefined,
      allowUnverified: values["allow-unverified"] === true,
      timeoutSeconds: parseTimeout(values.timeout as string | undefined),
      quiet: values.quiet === true,
    };
  }
  if (command === "scan") {
    const { values, positionals } = parse(rest, {
      only: { type: "string", multiple: true },
      format: { type: "string" },
      "policy-config": { type: "string" },
      output: { type: "string" },
      exclude: { type: "string", multiple: true },
      "max-file-bytes": { type: "string" },
      "max-document-bytes": { type: "string" },
      "stdin-name": { type: "string" },
    });
    if (values.help) return { command: "help", topic: "scan" };
    const size = (flag: string): number | undefined => {
      const raw = values[flag] as string | undefined;
      if (raw === undefined) return undefined;
      if (!/^[1-9][0-9]*$/.test(raw)) throw new InputError(`--${flag} '${raw}' is not a positive whole number of bytes: e.g. --${flag} 10485760`);
      return Number(raw);
    };
    const format = (values.format as string | undefined) ?? "text";
    if (!(FORMATS as readonly string[]).includes(format)) throw new InputError(`unknown --format '${format}': use one of ${FORMATS.join(", ")}`);
    if (positionals.length === 0) throw new InputError("scan needs at least one PATH (a file, a folder, or '-' for stdin)");
    const stdinName = values["stdin-name"] as string | undefined;
    if (stdinName !== undefined && !positionals.includes("-")) throw new InputError("--stdin-name names what '-' (stdin) stands for: add '-' to the PATHs or drop --stdin-name");
    if (stdinName !== undefined && (stdinName.trim() === "" || /^[a-z][a-z0-9+.-]*:/i.test(stdinName))) throw new InputError(`--stdin-name '${stdinName}': give a file path relative to the repository root (e.g. --stdin-name charts/app/rendered.yaml)`);
    if (format === "sarif" && positionals.includes("-") && stdinName === undefined)
      throw new InputError("scan --format sarif -: SARIF results need the file they are in, and stdin has none: add --stdin-name PATH (the repository path the manifests come from, e.g. --stdin-name charts/app/rendered.yaml)");
    const only = (values.only as string[] | undefined)?.flatMap((s) => s.split(",")).map((s) => s.trim()).filter((s) => s !== "");
    return {
      command: "scan",
      only: only && only.length > 0 ? only : undefined,
      format: format as ScanArgs["format"],
      paths: positionals,
      policyConfig: values["policy-config"] as string | undefined,
      quiet: values.quiet === true,
      exclude: (values.exclude as string[] | undefined) ?? [],
      output: values.output as string | undefined,
      maxFileBytes: size("max-file-bytes"),
      maxDocumentBytes: size("max-document-bytes"),
      ...(stdinName !== undefined ? { stdinName } : {}),
    };
  }
  if (command === "outputs") {
    const { values, positionals } = parse(rest, { stack: { type: "string" }, program: { type: "string" }, from: { type: "string" } });
    if (values.help) return { command: "help", topic: "outputs" };
    if (positionals.length > 0) throw new InputError(`unexpected argument '${positionals[0]}': outputs takes only flags (e.g. outputs --stack acme/hardened-cluster/dev --from outputs.json)`);
    const stack = values.stack as string | undefined;
    if (stack === undefined) throw new InputError("outputs needs --stack ORG/PROJECT/STACK: the stack the program's StackReference names (e.g. --stack acme/hardened-cluster/dev)");
    return {
      command: "outputs",
      stack,
      program: values.program as string | undefined,
      from: values.from as string | undefined,
      quiet: values.quiet === true,
    };
  }
  throw new InputError(`unknown command '${command}': use 'preview', 'scan' or 'outputs' (see 'hardened-cluster --help')`);
}
