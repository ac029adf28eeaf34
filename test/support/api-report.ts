import ts from 'typescript';
import { fileURLToPath } from 'node:url';

/** The package's entry points and the source file behind each (as in package.json's `exports`). */
export const ENTRY_SOURCES: Readonly<Record<string, string>> = {
  'wiro-agent-react': 'src/index.ts',
  'wiro-agent-react/core': 'src/core.ts',
  'wiro-agent-react/highlight': 'src/highlight/index.ts',
  'wiro-agent-react/math': 'src/math/index.ts',
  'wiro-agent-react/server': 'src/server.ts',
  'wiro-agent-react/testing': 'src/testing/index.ts',
  'wiro-agent-react/testing/msw': 'src/testing/msw-entry.ts',
  'wiro-agent-react/testing/node': 'src/testing/node.ts',
};

/** Every exported name of every entry, with `value` (exists at run time) or `type` (types only). */
export type ApiReport = Record<string, Record<string, 'value' | 'type'>>;

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * What each entry exports, read by the TypeScript compiler from the sources: the public surface as a
 * user's editor sees it, types included. `npm run api:update` writes it to api-report.json.
 */
export function buildApiReport(): ApiReport {
  const files = Object.values(ENTRY_SOURCES).map((file) => root + file);
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    jsx: ts.JsxEmit.ReactJSX,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
  });
  const checker = program.getTypeChecker();
  const report: ApiReport = {};
  for (const [entry, file] of Object.entries(ENTRY_SOURCES)) {
    const source = program.getSourceFile(root + file);
    const symbol = source && checker.getSymbolAtLocation(source);
    if (!symbol) throw new Error(`api report: cannot read ${file}`);
    const names: Record<string, 'value' | 'type'> = {};
    for (const exported of checker.getExportsOfModule(symbol).sort((a, b) => a.name.localeCompare(b.name))) {
      const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      names[exported.name] = target.flags & ts.SymbolFlags.Value ? 'value' : 'type';
    }
    report[entry] = names;
  }
  return report;
}
