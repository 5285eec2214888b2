import { describe, expect, it } from 'vitest';
import {
  apiSignUp,
  baseUrl,
  browserAvailable,
  expectAccessible,
  linkIn,
  merchantWithShop,
  newMerchant,
  openTab,
  signInTab,
  useBrowser,
  type Tab,
} from './browser.js';

/** Nothing runs off the side of a 375 px wide screen. */
async function fitsNarrowScreen(tab: Tab, label: string) {
  const overflow = await tab.page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, label).toBeLessThanOrEqual(0);
}

/** Signs in through the form on the page (the sign-in page, or the one an area shows in its place). */
async function signInWithForm(tab: Tab, email: string, password: string) {
  await tab.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await tab.page.getByLabel('Email').fill(email);
  await tab.page.getByLabel('Password').fill(password);
  await tab.page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
}

describe.skipIf(!browserAvailable)('users of an account in Chromium', () => {
  useBrowser();

  it('an owner invites a user with only Orders; the user accepts from the email, sees only what that allows, and is removed', async () => {
    const shopName = `Loja Equipa ${Date.now().toString(36)}`;
    const shop = await merchantWithShop({ slugPrefix: 'equipa', name: shopName });
    const owner = shop.m;
    const member = newMerchant({ firstName: 'Rui', lastName: 'Lopes' });
    await apiSignUp(member);

    // The owner signs in through the form; a return path to another site is not followed.
    const ownerTab = await openTab();
    await ownerTab.page.goto('/signin?next=//evil.example/steal');
    await signInWithForm(ownerTab, owner.email, owner.password);
    await expect.poll(() => ownerTab.page.url()).toBe(`${baseUrl}/account`);

    // Users is in the owner's own account area.
    const ownerNav = ownerTab.page.getByRole('navigation', { name: 'Account sections' });
    await ownerNav.getByRole('link', { name: 'Users' }).click();
    await ownerTab.page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await ownerTab.page.getByText('No one else works on your account yet: invite someone below.').waitFor();
    await ownerTab.page.getByText('No invitation is open.').waitFor();
    // No working-on choice for someone who works on their own account only.
    expect(await ownerNav.getByLabel('Working on').count()).toBe(0);
    await expectAccessible(ownerTab.page, 'users, none yet');

    // Invited by email, with one permission only (nothing chosen is refused first).
    const invite = ownerTab.page.getByRole('form', { name: 'Invite someone' });
    await invite.getByLabel('Email', { exact: true }).fill(member.email);
    await invite.getByRole('button', { name: 'Send the invitation' }).click();
    await invite.getByText('Choose at least one thing they may do.').waitFor();
    await invite.getByLabel('Orders and shoppers').check();
    await invite.getByRole('button', { name: 'Send the invitation' }).click();
    await ownerTab.page.getByText(`An invitation was sent to ${member.email}.`).waitFor();
    const invitations = ownerTab.page.getByRole('table', { name: 'Open invitations' });
    const invitationRow = invitations.getByRole('row').filter({ hasText: member.email });
    await invitationRow.getByText('Orders and shoppers', { exact: true }).waitFor();
    await invitationRow.getByRole('button', { name: `Withdraw the invitation to ${member.email}` }).waitFor();
    expect(await invite.getByLabel('Email', { exact: true }).inputValue()).toBe('');
    await expectAccessible(ownerTab.page, 'users, an invitation open');

    // The invited person opens the link in the email, not signed in: who invites, and what it allows.
    const link = await linkIn(member.email, /(http:\/\/\S+\/invitations\/[A-Za-z0-9_-]+)/);
    expect(new URL(link).origin).toBe(baseUrl);
    const token = new URL(link).pathname.split('/').at(-1)!;
    // Its refusals on purpose (the owner's invoices, shops and users) log a failed request.
    const tab = await openTab({ expectedErrors: /status of 403/ });
    await tab.page.goto(new URL(link).pathname);
    await tab.page.getByRole('heading', { level: 1, name: 'Invitation' }).waitFor();
    const main = tab.page.getByRole('main');
    await main.getByText('Ana Costa invites you to work on their SellRocket account.').waitFor();
    await main.getByText(member.email, { exact: true }).waitFor();
    await main.getByRole('listitem').filter({ hasText: 'Orders and shoppers' }).waitFor();
    expect(await main.getByRole('listitem').count()).toBe(1);
    expect(await main.getByRole('button', { name: 'Accept the invitation' }).count()).toBe(0);
    // Sign-in and sign-up both come back here.
    const back = encodeURIComponent(`/invitations/${token}`);
    expect(await main.getByRole('link', { name: 'Create an account' }).getAttribute('href')).toBe(
      `/signup?next=${back}`,
    );
    await expectAccessible(tab.page, 'invitation, signed out');
    await main.getByRole('link', { name: 'Sign in' }).click();
    await expect.poll(() => tab.page.url()).toBe(`${baseUrl}/signin?next=${back}`);
    await signInWithForm(tab, member.email, member.password);
    await expect.poll(() => tab.page.url()).toBe(link);
    await expectAccessible(tab.page, 'invitation, signed in as the address');
    await main.getByRole('button', { name: 'Accept the invitation' }).click();

    // Accepted: the session works on the owner's account, with only what Orders allows.
    await expect.poll(() => tab.page.url()).toBe(`${baseUrl}/account`);
    await tab.page.getByText('You now work on the account of Ana Costa.').waitFor();
    const nav = tab.page.getByRole('navigation', { name: 'Account sections' });
    const workingOn = nav.getByLabel('Working on');
    await expect.poll(async () => workingOn.locator('option:checked').textContent()).toBe('Ana Costa');
    const acting = main.locator('section.card').filter({
      has: tab.page.getByRole('heading', { level: 2, name: 'The account you are working on' }),
    });
    await acting.getByText('You are working on the account of Ana Costa, with these permissions:').waitFor();
    await acting.getByRole('listitem').filter({ hasText: 'Orders and shoppers' }).waitFor();
    for (const hidden of ['Invoices', 'Users', 'Emails'])
      expect(await nav.getByRole('link', { name: hidden, exact: true }).count(), hidden).toBe(0);
    // Their own things stay: the overview, password and sessions, privacy.
    for (const shown of ['Overview', 'Security', 'Privacy'])
      await nav.getByRole('link', { name: shown, exact: true }).waitFor();
    await expectAccessible(tab.page, 'account, working on another');

    // The owner's shop, found in the account's list: Orders and Shoppers, not Products, Theme,
    // Settings, Plan or privacy requests; no shop can be opened.
    await nav.getByRole('link', { name: 'Shops', exact: true }).click();
    await main.getByRole('link', { name: new RegExp(`^Back office of ${shopName}`) }).click();
    await tab.page.getByRole('heading', { level: 1, name: 'Shop home' }).waitFor();
    const shopNav = tab.page.getByRole('navigation', { name: 'Shop back office' });
    await shopNav.getByRole('link', { name: 'Orders', exact: true }).waitFor();
    await shopNav.getByRole('link', { name: 'Shoppers', exact: true }).waitFor();
    for (const hidden of ['Products', 'Theme', 'Settings', 'Plan', 'Privacy requests'])
      expect(await shopNav.getByRole('link', { name: hidden, exact: true }).count(), hidden).toBe(0);
    await main.getByRole('heading', { level: 2, name: 'Orders to send' }).waitFor();
    await expectAccessible(tab.page, 'shop home, orders only');
    await shopNav.getByRole('link', { name: 'Orders', exact: true }).click();
    await tab.page.getByRole('heading', { level: 1, name: 'Orders' }).waitFor();
    expect(tab.page.url()).toBe(`${baseUrl}/account/shops/${shop.shopId}/orders`);

    // Reached anyway, a page says what permission it needs instead of breaking.
    await tab.page.goto('/account/invoices');
    await main.getByRole('heading', { level: 1, name: 'Invoices' }).waitFor();
    await main
      .getByRole('alert')
      .filter({ hasText: 'This needs the "invoices" permission on this account.' })
      .waitFor();
    await tab.page.goto('/account/shops');
    await main.getByRole('link', { name: new RegExp(`^Back office of ${shopName}`) }).waitFor();
    expect(await main.getByRole('button', { name: 'Open a shop' }).count()).toBe(0);
    await tab.page.goto('/account/users');
    await main.getByRole('alert').filter({ hasText: 'Only the owner of the account may do this.' }).waitFor();
    expect(await main.getByRole('form', { name: 'Invite someone' }).count()).toBe(0);

    // Back to their own account and again to the owner's, with the choice in the navigation.
    await workingOn.selectOption({ label: 'Rui Lopes (your own account)' });
    await expect.poll(() => tab.page.url()).toBe(`${baseUrl}/account`);
    await nav.getByRole('link', { name: 'Invoices', exact: true }).waitFor();
    await nav.getByRole('link', { name: 'Users', exact: true }).waitFor();
    expect(await main.getByRole('heading', { name: 'The account you are working on' }).count()).toBe(0);
    await workingOn.selectOption({ label: 'Ana Costa' });
    await main.getByRole('heading', { level: 2, name: 'The account you are working on' }).waitFor();
    await expect.poll(() => nav.getByRole('link', { name: 'Invoices', exact: true }).count()).toBe(0);

    // The owner sees the user, with their one permission ticked, and removes them.
    await ownerTab.page.reload();
    const user = ownerTab.page.getByRole('region', { name: 'Rui Lopes' });
    await user.getByText(member.email, { exact: false }).waitFor();
    expect(await user.getByLabel('Orders and shoppers').isChecked()).toBe(true);
    expect(await user.getByLabel('Invoices', { exact: true }).isChecked()).toBe(false);
    await ownerTab.page.getByText('No invitation is open.').waitFor();
    await expectAccessible(ownerTab.page, 'users, one user');
    await user.getByRole('button', { name: 'Remove Rui Lopes' }).click();
    const confirm = ownerTab.page.getByRole('dialog', { name: 'Remove Rui Lopes from your account?' });
    await confirm.getByText('their sessions on it end at once', { exact: false }).waitFor();
    await confirm.getByRole('button', { name: 'Remove' }).click();
    await ownerTab.page.getByText('No one else works on your account yet: invite someone below.').waitFor();

    // The user's next page load: their session on the owner's account has ended.
    await tab.page.reload();
    await signInWithForm(tab, member.email, member.password);
    // Signed in again, they work on their own account, and on no other.
    await nav.getByRole('link', { name: 'Users', exact: true }).waitFor();
    await nav.getByRole('link', { name: 'Invoices', exact: true }).waitFor();
    expect(await nav.getByLabel('Working on').count()).toBe(0);
    const memberships = (await (await tab.page.request.get('/api/v1/account/memberships')).json()) as {
      items: { name: string }[];
    };
    expect(memberships.items.map((i) => i.name)).toEqual(['Rui Lopes']);

    expect(ownerTab.consoleErrors, ownerTab.consoleErrors.join('\n')).toEqual([]);
    expect(tab.consoleErrors, tab.consoleErrors.join('\n')).toEqual([]);
  }, 120_000);

  it('the users page and an invitation fit a 375 px wide screen, and read in Portuguese', async () => {
    const shop = await merchantWithShop({ slugPrefix: 'convite', name: `Loja Convite ${Date.now().toString(36)}` });
    const invited = newMerchant();
    const tab = await openTab({ width: 375, locale: 'pt-PT' });
    await signInTab(tab, shop.m.email, shop.m.password);
    await tab.page.goto('/account/users');
    await tab.page.getByRole('heading', { level: 1, name: 'Utilizadores' }).waitFor();
    const invite = tab.page.getByRole('form', { name: 'Convidar alguém' });
    // Their own address is not someone to invite.
    await invite.getByLabel('Email', { exact: true }).fill(shop.m.email);
    await invite.getByLabel('Encomendas e clientes').check();
    await invite.getByRole('button', { name: 'Enviar o convite' }).click();
    await invite.getByText('Este é o seu próprio endereço.').waitFor();
    await invite.getByLabel('Email', { exact: true }).fill(invited.email);
    await invite.getByLabel('Faturas', { exact: true }).check();
    await invite.getByRole('button', { name: 'Enviar o convite' }).click();
    const row = tab.page.getByRole('table', { name: 'Convites em aberto' }).getByRole('row').filter({
      hasText: invited.email,
    });
    await row.getByText('Encomendas e clientes, Faturas', { exact: true }).waitFor();
    await fitsNarrowScreen(tab, '/account/users (pt-PT)');
    await expectAccessible(tab.page, 'users at 375 px (pt-PT)');

    // The link, opened by someone not signed in (and with no account yet).
    const link = await linkIn(invited.email, /(http:\/\/\S+\/invitations\/[A-Za-z0-9_-]+)/);
    // A link that is no longer valid says so (its 404 is the answer, not a failure of the page).
    const visitor = await openTab({ width: 375, locale: 'pt-PT', expectedErrors: /status of 404/ });
    await visitor.page.goto(new URL(link).pathname);
    const main = visitor.page.getByRole('main');
    await main.getByText('Ana Costa convida-o a trabalhar na sua conta SellRocket.').waitFor();
    await main.getByRole('listitem').filter({ hasText: 'Faturas' }).waitFor();
    await main.getByRole('link', { name: 'Criar conta' }).waitFor();
    await fitsNarrowScreen(visitor, '/invitations/$token (pt-PT)');
    await expectAccessible(visitor.page, 'invitation at 375 px (pt-PT)');

    // Someone else signed in is told whose address it is for, and may sign out here.
    const stranger = newMerchant();
    await apiSignUp(stranger);
    const other = await openTab({ width: 375, locale: 'pt-PT' });
    await signInTab(other, stranger.email, stranger.password);
    await other.page.goto(new URL(link).pathname);
    const otherMain = other.page.getByRole('main');
    await otherMain
      .getByText(`Tem sessão iniciada como ${stranger.email}, mas este convite foi enviado para ${invited.email}.`, {
        exact: false,
      })
      .waitFor();
    expect(await otherMain.getByRole('button', { name: 'Aceitar o convite' }).count()).toBe(0);
    await expectAccessible(other.page, 'invitation, signed in as another address');
    await otherMain.getByRole('button', { name: 'Terminar sessão' }).click();
    await otherMain.getByRole('link', { name: 'Criar conta' }).waitFor();
    await other.page
      .getByRole('navigation', { name: 'Principal' })
      .getByRole('link', { name: 'Iniciar sessão' })
      .waitFor();
    const session = (await (await other.page.request.get('/api/v1/auth/session')).json()) as { account: unknown };
    expect(session.account).toBeNull();
    expect(other.consoleErrors, other.consoleErrors.join('\n')).toEqual([]);

    // Withdrawn by the owner: the same link no longer offers anything.
    await row.getByRole('button', { name: `Retirar o convite para ${invited.email}` }).click();
    await tab.page.getByText('Não há nenhum convite em aberto.').waitFor();
    await visitor.page.reload();
    await main.getByRole('alert').filter({ hasText: 'Este convite já não é válido' }).waitFor();
    expect(await main.getByRole('link', { name: 'Criar conta' }).count()).toBe(0);
    expect(tab.consoleErrors, tab.consoleErrors.join('\n')).toEqual([]);
    expect(visitor.consoleErrors, visitor.consoleErrors.join('\n')).toEqual([]);
  });
});
