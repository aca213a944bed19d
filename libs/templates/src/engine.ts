import { type FS, Liquid } from 'liquidjs';

/**
 * A file system with nothing in it: templates can never read files, whatever they ask for.
 * (The include/render/layout tags are removed as well; this is the second line of defence.)
 */
const NO_FILES: FS = {
  exists: async () => false,
  existsSync: () => false,
  readFile: async (file) => {
    throw new Error(`templates cannot read files (asked for "${file}")`);
  },
  readFileSync: (file) => {
    throw new Error(`templates cannot read files (asked for "${file}")`);
  },
  resolve: (_dir, file, ext) => `${file}${ext}`,
  contains: async () => false,
  containsSync: () => false,
  sep: '/',
  dirname: () => '',
};

/** Tags that pull in other templates; user text is always one self-contained template. */
const FILE_TAGS = ['include', 'render', 'layout'];

const engines = new Map<number, Liquid>();

/**
 * The Liquid engine for a source-length limit: strict about filters (a typo is an error, not
 * silent), blind to prototypes (`ownPropertyOnly`), without files, dates in UTC so output does
 * not depend on the server's time zone. Missing variables render empty, as Liquid users expect.
 */
export function engineFor(maxSourceLength: number): Liquid {
  let engine = engines.get(maxSourceLength);
  if (!engine) {
    engine = new Liquid({
      fs: NO_FILES,
      relativeReference: false,
      dynamicPartials: false,
      ownPropertyOnly: true,
      strictFilters: true,
      strictVariables: false,
      jsTruthy: false,
      timezoneOffset: 0,
      cache: false,
      parseLimit: maxSourceLength,
    });
    for (const tag of FILE_TAGS) delete engine.tags[tag];
    engines.set(maxSourceLength, engine);
  }
  return engine;
}
