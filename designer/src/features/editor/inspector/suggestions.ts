/**
 * What the panel suggests while typing (datalists; anything else may be typed): the track events of
 * the domain material, and property paths of the evaluation context from the sample profile.
 */
import { samplePaths } from '../forms/template-editor/sample-profile';

export const EVENT_SUGGESTIONS: readonly string[] = [
  'Demo Requested',
  'Signed Up for Free Trial',
  'Visited Pricing Page',
  'Used Core Feature',
  'Feature Used',
  'Session Started',
  'User Invited',
  'User Activated',
  'Onboarding Progressed',
  'Report Created',
  'Payment Failed',
  'Overage Charged',
  'Subscription Upgraded',
];

export const PROPERTY_SUGGESTIONS: readonly string[] = samplePaths().filter((path) => !/\.(id|userId|groupId|messageId)$/.test(path) && path !== 'event.name');

/** Trait names (without the "person.traits." / "account.traits." prefix) for trait pickers. */
export const TRAIT_SUGGESTIONS: readonly string[] = [
  ...new Set(PROPERTY_SUGGESTIONS.filter((path) => /^(person|account)\.traits\./.test(path)).map((path) => path.replace(/^(person|account)\.traits\./, ''))),
];
