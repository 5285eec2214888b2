import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { PublicLayout } from './layouts/Layouts';
import { NotFound } from './pages/public/NotFound';
import { Contact, Home, Plans } from './pages/public/PublicPages';
import { SignIn } from './pages/public/SignIn';
import { returnPath } from './return-path';
import { customerSession, memberships, staffSession } from './session';

/** A search parameter that is a non-empty string, or nothing (hand-typed URLs may hold anything). */
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const tokenSearch = (s: Record<string, unknown>): { token?: string } => {
  const token = text(s.token);
  return token ? { token } : {};
};

// Said even when refused: the router would otherwise keep the unchecked value.
const nextSearch = (s: Record<string, unknown>): { next?: string | undefined } => ({ next: returnPath(s.next) });

// The public pages a visitor lands on are in the first download; the rest load when first opened.
const rootRoute = createRootRouteWithContext<{ queries: QueryClient }>()({
  component: Outlet,
  // An unknown address outside the account and staff areas: the not-found page in the site's frame.
  notFoundComponent: () => (
    <PublicLayout>
      <NotFound />
    </PublicLayout>
  ),
});

const publicLayout = createRoute({ getParentRoute: () => rootRoute, id: 'public', component: PublicLayout });
const publicRoutes = [
  createRoute({ getParentRoute: () => publicLayout, path: '/', component: Home }),
  createRoute({ getParentRoute: () => publicLayout, path: '/plans', component: Plans }),
  createRoute({ getParentRoute: () => publicLayout, path: '/contact', component: Contact }),
  createRoute({
    getParentRoute: () => publicLayout,
    path: '/signin',
    validateSearch: nextSearch,
    component: () => <SignIn />,
  }),
  createRoute({
    getParentRoute: () => publicLayout,
    path: '/signup',
    validateSearch: nextSearch,
    component: lazyRouteComponent(() => import('./pages/public/SignUp'), 'SignUp'),
  }),
  createRoute({
    getParentRoute: () => publicLayout,
    path: '/invitations/$token',
    component: lazyRouteComponent(() => import('./pages/public/Invitation'), 'Invitation'),
  }),
  createRoute({
    getParentRoute: () => publicLayout,
    path: '/terms',
    component: lazyRouteComponent(() => import('./pages/public/Terms'), 'TermsPage'),
  }),
  createRoute({
    getParentRoute: () => publicLayout,
    path: '/privacy',
    component: lazyRouteComponent(() => import('./pages/public/PrivacyPolicy'), 'PrivacyPolicy'),
  }),
  createRoute({
    getParentRoute: () => publicLayout,
    path: '/privacy/request',
    component: lazyRouteComponent(() => import('./pages/public/PublicRequest'), 'PublicRequest'),
  }),
  createRoute({
    getParentRoute: () => publicLayout,
    path: '/privacy/request/verify',
    validateSearch: tokenSearch,
    component: lazyRouteComponent(() => import('./pages/public/PublicRequest'), 'VerifyPublicRequest'),
  }),
  createRoute({
    getParentRoute: () => publicLayout,
    path: '/privacy/request/download',
    validateSearch: tokenSearch,
    component: lazyRouteComponent(() => import('./pages/public/PublicRequest'), 'DownloadPublicAnswer'),
  }),
];

// Inside the account and staff areas an unknown address keeps that area's frame (and its sign-in).
const accountLayout = createRoute({
  getParentRoute: () => rootRoute,
  path: '/account',
  component: lazyRouteComponent(() => import('./layouts/AreaLayouts'), 'AccountLayout'),
  notFoundComponent: NotFound,
  // Who is signed in is asked while the area's code downloads, not after; nothing waits for it here.
  loader: ({ context }) => {
    const { queries } = context;
    // Then the account the session works on, and what the person may do there, once someone is signed in.
    void queries.prefetchQuery(customerSession).then(() => {
      if (queries.getQueryData(customerSession.queryKey)?.account) void queries.prefetchQuery(memberships);
    });
  },
});
/** A page number from the address (1, the default, is left out). */
const page = (value: unknown): { page?: number } => {
  const n = Number(value);
  return Number.isInteger(n) && n > 1 ? { page: n } : {};
};
const oneOf = <T extends string>(value: unknown, choices: readonly T[]): T | undefined =>
  choices.find((c) => c === value);
