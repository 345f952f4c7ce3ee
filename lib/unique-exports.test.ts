import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// One name, one meaning: no two modules of the app export the same name for different things, so a
// reader (or an editor's auto-import) never has to ask which `placeOrder` this is. Re-exports of the
// same thing (`export { x } from "./y"`) are not new names. Next's file conventions are exempt: every
// route has its own `default`, `GET` or `metadata` by design.

const ROOTS = ["app", "components", "lib"];

const NEXT_CONVENTIONS = new Set([
  "default",
  "metadata",
  "generateMetadata",
  "generateStaticParams",
  "generateViewport",
  "viewport",
  "config",
  "dynamic",
  "dynamicParams",
  "revalidate",
  "fetchCache",
  "runtime",
  "preferredRegion",
  "maxDuration",
  "GET",
  "HEAD",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "OPTIONS",
]);

/** The names a module declares and exports itself, `default` included. */
function exportedNames(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const declared = new Set<string>();
  const exported = new Set<string>();
  for (const statement of file.statements) {
    const modifiers = ts.canHaveModifiers(statement) ? (ts.getModifiers(statement) ?? []) : [];
    const isExported = modifiers.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
    const isDefault = modifiers.some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword);
    const names = ts.isVariableStatement(statement)
      ? statement.declarationList.declarations.flatMap((declaration) =>
          ts.isIdentifier(declaration.name) ? [declaration.name.text] : [],
        )
      : "name" in statement && statement.name && ts.isIdentifier(statement.name as ts.Node)
        ? [(statement.name as ts.Identifier).text]
        : [];
    for (const name of names) declared.add(name);
    if (isDefault || ts.isExportAssignment(statement)) exported.add("default");
    else if (isExported) for (const name of names) exported.add(name);
  }
  for (const statement of file.statements) {
    if (!ts.isExportDeclaration(statement) || statement.moduleSpecifier) continue;
    const clause = statement.exportClause;
    if (!clause || !ts.isNamedExports(clause)) continue;
    for (const element of clause.elements) {
      if (declared.has((element.propertyName ?? element.name).text)) exported.add(element.name.text);
    }
  }
  return [...exported];
}

/** Each exported name that more than one module declares, with those modules. */
function duplicateExports(modules: { file: string; source: string }[]): Record<string, string[]> {
  const owners = new Map<string, string[]>();
  for (const { file, source } of modules) {
    for (const name of exportedNames(file, source)) {
      if (NEXT_CONVENTIONS.has(name)) continue;
      owners.set(name, [...(owners.get(name) ?? []), file]);
    }
  }
  return Object.fromEntries([...owners].filter(([, files]) => files.length > 1));
}

function sources(root: string): { file: string; source: string }[] {
  return readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && !file.endsWith(".d.ts"))
    .map((file) => path.join(root, file))
    .map((file) => ({ file, source: readFileSync(file, "utf8") }));
}

describe("exported names", () => {
  it("finds a name two modules export for different things, and nothing else", () => {
    expect(
      duplicateExports([
        { file: "lib/a.ts", source: "export async function placeOrder() {}\nexport const own = 1;" },
        { file: "app/b.ts", source: 'const placeOrder = 2;\nexport { placeOrder };\nexport { own } from "@/lib/a";' },
        { file: "app/page.tsx", source: "export default function Page() {}\nexport const metadata = {};" },
        { file: "app/other/page.tsx", source: "export default function Other() {}\nexport type Own = string;" },
      ]),
    ).toEqual({ placeOrder: ["lib/a.ts", "app/b.ts"] });
  });

  it("are each exported by one module across app/, components/ and lib/", () => {
    expect(duplicateExports(ROOTS.flatMap(sources))).toEqual({});
  });
});
