/**
 * Loads the seed (`emulator/seed.json` or an inline document): `{{baseUrl}}` becomes the public
 * base URL, then the document is checked against `seed-schema.ts` and `seed-references.ts`, and
 * every problem is reported at once, path-style (`users[1].roles[0]: unknown role "admin"`).
 */
import { readFile } from 'node:fs/promises';

import type { z } from 'zod';

import { referenceProblems } from './seed-references';
import { seedSchema } from './seed-schema';
import type { Seed } from './types';

const BASE_URL_PLACEHOLDER = /\{\{baseUrl\}\}/g;

/** Reads `path`, substitutes `{{baseUrl}}` and validates it (see {@link parseSeed}). */
export async function loadSeedFile(path: string, baseUrl: string): Promise<Seed> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (cause) {
    throw new Error(`emulator seed: cannot read ${path}`, { cause });
  }
  return parseSeed(raw, baseUrl);
}

/** Validates a seed document and returns it typed, with defaults filled in; throws listing every problem. */
export function parseSeed(raw: unknown, baseUrl: string): Seed {
  const doc = substitute(raw, baseUrl.replace(/\/$/, ''));
  const result = seedSchema.safeParse(doc);
  const problems = [...(result.success ? [] : result.error.issues.map(describeIssue)), ...referenceProblems(doc)];
  if (problems.length > 0 || !result.success) {
    throw new Error(`emulator seed is invalid:\n  ${problems.join('\n  ')}`);
  }
  return result.data;
}

/** `users[0].roles[1]: unknown role "x"`; `$` is the document itself. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
  return `${path || '$'}: ${issue.message}`;
}

function substitute(value: unknown, baseUrl: string): unknown {
  if (typeof value === 'string') {
    return value.replace(BASE_URL_PLACEHOLDER, baseUrl);
  }
  if (Array.isArray(value)) {
    return value.map((item) => substitute(item, baseUrl));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, baseUrl)]));
  }
  return value;
}
