import type { ReactNode } from 'react';

// No favicon request (a 404 would show as a console error in the test).
export const metadata = { title: 'wiro-agent-react consumer', icons: { icon: 'data:,' } };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
