import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'release/', 'node_modules/', 'test-results/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mjs,js}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  // The layers (docs/architecture.md): renderer -> electron's renderer contract -> main -> agent,
  // and common/ beneath them all. An import that crosses a layer the wrong way fails the lint.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)electron/(?!contract/)',
              message: 'The renderer talks to main only through the renderer contract (electron/contract/).',
            },
            {
              group: ['**/remote-agent/**'],
              message: 'The renderer never imports the agent: use common/ or the contract.',
            },
            { group: ['node:*'], message: 'The renderer runs in a sandboxed page: no Node modules.' },
          ],
        },
      ],
    },
  },
  {
    files: ['remote-agent/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'The agent runs on the VPS: it imports only common/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/electron/**', '**/remote-agent/**', '**/renderer/**'],
              message: 'common/ is what every side runs: it imports none of them.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/renderer/**'], message: 'Main never imports the renderer.' },
            {
              group: ['**/remote-agent/**'],
              message: 'Main talks to the agent through its contract (common/agent-contract.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Stand-in programs that run inside the test world's images on Debian's own Node (CommonJS).
    files: ['test/world/images/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-console': 'off' },
  },
  {
    // Command-line entry points, build scripts, tests and benchmarks talk to people on the console.
    files: ['build/**', 'test/**', 'bench/**', '**/cli.ts', 'electron/web/serve.ts', '.ci/**'],
    rules: { 'no-console': 'off' },
  },
);
