// @ts-check
import tseslint from 'typescript-eslint';

/** A module's files other than its index.ts are its own business (see src/core/module.ts). */
const otherModulesInternals = {
  regex: '^\\.\\./(?!\\.)[^/]+/(?!index\\.js$).+',
  message: "Import another module only through its index.ts ('../<module>/index.js').",
};
const moduleInternalsFromOutside = {
  regex: 'modules/[^/]+/(?!index\\.js$).+',
  message: "Outside a module, import it only through its index.ts ('modules/<module>/index.js').",
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'web/dist/**', '.tmp/**', 'data/**', 'web/src/api/schema.d.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      // The type checker (noUnusedLocals, strict) already reports these, with fewer false alarms.
      '@typescript-eslint/no-unused-vars': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['src/modules/*/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [otherModulesInternals] }] },
  },
  {
    files: ['src/*.ts', 'src/cli/**/*.ts', 'src/db/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [moduleInternalsFromOutside] }] },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)modules/', message: 'The core is machinery: it imports no module.' },
            {
              regex: 'db/schema\\.js$',
              message: "The core sees its own tables (core.tables.ts), not the modules' schema.",
            },
            {
              regex: '(^|/)(platform|app|server|open-platform)\\.js$',
              message: 'The core is machinery: the platform is built from it, not the other way round.',
            },
          ],
        },
      ],
    },
  },
);
