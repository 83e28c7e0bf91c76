/**
 * The public API report: every name the package entry (`components/index.ts`) exports, with its kind and
 * declared type, as Markdown (`docs/api.md`). A test fails when the report is stale, so the public surface
 * changes only on purpose (regenerate with `npm run api-report`, which runs `generate-api-report.ts`), and
 * when a doc or example imports a name from "hardened-cluster" that the entry does not export.
 */
import * as path from "node:path";
import * as ts from "typescript";

/** The package entry whose exports form the public API. */
export const API_ENTRY = path.resolve(__dirname, "..", "components", "index.ts");

/** One exported name. */
export interface ApiEntry {
  readonly name: string;
  /** `class`, `function`, `const`, `type`, `interface`, … */
  readonly kind: string;
  /** Type as the checker prints it (constructor signature for classes). */
  readonly signature: string;
}

function kindOf(symbol: ts.Symbol): string {
  const flags = symbol.flags;
  if (flags & ts.SymbolFlags.Class) return "class";
  if (flags & ts.SymbolFlags.Function) return "function";
  if (flags & ts.SymbolFlags.Interface) return "interface";
  if (flags & ts.SymbolFlags.TypeAlias) return "type";
  if (flags & ts.SymbolFlags.Enum) return "enum";
  if (flags & ts.SymbolFlags.Variable) return "const";
  return "other";
}

const FORMAT = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.WriteArrowStyleSignature;

function print(checker: ts.TypeChecker, type: ts.Type): string {
  return checker.typeToString(type, undefined, FORMAT).replace(/import\("[^"]*"\)\./g, "");
}

/** Members of an object type as `name?: type; …` (what a consumer relies on). */
function members(checker: ts.TypeChecker, type: ts.Type, at: ts.Node | undefined): string {
  return type
    .getProperties()
    .filter((property) => !property.declarations?.some((d) => d.getSourceFile().fileName.includes("/node_modules/@pulumi/pulumi/")))
    .map((property) => {
      const optional = property.flags & ts.SymbolFlags.Optional ? "?" : "";
      const propertyType = at ? checker.getTypeOfSymbolAtLocation(property, at) : checker.getDeclaredTypeOfSymbol(property);
      return `${property.name}${optional}: ${print(checker, propertyType)}`;
    })
    .join("; ");
}

/** Interfaces and classes by their members (constructor too), everything else by its type. */
function describe(checker: ts.TypeChecker, kind: string, type: ts.Type, at: ts.Node | undefined): string {
  if (kind === "interface" || (kind === "type" && type.isIntersection()) || (kind === "type" && type.getFlags() & ts.TypeFlags.Object)) {
    return `{ ${members(checker, type, at)} }`;
  }
  if (kind === "class") {
    const constructors = type.getConstructSignatures().map((signature) => `new (${signature.getParameters().map((p) => `${p.name}: ${at ? print(checker, checker.getTypeOfSymbolAtLocation(p, at)) : "?"}`).join(", ")})`);
    const instance = type.getConstructSignatures()[0]?.getReturnType();
    return `${constructors.join(" | ")}${instance ? ` → { ${members(checker, instance, at)} }` : ""}`;
  }
  return print(checker, type);
}

/** A type checker over the package entry and the symbols it exports (shared by the report and its doc test). */
export function entryExports(entry = API_ENTRY): { checker: ts.TypeChecker; exports: ts.Symbol[] } {
  const program = ts.createProgram([entry], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    types: ["node"],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`${entry}: not found or not a module`);
  return { checker, exports: checker.getExportsOfModule(moduleSymbol) };
}

/** The exported names of the entry, sorted, with their kind and type. */
export function apiEntries(entry = API_ENTRY): ApiEntry[] {
  const { checker, exports } = entryExports(entry);
  return exports
    .map((exported) => {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const kind = kindOf(symbol);
      const declaration = symbol.declarations?.[0];
      const type =
        kind === "type" || kind === "interface"
          ? checker.getDeclaredTypeOfSymbol(symbol)
          : declaration
            ? checker.getTypeOfSymbolAtLocation(symbol, declaration)
            : undefined;
      return { name: exported.name, kind, signature: type ? describe(checker, kind, type, declaration) : "" };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The Markdown report. */
export function apiReport(entries: readonly ApiEntry[] = apiEntries()): string {
  const rows = entries.map((e) => `| \`${e.name}\` | ${e.kind} | \`${e.signature.replace(/\|/g, "\\|").replace(/\s+/g, " ")}\` |`);
  return [
    "# Public API of `hardened-cluster`",
    "",
    "Generated by `npm run api-report` from `components/index.ts` (the package entry); a test fails when it is",
    "stale, so the public surface changes only on purpose. Each component's arguments are documented field by",
    "field in its `*Args` interface (shown by your editor).",
    "",
    `${entries.length} exported names.`,
    "",
    "| name | kind | type |",
    "|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}
