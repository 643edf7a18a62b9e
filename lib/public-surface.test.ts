import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The library's public surface, checked from the source: every exported declaration carries a
 * JSDoc comment, and the entry points export what they promise (and nothing internal).
 */

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const lib = join(root, 'lib');

/** Every non-test `.ts` file under `dir`, skipping `test-utils/`. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test-utils' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test(-d)?\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const libraryFiles = [
  ...sourceFiles(join(lib, 'auth')),
  ...sourceFiles(join(lib, 'logto')),
  join(lib, 'config.ts'),
  join(lib, 'safe-redirect.ts'),
];

const parsed = new Map<string, ts.SourceFile>();
function parse(path: string): ts.SourceFile {
  let file = parsed.get(path);
  if (!file) {
    file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true, path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    parsed.set(path, file);
  }
  return file;
}

const isExported = (node: ts.Node): boolean =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);

/** Whether `node` has a `/** … *\/` comment with some text or a tag. */
function hasJsDoc(node: ts.Node): boolean {
  return ts
    .getJSDocCommentsAndTags(node)
    .some((doc) => (ts.isJSDoc(doc) ? Boolean(ts.getTextOfJSDocComment(doc.comment)?.trim()) || Boolean(doc.tags?.length) : true));
}

function declaredNames(statement: ts.Statement): string[] {
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.map((declaration) => declaration.name.getText());
  }
  const name = (statement as ts.DeclarationStatement).name;
  return [name ? name.getText() : 'default'];
}

/** The top-level declaration of `name` in `file`, for `export { name }` without `from`. */
function localDeclaration(file: ts.SourceFile, name: string): ts.Node | undefined {
  for (const statement of file.statements) {
    if (ts.isVariableStatement(statement)) {
      if (statement.declarationList.declarations.some((declaration) => declaration.name.getText() === name)) return statement;
    } else if ((statement as ts.DeclarationStatement).name?.getText() === name) {
      return statement;
    }
  }
  return undefined;
}

/** `file:line name` for every exported declaration of `path` without a JSDoc comment. */
function undocumentedExports(path: string): string[] {
  const file = parse(path);
  const where = (node: ts.Node) =>
    `${relative(root, path)}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}`;
  const missing: string[] = [];
  for (const statement of file.statements) {
    if (ts.isExportDeclaration(statement)) {
      // `export { … } from` and `export * from` re-export declarations documented where they live.
      if (statement.moduleSpecifier || !statement.exportClause || !ts.isNamedExports(statement.exportClause)) continue;
      for (const element of statement.exportClause.elements) {
        const local = (element.propertyName ?? element.name).getText();
        const declaration = localDeclaration(file, local);
        if (declaration && !hasJsDoc(declaration)) missing.push(`${where(declaration)} ${element.name.getText()}`);
      }
    } else if (ts.isExportAssignment(statement)) {
      if (!hasJsDoc(statement)) missing.push(`${where(statement)} default`);
    } else if (isExported(statement) && !hasJsDoc(statement)) {
      for (const name of declaredNames(statement)) missing.push(`${where(statement)} ${name}`);
    }
  }
  return missing;
}

/** Resolves a module specifier of `from` to a `.ts` file: relative, or `@/` from the repository root. */
function resolveModule(from: string, specifier: string): string | undefined {
  const base = specifier.startsWith('@/')
    ? join(root, specifier.slice(2))
    : specifier.startsWith('.')
      ? resolve(dirname(from), specifier)
      : undefined;
  if (!base) return undefined;
  // Inside lib/ relative specifiers name the emitted file (`./seal.js` for `./seal.ts`).
  const source = base.replace(/\.js$/, '');
  return [`${source}.ts`, join(source, 'index.ts')].find((candidate) => {
    try {
      return statSync(candidate).isFile();
    } catch {
      return false;
    }
  });
}

