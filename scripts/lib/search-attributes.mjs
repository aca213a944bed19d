// The custom search attributes of playbook runs (TriplinePlaybookId, …), registered on the dev server
// at every start. The list lives in @tripline/playbook (libs/playbook/src/search-attributes.ts); read
// from its build so the backend, the worker and `npm start` share one definition.
import { createRequire } from 'node:module';
import { UserFacingError } from './console.mjs';
import { fromRoot } from './repo-root.mjs';

const require = createRequire(import.meta.url);
const BUILT = 'libs/playbook/dist/search-attributes.js';

/** `['--search-attribute', 'TriplinePlaybookId=Keyword', …]` for `temporal server start-dev`. */
export function searchAttributeArgs() {
  let built;
  try {
    built = require(fromRoot(BUILT));
  } catch (error) {
    if (error?.code !== 'MODULE_NOT_FOUND') throw error;
    throw new UserFacingError(`Not built yet: ${BUILT}. Run \`npm run build\` (or \`npm start\` without --skip-build).`);
  }
  return built.searchAttributeCliArgs();
}
