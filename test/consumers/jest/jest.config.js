// jest.config.js: run with `NODE_OPTIONS=--experimental-vm-modules jest` (Jest's ESM mode), so the kit
// and its ESM-only dependencies load as they are, untransformed.
export default {
  // jsdom with Node's fetch, streams and TextEncoder restored, and Node export conditions, as msw needs.
  testEnvironment: 'jest-fixed-jsdom',
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: {
    '\\.tsx?$': [
      'babel-jest',
      { presets: ['@babel/preset-typescript', ['@babel/preset-react', { runtime: 'automatic' }]] },
    ],
  },
};