const accountPages = () => import('./pages/account/AccountPages');
const accountEmails = () => import('./pages/account/Emails');
const accountInvoices = () => import('./pages/account/Invoices');
const accountRoutes = [
  createRoute({
    getParentRoute: () => accountLayout,
    path: '/',
    component: lazyRouteComponent(accountPages, 'Overview'),
  }),
  createRoute({
    getParentRoute: () => accountLayout,
    path: '/profile',
    component: lazyRouteComponent(accountPages, 'Profile'),
  }),
  createRoute({
    getParentRoute: () => accountLayout,
    path: '/security',
    component: lazyRouteComponent(accountPages, 'Security'),
  }),
  createRoute({
    getParentRoute: () => accountLayout,
    path: '/privacy',
    component: lazyRouteComponent(accountPages, 'Privacy'),
  }),
  createRoute({
    getParentRoute: () => accountLayout,
    path: '/shops',
    component: lazyRouteComponent(() => import('./pages/account/Shops'), 'Shops'),
  }),
  createRoute({
    getParentRoute: () => accountLayout,
    path: '/emails',
    component: lazyRouteComponent(accountEmails, 'Emails'),
    validateSearch: (s: Record<string, unknown>): { page?: number } => page(s.page),
  }),
  createRoute({
    getParentRoute: () => accountLayout,
    path: '/emails/$id',
    component: lazyRouteComponent(accountEmails, 'Email'),
  }),
  createRoute({
    getParentRoute: () => accountLayout,
    path: '/users',
    component: lazyRouteComponent(() => import('./pages/account/Users'), 'Users'),
  }),
  createRoute({
    getParentRoute: () => accountLayout,
    path: '/invoices',
    component: lazyRouteComponent(accountInvoices, 'Invoices'),
  }),
  createRoute({
    getParentRoute: () => accountLayout,
    path: '/invoices/$id',
    component: lazyRouteComponent(accountInvoices, 'Invoice'),
  }),
];

