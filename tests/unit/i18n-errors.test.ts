import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REASONS } from '../../client/src/i18n/errors.en';

const ROOT = path.join(import.meta.dirname, '../..');
/** Every `.ts` file under a folder. */
const sources = (dir: string): string[] =>
  readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));

describe('server refusals in English', () => {
  it('every reason the server and the shared rules refuse with has an English sentence', () => {
    const reasons = new Set<string>();
    const patterns = [/refuse\(\s*'(?:conflict|not_found|invalid|forbidden|rate_limited)',\s*'([a-z_]+)'/g, /refuse\(\s*'([a-z_]+)'/g, /DomainError\(\s*'[a-z_]+',\s*'([a-z_]+)'/g, /reason: '([a-z_]+)'/g];
    for (const file of [...sources('shared/src'), ...sources('server/src')]) {
      const text = readFileSync(file, 'utf8');
      for (const pattern of patterns) for (const match of text.matchAll(pattern)) reasons.add(match[1]!);
    }
    for (const code of ['conflict', 'not_found', 'invalid', 'forbidden', 'rate_limited']) reasons.delete(code);
    expect(reasons.size).toBeGreaterThan(50);
    expect([...reasons].filter((reason) => !(reason in REASONS))).toEqual([]);
  });
});
