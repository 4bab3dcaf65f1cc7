/** The client's pages by path: the browser renders them, the server answers 404 for any other path. */

export type Route =
  | { name: 'home' }
  | { name: 'pin' }
  | { name: 'admin'; token: string }
  | { name: 'mc'; token: string; view: McView }
  | { name: 'screen'; token: string }
  | { name: 'site'; token: string }
  | { name: 'board'; token: string }
  /** The public QR page of a meeting's questions: no login. */
  | { name: 'q'; token: string }
  | { name: 'mod'; token: string }
  | { name: 'office'; token: string }
  | { name: 'notFound' };

/** The MC's views of one connection: the live console, the sites (điểm cầu), the speakers (phát biểu), the questions (câu hỏi), the video bridge (cầu truyền hình) and the reports (báo cáo). */
export type McView = 'console' | 'sites' | 'speakers' | 'questions' | 'video' | 'reports';
const MC_SUBVIEWS = ['sites', 'speakers', 'questions', 'video', 'reports'] as const;

const TOKEN_PAGES = ['admin', 'screen', 'site', 'board', 'mod', 'office'] as const;

/**
 * The screen for a path: `/`, `/pin`, `/admin/<token>`, `/mc/<token>`, `/mc/<token>/sites`, `/mc/<token>/speakers`,
 * `/mc/<token>/questions`, `/mc/<token>/video`, `/mc/<token>/reports`, `/screen/<token>`, `/site/<token>`, `/board/<token>`, `/mod/<token>` (moderators), `/office/<token>` (an office's inbox).
 */
export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean);
  if (parts.length === 0) return { name: 'home' };
  if (parts.length === 1 && parts[0] === 'pin') return { name: 'pin' };
  const [page, token, sub] = parts;
  if (!token) return { name: 'notFound' };
  const subview = MC_SUBVIEWS.find((v) => v === sub);
  if (page === 'mc' && (parts.length === 2 || (parts.length === 3 && subview))) {
    return { name: 'mc', token: decodeURIComponent(token), view: subview ?? 'console' };
  }
  if (page === 'q' && parts.length === 2) return { name: 'q', token: decodeURIComponent(token) };
  const name = TOKEN_PAGES.find((p) => p === page);
  if (name && parts.length === 2) return { name, token: decodeURIComponent(token) };
  return { name: 'notFound' };
}
