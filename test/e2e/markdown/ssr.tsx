/** The server render of the markdown page's `ssr` case (bundled for Node by the test). */
import { renderToString } from 'react-dom/server';
import { Case } from './page-case';

export function renderCase(name: string): string {
  return renderToString(<Case name={name} />);
}
