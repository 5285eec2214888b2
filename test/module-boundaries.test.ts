import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { createModules, defineModule, type ModuleKit } from '../src/core/module.js';

describe('module boundaries (#8)', () => {
  it("the lint refuses imports of another module's internals, and of any module from the core", async () => {
    const eslint = new ESLint();
    const lint = async (file: string, code: string) =>
      (await eslint.lintText(code, { filePath: file }))[0]!.messages.map((m) => m.ruleId);
    expect(
      await lint(
        'src/modules/terms/x.ts',
        "import { createAccountsService } from '../accounts/accounts.service.js';\nexport const a = createAccountsService;\n",
      ),
    ).toContain('no-restricted-imports');
    expect(
      await lint(
        'src/modules/terms/x.ts',
        "import type { AccountsService } from '../accounts/index.js';\nexport type A = AccountsService;\n",
      ),
    ).toEqual([]);
    expect(
      await lint(
        'src/core/x.ts',
        "import { termsModule } from '../modules/terms/index.js';\nexport const t = termsModule;\n",
      ),
    ).toContain('no-restricted-imports');
    expect(
      await lint(
        'src/platform-x.ts',
        "import { buildPolicy } from './modules/privacy/policy.js';\nexport const b = buildPolicy;\n",
      ),
    ).toContain('no-restricted-imports');
  });

  it('refuses, at start-up, a module that uses a service no earlier module provides', () => {
    const kit = {} as ModuleKit<unknown>;
    const early = defineModule<object>()({ name: 'early', uses: ['late'], dataMap: {}, create: () => ({ early: 1 }) });
    const late = defineModule<object>()({ name: 'late', uses: [], dataMap: {}, create: () => ({ late: 2 }) });
    expect(() => createModules([early, late], () => kit)).toThrow(
      /Module early uses late, which no module listed before it provides/,
    );
    expect(createModules([late, early], () => kit)).toEqual({ late: 2, early: 1 });
  });
});
