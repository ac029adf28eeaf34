// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * `npm run lint`: typescript-eslint with type information, and React's hooks rules (including the React
 * Compiler's checks) as errors, over the library, its tests, stories, demo and benches. Formatting is
 * prettier's job (`prettier --check` runs in the same script).
 */
export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'storybook-static/**',
      'node_modules/**',
      '.storybook/public/**',
      'test/consumers/**',
      'test/e2e/artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // Every hooks rule is an error: a broken rule of hooks is a bug, not a style question.
      ...Object.fromEntries(Object.keys(reactHooks.configs['recommended-latest'].rules).map((rule) => [rule, 'error'])),
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-duplicate-imports': 'off',
      '@typescript-eslint/no-import-type-side-effects': 'error',
    },
  },
  {
    // Test callbacks are async by convention (a test may await later without changing its signature).
    files: ['test/**', 'stories/**', 'bench/**'],
    rules: {
      '@typescript-eslint/require-await': 'off',
      // Asymmetric matchers (`expect.stringMatching`) are typed `any`; fakes reject with `signal.reason` as fetch does.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
