import * as fs from "node:fs";
import { parseDocument } from "yaml";
import { InputError } from "./errors";

/** Largest YAML/JSON input accepted (bigger files are refused with a clear error). */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

/** Alias expansions allowed per document (guards against "billion laughs" alias bombs). */
export const MAX_ALIAS_COUNT = 100;

/** Read and parse a single-document YAML file, raising an {@link InputError} naming file, line and fix. */
export function readYamlFile(file: string, what: string): unknown {
  let text: string;
  try {
    const stat = fs.statSync(file);
    if (stat.size > MAX_INPUT_BYTES) throw new InputError(`${file}: ${what} is larger than ${MAX_INPUT_BYTES} bytes`);
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${file}: cannot read ${what} (${(error as NodeJS.ErrnoException).code ?? String(error)}): check the path`);
  }
  const doc = parseDocument(text, { prettyErrors: true });
  const err = doc.errors[0];
  if (err) {
    const line = err.linePos?.[0].line;
    throw new InputError(`${file}${line ? `:${line}` : ""}: malformed ${what}: ${err.message.split("\n")[0]}; fix the YAML`);
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    throw new InputError(`${file}: malformed ${what}: ${(error as Error).message}; fix the YAML`);
  }
}
