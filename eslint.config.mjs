import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/**', 'bench/out/**', 'node_modules/**', 'artifacts/**', 'coverage/**', '.taro-cache/**', '.swc/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The domain stays free of Taro so it runs anywhere (tests, a server, another client); it may
    // use the contract's plain types (src/contract/index.ts), never its zod schemas.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@tarojs/*', 'react', 'zod', 'zod/*', '../services/*', '../flow/*', '../contract/schemas'], message: 'src/domain is plain TypeScript: no Taro, React, zod, services or flow imports.' }] }],
    },
  },
  {
    // The contract is plain TypeScript a server can import: no zod (that is ./schemas), no app code.
    files: ['src/contract/index.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['zod', 'zod/*', './schemas', '@tarojs/*', 'react', '../services/*', '../flow/*', '../storage/*', '../view/*'], message: 'src/contract/index.ts is the zod-free contract: types, names and errors only.' }] }],
    },
  },
  {
    // Layers, bottom up: domain, contract, services (backend seam, platform), storage, view helpers,
    // flow (state and its wiring), components, pages. Nothing reaches up.
    files: ['src/services/**/*.ts', 'src/contract/schemas.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/flow', '**/flow/*', '**/storage/*', '**/view/*', '**/components/*', '**/pages/*', '**/packages/*'], message: 'services sit below the app: they never import flow, storage, view helpers, components or pages.' }] }],
    },
  },
  {
    files: ['src/storage/**/*.ts', 'src/view/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/flow', '**/flow/*', '**/components/*', '**/pages/*', '**/packages/*'], message: 'storage and view helpers never import flow, components or pages.' }] }],
    },
  },
  {
    // Components get what they show and do through props; only pages use the flow wiring (src/flow/index.ts).
    files: ['src/components/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['../flow', '../flow/index'].map((name) => ({ name, message: 'components never import the flow wiring (src/flow/index.ts): pass what they need as props.' })),
          patterns: [{ group: ['**/pages/*', '**/packages/*'], message: 'components never import pages.' }],
        },
      ],
    },
  },
  {
    // The server shares the domain, the contract and the demo registry's data, nothing of the client.
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@tarojs/*', 'react', '**/mockBackend', '**/flow/*', '**/pages/*', '**/components/*', '**/services/index', '**/services/adapter'], message: 'server/ imports src/domain, the contract (through server/src/contract.ts) and the demo registry only.' }] }],
    },
  },
  {
    files: ['**/*.{js,cjs,mjs}'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
)
