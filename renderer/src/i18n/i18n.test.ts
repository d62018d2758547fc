import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../common/errors/error-codes';
import { preflightChecks } from '../../../common/agent-contract';
import { messages } from './resources';

const { en, nl } = messages;

/** Words that are the same in English and Dutch, so a Dutch value may equal the English one. */
const SAME_IN_BOTH = new Set([
  'Mailharbor',
  'Servers',
  'Dashboard',
  'English',
  'Nederlands',
  'macOS',
  'Windows',
  'Linux',
  'Server',
  'Type',
  'Protocol',
  'SSL/TLS',
  'STARTTLS',
  'Amazon S3',
  'Cloudflare R2',
  'Backblaze B2',
  'Wasabi',
  'MinIO',
  'Bucket',
]);

type Tree = { [key: string]: string | readonly string[] | Tree };

/** Every text by its key; a list of steps is one text (a translation may need one step more). */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') entries.set(path, value);
    else if (Array.isArray(value)) entries.set(path, value.join('\n'));
    else for (const [nested, text] of flatten(value as Tree, path)) entries.set(nested, text);
  }
  return entries;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((match) => match[1]!).sort();
}

const english = flatten(en);
const dutch = flatten(nl);

describe('interface text', () => {
  it('has exactly the same keys in English and Dutch', () => {
    expect([...dutch.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('uses the same {{placeholders}} in both languages', () => {
    for (const [key, text] of english) {
      expect(placeholders(dutch.get(key) ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('has a real Dutch translation for every text, apart from words that are the same in both', () => {
    const untranslated = [...english].filter(([key, text]) => dutch.get(key) === text && !SAME_IN_BOTH.has(text));
    expect(untranslated).toEqual([]);
  });

  it('has no empty texts', () => {
    for (const [key, text] of [...english, ...dutch]) expect(text.trim(), key).not.toBe('');
  });

  it('explains every error code (the app’s and the agent’s), with what happened and what to do next, in both languages', () => {
    const codes = [...ERROR_CODES];
    for (const code of codes) {
      for (const [language, texts] of [
        ['en', english],
        ['nl', dutch],
      ] as const) {
        expect(texts.get(`errors.${code}.title`), `${language}: ${code}.title`).toBeTruthy();
        expect(texts.get(`errors.${code}.next`), `${language}: ${code}.next`).toBeTruthy();
      }
    }
    expect(Object.keys(en.errors).sort()).toEqual(codes.sort());
  });

  it('words every preflight finding the agent can report (preflight.<id>.<status>), in both languages', () => {
    const expected = Object.entries(preflightChecks).flatMap(([id, statuses]) =>
      statuses.flatMap((status) => [`preflight.${id}.${status}.next`, `preflight.${id}.${status}.title`]),
    );
    for (const texts of [english, dutch]) {
      const present = [...texts.keys()].filter((key) => key.startsWith('preflight.'));
      expect(present.sort()).toEqual(expected.sort());
    }
  });
});
