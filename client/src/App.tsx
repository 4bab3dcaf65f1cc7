import { ConfirmHost } from './components/confirm';
import { Toasts } from './components/Toasts';
import { parseRoute, usePathname } from './lib/router';
import { AdminPage } from './pages/admin/AdminPage';
import { HomePage } from './pages/home/HomePage';
import { McConsolePage } from './pages/mc/McConsolePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PinPage } from './pages/pin/PinPage';
import { ScreenPage } from './pages/screen/ScreenPage';
import { SitePage } from './pages/site/SitePage';
import { BoardPage } from './pages/board/BoardPage';
import { ModeratorPage } from './pages/questions/ModeratorPage';
import { OfficePage } from './pages/questions/OfficePage';

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
      <Page />
      <Toasts />
      <ConfirmHost />
    </>
  );
}
