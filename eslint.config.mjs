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
  // Layers: rules without a transport below, transports above; the web client never reaches into the server.
  layer('server/shared/**', ['../*'], 'shared/ holds rules without a transport or a module: it imports only from shared/'),
  layer('server/access/**', ['**/graphql/*', '**/http/*'], 'access/ decides who sees what, for every transport: it does not import one'),
  layer('server/modules/**', ['**/http/*'], 'a module throws DomainError and never knows the HTTP transport'),
  layer('server/graphql/**', ['**/http/*'], 'graphql/ sits beside http/, not on it'),
  layer(
    'server/{db,graphql,http}/**',
    ['**/modules/**', '**/app/**'],
    'infrastructure gets the modules from the composition root (app/), it does not import them',
    true,
  ),
  layer('server/modules/**', ['**/app/**'], 'a module declares what it gives (its *.module.ts); only the composition root assembles', true),
  layer(
    'client/src/**',
    /\/server\/(?!shared\/)/,
    'the web client shares only server/shared (checksums, quarters) and talks to the rest through GraphQL and HTTP',
  ),
);

/** Files matching `files` may not import what `refused` matches (import path globs, or a regular expression). */
function layer(files, refused, message, allowTypeImports = false) {
  const pattern = refused instanceof RegExp ? { regex: refused.source, message } : { group: refused, message, allowTypeImports };
  const rule = allowTypeImports ? '@typescript-eslint/no-restricted-imports' : 'no-restricted-imports';
  return { files: [files], rules: { [rule]: ['error', { patterns: [pattern] }] } };
}
