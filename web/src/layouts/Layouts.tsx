import { Outlet } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { Footer, TopBar, type Area } from './TopBar';

/** The frame of every page: header, the area's own navigation, the page, footer. */
export function Shell({ area, sub, children }: { area: Area; sub?: ReactNode; children: ReactNode }) {
  return (
    <>
      <TopBar area={area} />
      {sub}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <Footer />
    </>
  );
}

export function PublicLayout({ children }: { children?: ReactNode }) {
  return <Shell area="public">{children ?? <Outlet />}</Shell>;
}
