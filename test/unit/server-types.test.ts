/**
 * Type-level check of `wiro-agent-react/server` as a consumer compiles it: its declarations are emitted
 * from the sources, then two consumer files are type-checked against them with `skipLibCheck: false`:
 * one with no Node types at all (an edge or browser-typed project must be able to read the `.d.ts`),
 * one with `@types/node`, where `toNodeHandler` must plug into `http.createServer` and an
 * Express-shaped `app.use(path, handler)` without casts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const base: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  noEmit: true,
  skipLibCheck: false,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  typeRoots: [join(root, 'node_modules/@types')],
};

let dir: string;

function diagnosticsOf(program: ts.Program): string[] {
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

function check(file: string, source: string, types: string[]): string[] {
  const path = join(dir, file);
  writeFileSync(path, source);
  return diagnosticsOf(ts.createProgram([path], { ...base, types }));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wiro-server-types-'));
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  const emit = ts.createProgram([join(root, 'src/server.ts')], {
    ...base,
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    skipLibCheck: true,
    rootDir: join(root, 'src'),
    outDir: join(dir, 'dts'),
    types: ['node'],
  });
  const result = emit.emit();
  expect(result.diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('wiro-agent-react/server declarations', () => {
  it('type-check without @types/node (skipLibCheck false)', () => {
    const errors = check(
      'no-node.ts',
      `import { createAgentProxy, toNodeHandler, type NodeRequestListener } from './dts/server.js';
const proxy = createAgentProxy({ apiKey: 'k', useragentguid: 'g' });
const listener: NodeRequestListener = toNodeHandler(proxy);
export const answer: Promise<Response> = proxy(new Request('http://x/Send'));
export { listener };
`,
      [],
    );
    expect(errors).toEqual([]);
  }, 60_000);

  it('plug into node:http and an Express-shaped app.use without casts', () => {
    const errors = check(
      'with-node.ts',
      `import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createAgentProxy, toNodeHandler } from './dts/server.js';

const proxy = createAgentProxy({ apiKey: 'k', useragentguid: 'g' });
export const server = createServer(toNodeHandler(proxy));

// The shape of Express's types: its Request and Response extend Node's, and handlers get a next().
interface ExpressRequest extends IncomingMessage { body?: unknown; params: Record<string, string> }
interface ExpressResponse extends ServerResponse { locals: Record<string, unknown> }
type RequestHandler = (req: ExpressRequest, res: ExpressResponse, next: (error?: unknown) => void) => void;
declare const app: { use(path: string, ...handlers: RequestHandler[]): void };
app.use('/api/wiro', toNodeHandler(proxy));
`,
      ['node'],
    );
    expect(errors).toEqual([]);
  }, 60_000);
});
