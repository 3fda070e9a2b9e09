import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Type-aware lint over the whole tree (part of `npm test`). Off: `require-await` (Apollo's plugin
 * hooks are async by interface), `unbound-method` (React and urql hand out bound functions).
 * React event handlers may return promises. Tests read untyped JSON from HTTP, so the no-unsafe-*
 * rules stay out of them; explicit `any` is refused everywhere.
 */
export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'client/generated/**', '.data/**', 'coverage/**', 'client/src/app/enum-labels.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['test/**/*.ts', '**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  { files: ['**/*.mjs', '**/vite.config.ts'], ...tseslint.configs.disableTypeChecked },
);
