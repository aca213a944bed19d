// Loaded before every backend test file (backend/jest.config.js): a suite's own jest.setTimeout still wins.
jest.setTimeout(30_000);
