// The layers are enforced by the lint (eslint.config.js), not hoped for: each wrong import below
// is one a newcomer could write, and each must fail with the rule's message; the right ones pass.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: root });

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('layer rules', () => {
  it('refuse a renderer file that imports main, the agent or Node', async () => {
    const file = 'renderer/src/features/dns/Example.tsx';
    expect(
      await restrictedImports(
        file,
        "import { ServerManager } from '../../../../electron/services/servers/server-manager';\nexport const x = ServerManager;\n",
      ),
    ).toEqual([expect.stringContaining('only through the renderer contract')]);
    expect(
      await restrictedImports(
        file,
        "import { detectStack } from '../../../../remote-agent/src/stack/detect';\nexport const x = detectStack;\n",
      ),
    ).toEqual([expect.stringContaining('never imports the agent')]);
    expect(
      await restrictedImports(file, "import { readFile } from 'node:fs/promises';\nexport const x = readFile;\n"),
    ).toEqual([expect.stringContaining('no Node modules')]);
  });

  it('let the renderer import the renderer contract and common/', async () => {
    const file = 'renderer/src/features/dns/Example.tsx';
    const code = [
      "import { calls } from '../../../../electron/contract/contract';",
      "import { toAsciiDomain } from '../../../../common/values/domain';",
      'export const x = [calls, toAsciiDomain];',
    ].join('\n');
    expect(await restrictedImports(file, code)).toEqual([]);
  });

  it('refuse an agent file that imports main or the renderer, and common/ importing any side', async () => {
    expect(
      await restrictedImports(
        'remote-agent/src/stack/example.ts',
        "import { AgentRpcClient } from '../../../electron/agent/rpc-client.js';\nexport const x = AgentRpcClient;\n",
      ),
    ).toEqual([expect.stringContaining('imports only common/')]);
    for (const target of [
      '../../electron/contract/contract.js',
      '../../remote-agent/src/main.js',
      '../../renderer/src/App.js',
    ]) {
      expect(
        await restrictedImports('common/dns/example.ts', `import * as x from '${target}';\nexport { x };\n`),
      ).toEqual([expect.stringContaining('imports none of them')]);
    }
  });

  it('refuse main importing the renderer or the agent', async () => {
    const file = 'electron/services/dns/example.ts';
    expect(
      await restrictedImports(
        file,
        "import { api } from '../../../renderer/src/api/index.js';\nexport const x = api;\n",
      ),
    ).toEqual([expect.stringContaining('never imports the renderer')]);
    expect(
      await restrictedImports(
        file,
        "import { createHandlers } from '../../../remote-agent/src/server/handlers.js';\nexport const x = createHandlers;\n",
      ),
    ).toEqual([expect.stringContaining('through its contract')]);
  });
});