/** Every name a module exports, with whether it is a value (not type-only); `export *` is followed. */
function exportedNames(path: string, seen = new Set<string>()): Map<string, { value: boolean }> {
  const names = new Map<string, { value: boolean }>();
  if (seen.has(path)) return names;
  seen.add(path);
  const file = parse(path);
  for (const statement of file.statements) {
    if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      if (!clause) {
        const target = statement.moduleSpecifier && resolveModule(path, (statement.moduleSpecifier as ts.StringLiteral).text);
        if (!target) throw new Error(`${relative(root, path)}: cannot follow ${statement.getText(file)}`);
        for (const [name, kind] of exportedNames(target, seen)) {
          if (name !== 'default') names.set(name, { value: kind.value && !statement.isTypeOnly });
        }
      } else if (ts.isNamedExports(clause)) {
        for (const element of clause.elements) {
          names.set(element.name.getText(), { value: !statement.isTypeOnly && !element.isTypeOnly });
        }
      } else {
        names.set(clause.name.getText(), { value: !statement.isTypeOnly });
      }
    } else if (ts.isExportAssignment(statement)) {
      names.set('default', { value: true });
    } else if (isExported(statement)) {
      const value = !ts.isInterfaceDeclaration(statement) && !ts.isTypeAliasDeclaration(statement);
      for (const name of declaredNames(statement)) names.set(name, { value });
    }
  }
  return names;
}

/** Every `.ts` and `.tsx` file under `dir`. */
function appFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return appFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every module `file` names: imports, re-exports, `import()` and `vi.mock()`. */
function moduleSpecifiers(file: ts.SourceFile): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
      const callee = node.expression.getText(file);
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword || callee === 'vi.mock' || callee === 'require') found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** The package's entry points, as the demo (and any app) imports them. */
const entryPoints = ['next-logto', 'next-logto/client', 'next-logto/oidc'];

/**
 * The imports in `file` that do not go through the package's entry points: any path into `lib/`
 * (`@/lib/…` or relative), and any `next-logto/…` subpath the package does not export.
 */
function importsPastTheIndex(path: string, file: ts.SourceFile): string[] {
  return moduleSpecifiers(file).filter((specifier) => {
    if (specifier === 'next-logto' || specifier.startsWith('next-logto/')) return !entryPoints.includes(specifier);
    const target = specifier.startsWith('@/') ? join(root, specifier.slice(2)) : specifier.startsWith('.') ? resolve(dirname(path), specifier) : undefined;
    return target !== undefined && (target === lib || target.startsWith(`${lib}/`));
  });
}

const parseApp = (path: string) =>
  ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true, path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);

describe('the app', () => {
  it('imports the library only by its package name (`next-logto`, `/client`, `/oidc`)', () => {
    const files = [...appFiles(join(root, 'app')), join(root, 'middleware.ts')];
    expect(files.length).toBeGreaterThan(10);
    // The app's own tests may drive the library's test utilities (never packed); nothing else.
    const allowed = (path: string, specifier: string) => path.endsWith('.test.ts') && /(^|\/)lib\/auth\/test-utils\//.test(specifier);
    const offending = files.flatMap((path) =>
      importsPastTheIndex(path, parseApp(path))
        .filter((specifier) => !allowed(path, specifier))
        .map((specifier) => `${relative(root, path)}: ${specifier}`),
    );
    expect(offending, `Import these from 'next-logto', 'next-logto/client' or 'next-logto/oidc' (export them from lib/auth/index.ts, lib/auth/client/index.ts or lib/logto/index.ts if they are public):\n${offending.join('\n')}\n`).toEqual([]);
  });

  it('detects an import past the entry points, however it is written', () => {
    const path = join(root, 'app', '_demo', '__fixture__.ts');
    const file = ts.createSourceFile(
      path,
      [
        "import { createLogto } from 'next-logto';",
        "import { useLogtoSession } from 'next-logto/client';",
        "import { scopesOf } from 'next-logto/oidc';",
        "import { createLogto as viaPath } from '@/lib/auth';",
        "import type { LogtoTypes } from '../../lib/auth/index';",
        "import type { SessionData } from '@/lib/auth/cookies/session-data';",
        "import type { TokenNeeds } from '../../lib/auth/refresh/token-needs.js';",
        "export { seal } from '@/lib/auth/cookies/seal.ts';",
        "import type { LogtoConfig } from '@/lib/config';",
        "import { claims } from '@/lib/logto/claims';",
        "import { toSafeReturnTo } from '@/lib/safe-redirect';",
        "import { seal as deep } from 'next-logto/dist/auth/cookies/seal.js';",
        "vi.mock('@/lib/auth/logto-client');",
        "const later = () => import('@/lib/auth/server/server');",
        "import { other } from '@/app/_demo/logto';",
      ].join('\n'),
      ts.ScriptTarget.Latest,
      true,
      ts.ScriptKind.TS,
    );
    expect(importsPastTheIndex(path, file)).toEqual([
      '@/lib/auth',
      '../../lib/auth/index',
      '@/lib/auth/cookies/session-data',
      '../../lib/auth/refresh/token-needs.js',
      '@/lib/auth/cookies/seal.ts',
      '@/lib/config',
      '@/lib/logto/claims',
      '@/lib/safe-redirect',
      'next-logto/dist/auth/cookies/seal.js',
      '@/lib/auth/logto-client',
      '@/lib/auth/server/server',
    ]);
  });
});

