import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';

// React warns unless the environment declares it runs act() itself.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

afterEach(() => {
  cleanup();
});
