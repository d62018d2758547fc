import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../../common/errors/app-error.js';

/**
 * The stack's .env as lines: read a key the way dotenv and compose do, change one key's line
 * (or append it), and write everything else back byte for byte. An install adopted from
 * upstream's setup.sh keeps its comments, order and quoting; only the lines we set change.
 */

/** `  export KEY = value`: group 1 is everything up to and including "=", kept when the value changes. */
const ASSIGNMENT = /^(\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=)(.*)$/;
const KEY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/**
 * What compose v1, compose v2 and the app's dotenv do not read alike: whitespace and newlines end or
 * trim a value, '#' may start a comment, '$' is substituted by compose, quotes and backslashes are
 * unquoted or escaped differently. A value without them reads the same everywhere.
 */
const UNSAFE_VALUE = /[\s#$'"`\\]/;

export class EnvFile {
  private constructor(
    /** Each line without its "\n" (a CRLF file's "\r" stays in the line, so it is written back as it was). */
    private readonly lines: string[],
    private endsWithNewline: boolean,
    private readonly crlf: boolean,
  ) {}

  static parse(text: string): EnvFile {
    if (text === '') return new EnvFile([], true, false);
    const lines = text.split('\n');
    const endsWithNewline = lines[lines.length - 1] === '';
    if (endsWithNewline) lines.pop();
    return new EnvFile(lines, endsWithNewline, lines[0]?.endsWith('\r') ?? false);
  }

  /** The value of the key's last assignment (the one every reader ends up with), or undefined. */
  get(key: string): string | undefined {
    const index = this.lastLineOf(key);
    if (index < 0) return undefined;
    const match = ASSIGNMENT.exec(stripCr(this.lines[index]!));
    return match ? readValue(match[3]!) : undefined;
  }

  has(key: string): boolean {
    return this.lastLineOf(key) >= 0;
  }

  /**
   * Writes `KEY=value` literally: replaces the key's effective line (keeping an `export ` prefix
   * and the line ending) or appends a line. Refuses, naming the key, a value that the three
   * readers would not read alike; nothing is changed then.
   */
  set(key: string, value: string): void {
    assertWritable(key, value);
    const index = this.lastLineOf(key);
    if (index >= 0) {
      const line = this.lines[index]!;
      const prefix = ASSIGNMENT.exec(stripCr(line))![1]!;
      this.lines[index] = `${prefix}${value}${line.endsWith('\r') ? '\r' : ''}`;
      return;
    }
    // A last line without its newline gets one, or the new key would be glued onto it.
    this.endsWithNewline = true;
    this.lines.push(`${key}=${value}${this.crlf ? '\r' : ''}`);
  }

  toString(): string {
    if (this.lines.length === 0) return '';
    return this.lines.join('\n') + (this.endsWithNewline ? '\n' : '');
  }

  private lastLineOf(key: string): number {
    for (let index = this.lines.length - 1; index >= 0; index--) {
      if (ASSIGNMENT.exec(stripCr(this.lines[index]!))?.[2] === key) return index;
    }
    return -1;
  }
}

/** Throws stack.invalidOptions naming the key; the value itself is never put in the error (it may be a secret). */
export function assertWritable(key: string, value: string): void {
  if (!KEY_NAME.test(key)) {
    throw new AppError('stack.invalidOptions', { params: { field: key }, detail: 'not a valid .env key name' });
  }
  if (UNSAFE_VALUE.test(value)) {
    throw new AppError('stack.invalidOptions', {
      params: { field: key },
      detail: `the value for ${key} contains whitespace, '#', '$', a quote or a backslash, which .env readers disagree on`,
    });
  }
}

/**
 * dotenv-style value: a value in single or double quotes is what is between them (escapes are not
 * interpreted: values we rely on have none); otherwise the text up to a " #" comment, trimmed.
 */
function readValue(raw: string): string {
  const text = raw.trim();
  const quote = text[0];
  if (quote === '"' || quote === "'") {
    const end = text.indexOf(quote, 1);
    if (end > 0) return text.slice(1, end);
  }
  const comment = text.search(/\s#/);
  return (comment >= 0 ? text.slice(0, comment) : text).trim();
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/** Larger than any .env (upstream's full copy is ~40 KiB); a bigger file is not one we should parse. */
const MAX_ENV_BYTES = 1024 * 1024;

/** The .env's text and mode, or undefined when there is none. Anything else unreadable is stack.envUnreadable. */
export async function readEnvFile(file: string): Promise<{ text: string; mode: number } | undefined> {
  const unreadable = (detail: string) =>
    new AppError('stack.envUnreadable', { params: { file: path.basename(file) }, detail: `${file}: ${detail}` });
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw unreadable((error as NodeJS.ErrnoException).code ?? 'cannot stat');
  }
  if (!info.isFile()) throw unreadable('not a regular file');
  if (info.size > MAX_ENV_BYTES) throw unreadable(`larger than ${MAX_ENV_BYTES} bytes`);
  try {
    return { text: await readFile(file, 'utf8'), mode: info.mode & 0o7777 };
  } catch (error) {
    throw unreadable((error as NodeJS.ErrnoException).code ?? 'cannot read');
  }
}