describe('public surface', () => {
  it('finds the library files', () => {
    const relativePaths = libraryFiles.map((path) => relative(root, path));
    expect(relativePaths).toEqual(
      expect.arrayContaining(['lib/auth/index.ts', 'lib/auth/create-logto.ts', 'lib/logto/index.ts', 'lib/config.ts', 'lib/safe-redirect.ts']),
    );
    expect(relativePaths.some((path) => path.endsWith('.test.ts') || path.includes('test-utils'))).toBe(false);
  });

  it('documents every exported declaration with a JSDoc comment', () => {
    const missing = libraryFiles.flatMap(undocumentedExports);
    expect(missing, `Exported without a JSDoc comment (/** … */):\n${missing.join('\n')}\n`).toEqual([]);
  });

  it('keeps the trust-boundary assert* helpers out of lib/logto/index.ts', () => {
    const exported = [...exportedNames(join(lib, 'logto', 'index.ts')).keys()];
    // The narrowing helpers themselves, whatever they are called.
    const internal = [...exportedNames(join(lib, 'logto', 'assert.ts')).keys(), ...exportedNames(join(lib, 'logto', 'claim-assertions.ts')).keys()];
    expect(exported.filter((name) => internal.includes(name))).toEqual([]);
    // And no assert* name at all.
    expect(exported.filter((name) => /^assert/.test(name))).toEqual([]);
  });

  it('exports createLogto (a value) from lib/auth/index.ts', () => {
    expect(exportedNames(join(lib, 'auth', 'index.ts')).get('createLogto')).toEqual({ value: true });
  });

  it('detects what it is meant to detect', () => {
    const path = join(lib, '__surface-fixture__.ts');
    parsed.set(
      path,
      ts.createSourceFile(
        path,
        [
          '/** Documented. */ export function a() {}',
          'export function b() {}',
          '// A line comment is not JSDoc.',
          'export const c = 1, d = 2;',
          '/* Nor is a block comment. */ export interface E {}',
          '/** */ export type F = string;',
          'const g = 1;',
          'export { g };',
          "export { h } from './h';",
          "export type { I } from './i';",
          '/** @internal */ export class J {}',
        ].join('\n'),
        ts.ScriptTarget.Latest,
        true,
        ts.ScriptKind.TS,
      ),
    );
    try {
      expect(undocumentedExports(path).map((entry) => entry.split(' ')[1])).toEqual(['b', 'c', 'd', 'E', 'F', 'g']);
      expect(Object.fromEntries(exportedNames(path))).toMatchObject({ a: { value: true }, E: { value: false }, h: { value: true }, I: { value: false } });
    } finally {
      parsed.delete(path);
    }
  });
});
