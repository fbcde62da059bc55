// Lint: TypeScript and Vue rules, plus the import directions of docs/ARCHITECTURE.md, checked so a wrong import fails `npm test`.
// Value imports may not cross a boundary; `import type` may (typescript-eslint's allowTypeImports).
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';

const NODE_BUILTINS = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'crypto',
  'http',
  'https',
  'net',
  'url',
  'stream',
  'events',
  'util',
  'zlib',
];

/** A `@typescript-eslint/no-restricted-imports` rule forbidding value imports of the given patterns. */
function forbid(groups) {
  return [
    'error',
    {
      patterns: groups.map(([group, message]) => ({ group, message, allowTypeImports: true })),
    },
  ];
}

const noNode = [NODE_BUILTINS, 'Node built-ins belong in core/node (docs/ARCHITECTURE.md: core/common and renderer run anywhere).'];
const noElectron = [['electron', 'electron/*', '**/electron/**'], 'Only electron/ may import Electron.'];
// `**/node/**` also catches relative paths that never spell `core/node`, e.g. '../node/store/store' from core/common.
const noCoreNode = [['**/core/node/**', '**/node/**'], 'Only core/node, electron/ and tests may import core/node.'];
const noRenderer = [['**/renderer/**', 'vue', 'pinia', 'echarts', 'echarts/*'], 'UI code belongs in renderer/.'];
const noNodeDeps = [['better-sqlite3', 'ws', 'onnxruntime-node'], 'Native and server packages belong in core/node.'];

export default tseslint.config(
  { ignores: ['out/**', 'out-*/**', '**/dist/**', 'node_modules/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  { files: ['core/common/**'], rules: { '@typescript-eslint/no-restricted-imports': forbid([noNode, noElectron, noCoreNode, noRenderer, noNodeDeps]) } },
  { files: ['core/node/**'], rules: { '@typescript-eslint/no-restricted-imports': forbid([noElectron, noRenderer]) } },
  { files: ['renderer/**'], rules: { '@typescript-eslint/no-restricted-imports': forbid([noNode, noElectron, noCoreNode, noNodeDeps]) } },
  {
    files: ['electron/**'],
    rules: { '@typescript-eslint/no-restricted-imports': forbid([[['**/renderer/**'], 'The renderer is reached only through the typed API.']]) },
  },
);
