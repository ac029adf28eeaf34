'use client';

import { useEffect, useLayoutEffect } from 'react';

/**
 * `useLayoutEffect` in a browser, `useEffect` elsewhere: measuring and scrolling only matter where there
 * is a layout, and React 18 warns about layout effects during server rendering.
 */
export const useBrowserLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;
