/**
 * The `parameters.objects` text of an AWS-provider SecretProviderClass (YAML, or JSON which is YAML too), read
 * without a YAML library (the pack is self-contained): the `objectName` and `objectType` of each list entry.
 */

/** One object a SecretProviderClass mounts. */
export interface SecretObject {
  readonly objectName: string;
  readonly objectType?: string;
}

const unquote = (v: string): string => {
  const t = v.trim();
  if ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'"))) {
    try {
      return t.startsWith('"') ? (JSON.parse(t) as string) : t.slice(1, -1);
    } catch {
      return t.slice(1, -1);
    }
  }
  return t;
};

/** The objects listed in `objects` (JSON array, or a YAML block list of mappings). */
export function parseSecretObjects(text: string): SecretObject[] {
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed)) return parsed.filter((o) => o && typeof o.objectName === "string").map((o) => ({ objectName: o.objectName, objectType: o.objectType }));
  } catch {
    // not JSON: read it as YAML below
  }
  const objects: { objectName?: string; objectType?: string }[] = [];
  const lines = text.split(/\r?\n/);
  const first = lines.find((l) => /^\s*-\s/.test(l));
  const top = first === undefined ? -1 : first.indexOf("-");
  for (const line of lines) {
    // A new entry starts at the list's own dash indentation (deeper dashes are jmesPath items).
    if (top >= 0 && line.indexOf("-") === top && /^\s*-\s/.test(line)) objects.push({});
    const m = /^[\s-]*(objectName|objectType)\s*:\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    if (objects.length === 0) objects.push({});
    objects[objects.length - 1][m[1] as "objectName" | "objectType"] = unquote(m[2]);
  }
  return objects.filter((o): o is SecretObject => typeof o.objectName === "string");
}
