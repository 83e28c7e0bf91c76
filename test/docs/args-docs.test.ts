/**
 * Every field of every exported component `*Args` type of the package entry carries a TSDoc comment, so a team
 * reads what a field is, its default and its constraint in the editor (as `@pulumi/eks` documents `ClusterOptions`).
 */
import * as path from "node:path";
import * as ts from "typescript";
import { API_ENTRY, entryExports } from "../../scripts/api-report";

/** `Args.field` of every exported `*Args` property declared in this repository without a doc comment. */
function undocumentedArgsFields(entry = API_ENTRY): { checked: string[]; missing: string[] } {
  const { checker, exports } = entryExports(entry);
  const checked: string[] = [];
  const missing: string[] = [];
  for (const exported of exports) {
    if (!exported.name.endsWith("Args")) continue;
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (!(symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias))) continue;
    for (const property of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol))) {
      const declarations = (property.declarations ?? []).filter((d) => !d.getSourceFile().fileName.includes("/node_modules/"));
      if (declarations.length === 0) continue;
      checked.push(`${exported.name}.${property.name}`);
      const documented = declarations.some(
        (d) => ts.isPropertySignature(d) || ts.isPropertyDeclaration(d) || ts.isPropertyAssignment(d)
          ? ts.getJSDocCommentsAndTags(d).some((doc) => ts.isJSDoc(doc) && (doc.comment ?? "").toString().trim().length > 0)
          : false,
      );
      if (!documented) missing.push(`${exported.name}.${property.name} (${path.relative(path.dirname(entry), declarations[0].getSourceFile().fileName)})`);
    }
  }
  return { checked, missing };
}

describe("exported *Args types", () => {
  const { checked, missing } = undocumentedArgsFields();

  it("are found (the check reads the package entry)", () => {
    expect(checked).toEqual(expect.arrayContaining(["TenantArgs.name", "TenantArgs.clusterName", "TenantArgs.roles", "NodePoolArgs.clusterName"]));
  });

  it("document every field with a TSDoc comment", () => {
    expect(missing).toEqual([]);
  });
});
