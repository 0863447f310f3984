// @ts-check
import eslint from '@eslint/js';
import eslintPluginPrettierRecommended from 'eslint-plugin-prettier/recommended';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['eslint.config.mjs', 'dist/**', '**/dist/**', 'coverage/**', '**/node_modules/**'],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  eslintPluginPrettierRecommended,
  {
    languageOptions: {
      globals: {
        ...globals.node,
        ...globals.jest,
      },
      sourceType: 'commonjs',
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unsafe-argument': 'error',
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Every imported package is declared in the package.json nearest the importing file; the
    // product (src/, libs/) imports no devDependency. Type-only imports are not checked.
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
    rules: {
      'import-x/no-extraneous-dependencies': ['error', { devDependencies: false }],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'examples/*/test/**/*.ts'],
    rules: { 'import-x/no-extraneous-dependencies': ['error', { devDependencies: true }] },
  },
  {
    // Dependencies point one way: the entry (src/*.ts, src/openapi) and tools (src/tools) may use
    // anything; features (one folder each) use the shared primitives (src/common, src/config) and
    // never the authorization server (src/auth); the primitives import no feature. Globs name
    // what is allowed, so a new feature folder is covered without editing this file.
    files: ['src/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: import.meta.dirname,
          zones: [
            {
              target: ['./src/common/**', './src/config/**'],
              from: ['./src/!(common|config)/**', './src/*.ts'],
              message: 'A shared primitive (common/, config/) imports no feature, tool or entry.',
            },
            {
              target: './src/!(auth|openapi|tools)/**',
              from: './src/auth/**',
              message: 'Features use @Scopes and the principal from common/authz, never auth/.',
            },
            {
              target: './src/items/**',
              from: './src/!(items|common|config)/**',
              message: 'items stands alone: orders and users build on it, not the other way.',
            },
            {
              target: './src/!(openapi|tools)/**',
              from: ['./src/openapi/**', './src/tools/**', './src/*.ts'],
              message: 'Only the entry and the tools use the entry and the tools.',
            },
          ],
        },
      ],
    },
  },
  {
    // The example has its own tsconfig.json (it builds against the installed library's dist/);
    // lint it with the root one, which maps the library to its sources, so no build is needed.
    files: ['examples/**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: false, project: './tsconfig.json' },
    },
  },
  {
    // The guard library stands alone: it is published and installed without scopegate.
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)src/|^(\\.\\./){2,}',
              message: 'libs/ must not import from scopegate (src/) or outside the library.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read untyped JSON response bodies (supertest's `body` is `any`).
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
