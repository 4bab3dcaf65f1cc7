import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { Config, readConfig } from '../../server/src/config';

/** `.env.example` lists every setting the server reads, and a default it shows is the one the server uses. */
const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
const shown = new Map([...example.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=(\S*)/gm)].map((m) => [m[1]!, m[2]!]));

/** A folder shown as `./data` is the default `data` folder resolved from where the server starts. */
const comparable = (value: unknown) => (typeof value === 'string' && /^\.{0,2}\//.test(value) ? path.resolve(value) : value);

it('names every setting of server/src/config.ts', () => {
  const missing = Object.keys(Config.shape).filter((key) => !shown.has(key));
  expect(missing).toEqual([]);
});

it('shows, for a setting left commented out that has a default, the value the server takes when it is unset', () => {
  const defaults = readConfig({}) as Record<string, unknown>;
  const commented = [...example.matchAll(/^# ([A-Z][A-Z0-9_]+)=(\S+)/gm)].filter((m) => m[1]! in Config.shape && defaults[m[1]!] !== undefined);
  expect(commented.length).toBeGreaterThan(10);
  for (const [, key, value] of commented) {
    const given = readConfig({ [key!]: value }) as Record<string, unknown>;
    expect({ key, value: comparable(given[key!]) }).toEqual({ key, value: comparable(defaults[key!]) });
  }
});
