/**
 * The page of the markdown end-to-end test: one of a few set-ups (`?case=…`), rendered, or hydrated
 * over the server's HTML (`ssr`), with the kit's stylesheet and KaTeX's.
 */
import { createRoot, hydrateRoot } from 'react-dom/client';
import { Case } from './page-case';

declare global {
  interface Window {
    __wiro?: { recoverable: string[] };
  }
}

const params = new URLSearchParams(location.search);
const name = params.get('case') ?? 'rich';
const root = document.getElementById('root') as HTMLElement;
window.__wiro = { recoverable: [] };
if (name === 'ssr') {
  hydrateRoot(root, <Case name={name} />, {
    onRecoverableError: (error) => window.__wiro?.recoverable.push(String(error)),
  });
} else {
  createRoot(root).render(<Case name={name} />);
}
