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
import { customerSession, staffSession } from './session';

/** A search parameter that is a non-empty string, or nothing (hand-typed URLs may hold anything). */
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const tokenSearch = (s: Record<string, unknown>): { token?: string } => {
  const token = text(s.token);
  return token ? { token } : {};
};

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
  createRoute({ getParentRoute: () => publicLayout, path: '/signin', component: () => <SignIn /> }),
  createRoute({
    getParentRoute: () => publicLayout,
    path: '/signup',
    component: lazyRouteComponent(() => import('./pages/public/SignUp'), 'SignUp'),
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
    void context.queries.prefetchQuery(customerSession);
  },
});
const accountPages = () => import('./pages/account/AccountPages');
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
    path: '/processors',
    component: lazyRouteComponent(() => import('./pages/staff/StaffProcessors'), 'StaffProcessors'),
  }),
];

const routeTree = rootRoute.addChildren([
  publicLayout.addChildren(publicRoutes),
  accountLayout.addChildren(accountRoutes),
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
