/** The drills' corpora come from the same seeded generator as the synthetic data (mulberry32): the same seed gives the same corpus on every machine. */
export { SeededRandom } from '@tripline/scoring';
