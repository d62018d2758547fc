import { z } from 'zod';
import { ServerIdSchema } from './server-schemas.js';

/** Shell ids are made by main (random), never by the renderer. */
export const ShellIdSchema = z.string().regex(/^sh-[a-z0-9]{8,32}$/, 'not a shell id');

/** A terminal size in character cells; bounded so a broken window cannot ask for a huge PTY. */
const ColsSchema = z.number().int().min(2).max(1000);
const RowsSchema = z.number().int().min(1).max(500);

/** Whether the shell was still open: input, resizes and closes after it ended are not errors (shell.exit says why). */
const StillOpenSchema = z.object({ open: z.boolean() });

/**
 * An interactive root shell on a connected server: a PTY over the server's one SSH connection.
 * Output arrives as shell.output events (paced by the window's acknowledgements), the end as shell.exit.
 */
export const shellCalls = {
  'shell.open': {
    input: z.object({ serverId: ServerIdSchema, cols: ColsSchema, rows: RowsSchema }).strict(),
    output: z.object({ shellId: ShellIdSchema }),
  },
  /** Keystrokes and pastes, as the terminal produced them; a big paste is sent in several calls. */
  'shell.input': {
    input: z.object({ shellId: ShellIdSchema, data: z.string().min(1).max(65_536) }).strict(),
    output: StillOpenSchema,
  },
  'shell.resize': {
    input: z.object({ shellId: ShellIdSchema, cols: ColsSchema, rows: RowsSchema }).strict(),
    output: StillOpenSchema,
  },
  'shell.close': {
    input: z.object({ shellId: ShellIdSchema }).strict(),
    output: StillOpenSchema,
  },
} as const;

export const shellEvents = {
  'shell.output': z.object({ shellId: ShellIdSchema, data: z.string() }),
  /** The shell ended: its exit code when the server said one (not after a lost connection). */
  'shell.exit': z.object({ shellId: ShellIdSchema, code: z.number().int().optional() }),
} as const;
