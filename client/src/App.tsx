import { lazy, Suspense } from 'react';
import { ConfirmHost } from './components/confirm';
import { Toasts } from './components/Toasts';
import { parseRoute, usePathname } from './lib/router';
import { HomePage } from './pages/home/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PinPage } from './pages/pin/PinPage';

/**
 * Each link opens one page: its code loads with it. The public QR page is opened on phones, often
 * on slow networks, and must not carry the MC console, the organiser's pages or the projector.
 */
const PublicQuestionsPage = lazy(() => import('./pages/public/PublicQuestionsPage'));
const AdminPage = lazy(() => import('./pages/admin/AdminPage').then((m) => ({ default: m.AdminPage })));
const McConsolePage = lazy(() => import('./pages/mc/McConsolePage').then((m) => ({ default: m.McConsolePage })));
const ScreenPage = lazy(() => import('./pages/screen/ScreenPage').then((m) => ({ default: m.ScreenPage })));
const SitePage = lazy(() => import('./pages/site/SitePage').then((m) => ({ default: m.SitePage })));
const BoardPage = lazy(() => import('./pages/board/BoardPage').then((m) => ({ default: m.BoardPage })));
const ModeratorPage = lazy(() => import('./pages/questions/ModeratorPage').then((m) => ({ default: m.ModeratorPage })));
const OfficePage = lazy(() => import('./pages/questions/OfficePage').then((m) => ({ default: m.OfficePage })));

function Page() {
  const route = parseRoute(usePathname());
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'pin':
      return <PinPage />;
    case 'admin':
      return <AdminPage token={route.token} />;
    case 'mc':
      return <McConsolePage key={route.token} token={route.token} view={route.view} />;
    case 'screen':
      return <ScreenPage key={route.token} token={route.token} />;
    case 'site':
      return <SitePage key={route.token} token={route.token} />;
    case 'board':
      return <BoardPage key={route.token} token={route.token} />;
    case 'q':
      return <PublicQuestionsPage key={route.token} token={route.token} />;
    case 'mod':
      return <ModeratorPage key={route.token} token={route.token} />;
    case 'office':
      return <OfficePage key={route.token} token={route.token} />;
    case 'notFound':
      return <NotFoundPage />;
  }
}

export function App() {
  return (
    <>
      <Suspense fallback={<p className="loading">…</p>}>
        <Page />
      </Suspense>
      <Toasts />
      <ConfirmHost />
    </>
  );
}