// A shop's back office: its frame, then one page per part, each loaded when first opened.
const shopLayout = createRoute({
  getParentRoute: () => accountLayout,
  path: '/shops/$shopId',
  component: lazyRouteComponent(() => import('./pages/shop/ShopLayout'), 'ShopLayout'),
});
const productEditor = () => import('./pages/shop/ProductEditor');
const shopRoutes = [
  createRoute({
    getParentRoute: () => shopLayout,
    path: '/',
    component: lazyRouteComponent(() => import('./pages/shop/ShopHome'), 'ShopHome'),
  }),
  createRoute({
    getParentRoute: () => shopLayout,
    path: '/products',
    component: lazyRouteComponent(() => import('./pages/shop/Products'), 'Products'),
    validateSearch: (
      s: Record<string, unknown>,
    ): { q?: string; status?: 'draft' | 'active'; collection?: string; stock?: 'out' | 'low'; page?: number } => {
      const q = text(s.q);
      const collection = text(s.collection);
      const status = oneOf(s.status, ['draft', 'active'] as const);
      const stock = oneOf(s.stock, ['out', 'low'] as const);
      return {
        ...(q ? { q } : {}),
        ...(status ? { status } : {}),
        ...(collection ? { collection } : {}),
        ...(stock ? { stock } : {}),
        ...page(s.page),
      };
    },
  }),
  createRoute({
    getParentRoute: () => shopLayout,
    path: '/products/new',
    component: lazyRouteComponent(productEditor, 'NewProduct'),
  }),
  createRoute({
    getParentRoute: () => shopLayout,
    path: '/products/$productId',
    component: lazyRouteComponent(productEditor, 'EditProduct'),
  }),
  createRoute({
    getParentRoute: () => shopLayout,
    path: '/orders',
    component: lazyRouteComponent(() => import('./pages/shop/Orders'), 'Orders'),
    validateSearch: (
      s: Record<string, unknown>,
    ): {
      q?: string;
      status?: 'pending_payment' | 'paid' | 'fulfilled' | 'cancelled' | 'refunded';
      from?: string;
      to?: string;
      page?: number;
    } => {
      const q = text(s.q);
      const day = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
      const from = day(s.from);
      const to = day(s.to);
      const status = oneOf(s.status, ['pending_payment', 'paid', 'fulfilled', 'cancelled', 'refunded'] as const);
      return {
        ...(q ? { q } : {}),
        ...(status ? { status } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...page(s.page),
      };
    },
  }),
  createRoute({
    getParentRoute: () => shopLayout,
    path: '/orders/$orderId',
    component: lazyRouteComponent(() => import('./pages/shop/OrderDetail'), 'OrderDetail'),
  }),
  createRoute({
    getParentRoute: () => shopLayout,
    path: '/shoppers',
    component: lazyRouteComponent(() => import('./pages/shop/Shoppers'), 'Shoppers'),
    validateSearch: (s: Record<string, unknown>): { q?: string; page?: number } => {
      const q = text(s.q);
      return { ...(q ? { q } : {}), ...page(s.page) };
    },
  }),
  createRoute({
    getParentRoute: () => shopLayout,
    path: '/shoppers/$shopperId',
    component: lazyRouteComponent(() => import('./pages/shop/ShopperDetail'), 'ShopperDetail'),
  }),
  createRoute({
    getParentRoute: () => shopLayout,
    path: '/privacy',
    component: lazyRouteComponent(() => import('./pages/shop/PrivacyRequests'), 'PrivacyRequests'),
    validateSearch: (s: Record<string, unknown>): { status?: 'closed' } =>
      // Open requests are the default view; only the closed ones need saying.
      s.status === 'closed' ? { status: 'closed' } : {},
  }),
  createRoute({
    getParentRoute: () => shopLayout,
    path: '/theme',
    component: lazyRouteComponent(() => import('./pages/shop/Theme'), 'Theme'),
  }),
  createRoute({
    getParentRoute: () => shopLayout,
    path: '/theme/code',
    component: lazyRouteComponent(() => import('./pages/shop/ThemeCode'), 'ThemeCode'),
  }),
  createRoute({
    getParentRoute: () => shopLayout,
    path: '/settings',
    component: lazyRouteComponent(() => import('./pages/shop/Settings'), 'Settings'),
  }),
  createRoute({
    getParentRoute: () => shopLayout,
    path: '/plan',
    component: lazyRouteComponent(() => import('./pages/shop/Plan'), 'Plan'),
  }),
];

const staffLayout = createRoute({
  getParentRoute: () => rootRoute,
  path: '/staff',
  component: lazyRouteComponent(() => import('./layouts/AreaLayouts'), 'StaffLayout'),
  notFoundComponent: NotFound,
  loader: ({ context }) => {
    void context.queries.prefetchQuery(staffSession);
  },
});
const staffPages = () => import('./pages/staff/StaffPages');
const staffRequests = () => import('./pages/staff/StaffRequests');
const staffOutbox = () => import('./pages/staff/StaffOutbox');
const staffRoutes = [
  createRoute({
    getParentRoute: () => staffLayout,
    path: '/',
    beforeLoad: () => {
      throw redirect({ to: '/staff/accounts' });
    },
  }),
  // Rendered by the layout itself (the form, whoever is signed in); the route makes the address known.
  createRoute({ getParentRoute: () => staffLayout, path: '/signin' }),
  createRoute({
    getParentRoute: () => staffLayout,
    path: '/two-factor',
    component: lazyRouteComponent(() => import('./pages/staff/StaffTwoFactor'), 'StaffTwoFactor'),
  }),
  createRoute({
    getParentRoute: () => staffLayout,
    path: '/accounts',
    component: lazyRouteComponent(staffPages, 'StaffAccounts'),
    validateSearch: (s: Record<string, unknown>): { q?: string } => {
      const q = text(s.q);
      return q ? { q } : {};
    },
  }),
  createRoute({
    getParentRoute: () => staffLayout,
    path: '/accounts/$id',
    component: lazyRouteComponent(staffPages, 'StaffAccount'),
  }),
  createRoute({
    getParentRoute: () => staffLayout,
    path: '/blocks',
    component: lazyRouteComponent(staffPages, 'StaffBlocks'),
  }),
  createRoute({
    getParentRoute: () => staffLayout,
    path: '/audit',
    component: lazyRouteComponent(staffPages, 'StaffAudit'),
  }),
  createRoute({
    getParentRoute: () => staffLayout,
    path: '/requests',
    component: lazyRouteComponent(staffRequests, 'StaffRequests'),
  }),
  createRoute({
    getParentRoute: () => staffLayout,
    path: '/requests/$id',
    component: lazyRouteComponent(staffRequests, 'StaffRequest'),
  }),
  createRoute({
    getParentRoute: () => staffLayout,
    path: '/shop-requests',
    component: lazyRouteComponent(() => import('./pages/staff/StaffShopRequests'), 'StaffShopRequests'),
  }),
  createRoute({
    getParentRoute: () => staffLayout,
    path: '/outbox',
    component: lazyRouteComponent(staffOutbox, 'StaffOutbox'),
    validateSearch: (
      s: Record<string, unknown>,
    ): { status?: 'queued' | 'held' | 'sent' | 'failed' | 'suppressed'; to?: string; page?: number } => {
      const status = oneOf(s.status, ['queued', 'held', 'sent', 'failed', 'suppressed'] as const);
      const to = text(s.to);
      return { ...(status ? { status } : {}), ...(to ? { to } : {}), ...page(s.page) };
    },
  }),
  createRoute({
    getParentRoute: () => staffLayout,
    path: '/outbox/$id',
    component: lazyRouteComponent(staffOutbox, 'StaffOutboxMessage'),
  }),
  createRoute({
    getParentRoute: () => staffLayout,
    path: '/billing',
    component: lazyRouteComponent(() => import('./pages/staff/StaffBilling'), 'StaffBilling'),
  }),
  createRoute({
    getParentRoute: () => staffLayout,
    path: '/processors',
    component: lazyRouteComponent(() => import('./pages/staff/StaffProcessors'), 'StaffProcessors'),
  }),
];

const routeTree = rootRoute.addChildren([
  publicLayout.addChildren(publicRoutes),
  accountLayout.addChildren([...accountRoutes, shopLayout.addChildren(shopRoutes)]),
  staffLayout.addChildren(staffRoutes),
]);

export const createAppRouter = (queries: QueryClient) =>
  createRouter({
    routeTree,
    context: { queries },
    defaultPreload: 'intent',
    scrollRestoration: true,
  });

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
