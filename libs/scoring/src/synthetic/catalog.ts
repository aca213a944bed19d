/**
 * The event names and properties of the synthetic stream: the domain's scoring table (pricing page,
 * trial, core feature, demo), the 7-factor PQL model's inputs (sessions with minutes, advanced
 * features, collaboration, account traits) and the trigger taxonomy's signals (invites, activations,
 * overage, failed payments, onboarding progress, reports), plus the outcome "Order Completed".
 */
export const SYNTHETIC_EVENTS = {
  sessionStarted: 'Session Started',
  sessionEnded: 'Session Ended',
  featureUsed: 'Feature Used',
  pricingViewed: 'Pricing Page Viewed',
  trialStarted: 'Trial Started',
  demoRequested: 'Demo Requested',
  userInvited: 'User Invited',
  userActivated: 'User Activated',
  commentAdded: 'Comment Added',
  itemShared: 'Item Shared',
  userMentioned: 'User Mentioned',
  reportCreated: 'Report Created',
  onboardingProgressed: 'Onboarding Progressed',
  overageCharged: 'Overage Charged',
  paymentFailed: 'Payment Failed',
  orderCompleted: 'Order Completed',
} as const;

/** Features: core ones count for the seed table's "core feature" rule; advanced ones for PQL feature depth. */
export const SYNTHETIC_FEATURES: readonly { name: string; core: boolean; advanced: boolean }[] = [
  { name: 'dashboards', core: true, advanced: false },
  { name: 'projects', core: true, advanced: false },
  { name: 'search', core: false, advanced: false },
  { name: 'exports', core: false, advanced: false },
  { name: 'ai-analytics', core: true, advanced: true },
  { name: 'automations', core: false, advanced: true },
  { name: 'sso', core: false, advanced: true },
  { name: 'audit-log', core: false, advanced: true },
  { name: 'api', core: false, advanced: true },
  { name: 'custom-roles', core: false, advanced: true },
];

export const SYNTHETIC_PLANS = ['free', 'starter', 'pro'] as const;
export const SYNTHETIC_INDUSTRIES = ['software', 'fintech', 'retail', 'healthcare', 'media', 'logistics'] as const;
export const SYNTHETIC_FIRST_NAMES = ['Ada', 'Ben', 'Chloe', 'Dev', 'Elif', 'Femi', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kira', 'Luca', 'Mina', 'Noah'] as const;
