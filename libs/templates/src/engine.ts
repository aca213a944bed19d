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

/**
 * How `{{ … }}` output is escaped: `none` as written, `html` for templates that produce HTML (an
 * email's html body), so a value such as a trait `<a href=…>` arrives as text, never as markup.
 */
export type OutputEscape = 'none' | 'html';

const engines = new Map<string, Liquid>();

/**
 * HTML escaping with `escape_once`: it escapes & < > " ' but leaves existing entities alone, so
 * templates written for Liquid without auto-escaping (`{{ name | escape }}`) are not escaped twice.
 * A value meant as markup opts out with `| raw` as its last filter.
 */
const escapeHtmlOnce = new Liquid().filters['escape_once'] as unknown as (value: unknown) => string;

/**
 * The Liquid engine for a source-length limit: strict about filters (a typo is an error, not
 * silent), blind to prototypes (`ownPropertyOnly`), without files, dates in UTC so output does
 * not depend on the server's time zone. Missing variables render empty, as Liquid users expect.
 */
export function engineFor(maxSourceLength: number, escape: OutputEscape = 'none'): Liquid {
  const cacheKey = `${maxSourceLength}:${escape}`;
  let engine = engines.get(cacheKey);
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
      ...(escape === 'html' ? { outputEscape: escapeHtmlOnce } : {}),
    });
    for (const tag of FILE_TAGS) delete engine.tags[tag];
    engines.set(cacheKey, engine);
  }
  return engine;
}
