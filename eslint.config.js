// ESLint (flat config): typescript-eslint's recommended rules (syntax only, no type information: fast) and the
// React hooks rules, over the app, the sandbox, tests, scripts and benchmarks. Run by setup/test.sh.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// The Node globals the plain JavaScript files use (TypeScript files get theirs from @types/node).
const NODE_GLOBALS = Object.fromEntries(
  ['process', 'console', 'URL', 'setImmediate', 'setTimeout', 'clearTimeout', 'Buffer', 'require', 'module', '__dirname'].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'node_modules/', 'test-artifacts/', '.state/'] },
  { files: ['**/*.cjs', '**/*.mjs', 'bin/**', 'setup/**'], languageOptions: { globals: NODE_GLOBALS } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // The two rules of hooks. The preset's React Compiler rules (set-state-in-effect, purity, refs, …) are left out:
    // the app is not compiled by the React Compiler, and its data-loading effects set state on purpose.
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      // `_name` marks a parameter or binding kept on purpose (a callback's position, a destructured-away field).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    // The CLI is bundled: there a dynamic import() of a CommonJS package gives only its default export (no named
    // exports). Load a package on demand through a module of the app's own that imports it statically.
    // (esbuild: the worker's compile from source, never bundled.)
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: 'ImportExpression > Literal[value=/^(?![.]|node:|esbuild$)/]', message: "import() of a package: import it statically in an own module and import() that module instead (in the bundle a CommonJS package's import() has no named exports)." }],
    },
  },
  {
    // Tests read the parsed JSON answers of real services and CLIs field by field; `any` keeps those reads short.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
