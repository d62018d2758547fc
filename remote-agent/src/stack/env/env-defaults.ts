import { stackSources } from '../stack-sources.js';

/**
 * mail-stack/env.defaults read as data: every key the stack's .env needs, its shipped value and
 * who sets it. The grammar of the `# @` annotations is in mail-stack/README.md ("env.defaults
 * annotations"); this parser holds the shipped file to it, so a malformed annotation fails the
 * unit tests instead of an install.
 */

export type EnvSource = 'default' | 'derived' | 'release' | 'input' | 'generated';
export type EnvInputKind = 'domain' | 'profile' | 'text' | 'secret' | 'url';

export interface GeneratedSpec {
  format: 'hex' | 'alnum';
  /** hex: random bytes (2 × size digits); alnum: characters. */
  size: number;
  /** Appended literally (API_SECRETS ends in "," so the app reads a list). */
  suffix?: string;
  /** Values an older upstream shipped as defaults: they count as "not generated yet". */
  legacy: string[];
}

export interface EnvDefaultEntry {
  key: string;
  value: string;
  source: EnvSource;
  inputKind?: EnvInputKind;
  optional?: boolean;
  generated?: GeneratedSpec;
  /** A file the installer creates once, relative to the stack directory. */
  file?: { path: string; rsaBits: number };
}

const KEY_LINE = /^([A-Z][A-Z0-9_]*)=(.*)$/;
const INPUT = /^input (domain|profile|text|secret|url)( optional)?$/;
const GENERATED = /^generated (hex|alnum):([1-9][0-9]*)((?: \S+)*)$/;
const FILE = /^file (\S+) rsa:(2048|3072|4096)$/;
/** Far above any real secret; keeps a typo in the annotation from asking for megabytes of randomness. */
const MAX_GENERATED_SIZE = 1024;

export function parseEnvDefaults(text: string): EnvDefaultEntry[] {
  const entries: EnvDefaultEntry[] = [];
  const seen = new Set<string>();
  let annotations: { text: string; line: number }[] = [];
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = raw.replace(/\r$/, '');
    const lineNumber = index + 1;
    if (line.startsWith('# @')) {
      annotations.push({ text: line.slice(3), line: lineNumber });
      continue;
    }
    const keyLine = KEY_LINE.exec(line);
    if (keyLine) {
      const key = keyLine[1]!;
      if (seen.has(key)) throw grammarError(lineNumber, `${key} is defined twice`);
      seen.add(key);
      entries.push(toEntry(key, keyLine[2]!, annotations, lineNumber));
      annotations = [];
    } else if (line.trim() === '' || line.startsWith('#')) {
      // Prose belongs above the annotations (README grammar): anything between them and the key is a slip.
      if (annotations.length > 0) {
        throw grammarError(annotations[0]!.line, 'annotations must directly precede a KEY=value line');
      }
    } else {
      throw grammarError(lineNumber, 'expected a comment, a blank line or KEY=value');
    }
  }
  if (annotations.length > 0) throw grammarError(annotations[0]!.line, 'annotations at the end of the file');
  return entries;
}

function toEntry(
  key: string,
  value: string,
  annotations: { text: string; line: number }[],
  lineNumber: number,
): EnvDefaultEntry {
  let entry: EnvDefaultEntry | undefined;
  let file: EnvDefaultEntry['file'];
  for (const annotation of annotations) {
    const fileMatch = FILE.exec(annotation.text);
    if (fileMatch) {
      if (file) throw grammarError(annotation.line, `${key} has two @file annotations`);
      file = { path: checkedRelativePath(fileMatch[1]!, annotation.line), rsaBits: Number(fileMatch[2]) };
      continue;
    }
    if (entry) throw grammarError(annotation.line, `${key} has more than one source annotation`);
    entry = parseSource(key, value, annotation.text, annotation.line);
  }
  if (!entry) throw grammarError(lineNumber, `${key} has no source annotation`);
  return file ? { ...entry, file } : entry;
}

function parseSource(key: string, value: string, text: string, line: number): EnvDefaultEntry {
  if (text === 'default' || text === 'derived' || text === 'release') return { key, value, source: text };
  const input = INPUT.exec(text);
  if (input) {
    const entry: EnvDefaultEntry = { key, value, source: 'input', inputKind: input[1] as EnvInputKind };
    return input[2] ? { ...entry, optional: true } : entry;
  }
  const generated = GENERATED.exec(text);
  if (generated) return { key, value, source: 'generated', generated: parseGenerated(generated, line) };
  throw grammarError(line, `unknown annotation "@${text}" on ${key}`);
}

function parseGenerated(match: RegExpExecArray, line: number): GeneratedSpec {
  const size = Number(match[2]);
  if (size > MAX_GENERATED_SIZE) throw grammarError(line, `generated size ${size} is above ${MAX_GENERATED_SIZE}`);
  const spec: GeneratedSpec = { format: match[1] as 'hex' | 'alnum', size, legacy: [] };
  for (const option of (match[3] ?? '').split(' ').filter(Boolean)) {
    const eq = option.indexOf('=');
    const name = option.slice(0, eq);
    const optionValue = option.slice(eq + 1);
    if (eq <= 0 || !optionValue) throw grammarError(line, `malformed option "${option}"`);
    if (name === 'legacy') spec.legacy.push(optionValue);
    else if (name === 'suffix' && spec.suffix === undefined) spec.suffix = optionValue;
    else throw grammarError(line, `unknown or repeated option "${name}"`);
  }
  return spec;
}

function checkedRelativePath(filePath: string, line: number): string {
  if (filePath.startsWith('/') || filePath.split('/').includes('..')) {
    throw grammarError(line, `@file path must stay inside the install directory: ${filePath}`);
  }
  return filePath;
}

function grammarError(line: number, message: string): Error {
  // A bug in the shipped file, caught by the unit tests; never the user's doing.
  return new Error(`env.defaults line ${line}: ${message}`);
}

let shipped: EnvDefaultEntry[] | undefined;

/** The entries of the env.defaults bundled into this agent (parsed once, on first use). */
export function shippedEnvDefaults(): EnvDefaultEntry[] {
  shipped ??= parseEnvDefaults(stackSources.envDefaults);
  return shipped;
}
