import type { ScoredEvent } from '../model/types';
import { DAY_MS } from '../time/calendar';
import { SYNTHETIC_EVENTS as E, SYNTHETIC_FEATURES, SYNTHETIC_FIRST_NAMES, SYNTHETIC_INDUSTRIES, SYNTHETIC_PLANS } from './catalog';
import { SeededRandom } from './random';

export interface SyntheticOptions {
  accounts: number;
  days: number;
  seed: number;
  /** Epoch ms of the first day (the caller picks it; nothing here reads the clock). */
  start: number;
  /** Share of accounts that convert (Order Completed), default 0.2. */
  converterShare?: number;
}

export interface SyntheticPerson {
  id: string;
  accountId: string;
  traits: Record<string, unknown>;
  /** Day (0-based) the person starts using the product: 0 for the founding members, later for invitees. */
  joinsOnDay: number;
}

export interface SyntheticAccount {
  id: string;
  traits: Record<string, unknown>;
  converts: boolean;
  /** Day of the Order Completed event, for converters. */
  convertsOnDay: number | null;
  people: SyntheticPerson[];
}

export interface SyntheticDataset {
  /** Track events as scoring sees them, in time order; person and account objects are shared per subject. */
  events: ScoredEvent[];
  accounts: SyntheticAccount[];
  /** Ids of the accounts that complete an order: the known outcome. */
  converters: string[];
}

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const MAX_ACCOUNTS = 1_000_000;
const MAX_DAYS = 3650;

/** How engaged an account is: converters start keener and warm up; the rest cool down. */
interface Behaviour {
  sessionsPerDay: number;
  warmUp: number;
  advancedShare: number;
  minutes: [number, number];
  collaboration: number;
  pricingPerDay: number;
  demo: number;
  invites: number;
}

function behaviourOf(converts: boolean, random: SeededRandom): Behaviour {
  if (converts) {
    return {
      sessionsPerDay: 0.7 + random.next() * 1.1,
      warmUp: 0.8,
      advancedShare: 0.35,
      minutes: [15, 70],
      collaboration: 0.5,
      pricingPerDay: 0.15,
      demo: 0.65,
      invites: random.int(2, 8),
    };
  }
  return {
    sessionsPerDay: 0.2 + random.next() * 0.8,
    warmUp: -0.4,
    advancedShare: 0.1,
    minutes: [3, 35],
    collaboration: 0.15,
    pricingPerDay: 0.02,
    // Tire kickers: some non-converters ask for a demo too, so no signal is perfect.
    demo: 0.08,
    invites: random.int(0, 2),
  };
}

const pad = (value: number): string => String(value).padStart(5, '0');
const ADVANCED_FEATURES = SYNTHETIC_FEATURES.filter((feature) => feature.advanced);
const BASIC_FEATURES = SYNTHETIC_FEATURES.filter((feature) => !feature.advanced);

/**
 * A realistic, deterministic product event stream for `accounts` accounts over `days` days: the same
 * options give the same events. A known share of accounts convert ("Order Completed" late in the
 * period) and behave measurably differently before they do: more and longer sessions, more advanced
 * features, pricing views and demo requests, more invited teammates, usage closer to the plan limit.
 */
export function generateEvents(options: SyntheticOptions): SyntheticDataset {
  const { accounts: accountCount, days, seed, start } = options;
  const converterShare = options.converterShare ?? 0.2;
  if (!Number.isInteger(accountCount) || accountCount < 1 || accountCount > MAX_ACCOUNTS) throw new RangeError(`accounts is a whole number from 1 to ${MAX_ACCOUNTS}`);
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) throw new RangeError(`days is a whole number from 1 to ${MAX_DAYS}`);
  if (!Number.isFinite(start)) throw new RangeError('start is epoch milliseconds');
  if (!(converterShare >= 0 && converterShare <= 1)) throw new RangeError('converterShare is between 0 and 1');

  const random = new SeededRandom(seed);
  const dayStart = Math.floor(start / DAY_MS) * DAY_MS;
  let counter = 0;
  const messageId = (): string => `syn-${seed}-${(counter += 1).toString(36)}`;

  const accounts: SyntheticAccount[] = [];
  const behaviours: Behaviour[] = [];
  for (let index = 0; index < accountCount; index += 1) {
    const id = `acct-${pad(index + 1)}`;
    const converts = random.chance(converterShare);
    const behaviour = behaviourOf(converts, random);
    const seats = random.int(5, 60);
    const usageLimit = 10_000;
    const traits: Record<string, unknown> = {
      name: `Company ${index + 1}`,
      plan: random.pick(SYNTHETIC_PLANS),
      industry: random.pick(SYNTHETIC_INDUSTRIES),
      employees: random.pick([15, 40, 120, 350, 900, 2500]),
      seats,
      planDauBaseline: Math.max(2, Math.round(seats * 0.2)),
      active_integrations: converts ? random.int(1, 5) : random.int(0, 3),
      usage_limit: usageLimit,
      usage: converts ? random.int(6500, 12_000) : random.int(500, 9000),
      createdAt: new Date(dayStart).toISOString(),
    };
    const founders = random.int(2, 4);
    const people: SyntheticPerson[] = [];
    for (let member = 0; member < founders + behaviour.invites; member += 1) {
      const personId = `${id}-u${member + 1}`;
      const joinsOnDay = member < founders ? 0 : random.int(1, Math.max(1, days - 1));
      people.push({
        id: personId,
        accountId: id,
        joinsOnDay,
        traits: {
          email: `${personId}@example.com`,
          firstName: random.pick(SYNTHETIC_FIRST_NAMES),
          role: member === 0 ? 'admin' : 'member',
          createdAt: new Date(dayStart + joinsOnDay * DAY_MS).toISOString(),
        },
      });
    }
    people.sort((a, b) => a.joinsOnDay - b.joinsOnDay);
    const convertsOnDay = converts ? random.int(Math.floor(days * 0.6), days - 1) : null;
    accounts.push({ id, traits, converts, convertsOnDay, people });
    behaviours.push(behaviour);
  }

  const events: ScoredEvent[] = [];
  const refs = accounts.map((account) => ({
    account: { id: account.id, traits: account.traits },
    people: account.people.map((person) => ({ id: person.id, traits: person.traits })),
  }));
  const demoDay = accounts.map((_, index) => (random.chance(behaviours[index]!.demo) ? random.int(Math.floor(days * 0.2), Math.max(Math.floor(days * 0.2), Math.floor(days * 0.7))) : -1));

  for (let day = 0; day < days; day += 1) {
    const today: ScoredEvent[] = [];
    const base = dayStart + day * DAY_MS;
    for (let index = 0; index < accounts.length; index += 1) {
      const account = accounts[index]!;
      const behaviour = behaviours[index]!;
      const ref = refs[index]!;
      const admin = ref.people[0]!;
      const progress = days > 1 ? day / (days - 1) : 1;
      const push = (person: { id: string; traits: Record<string, unknown> }, event: string, timestamp: number, properties: Record<string, unknown> = {}): void => {
        today.push({ messageId: messageId(), event, timestamp, properties, person, account: ref.account });
      };
      const at = (): number => base + 7 * HOUR_MS + random.int(0, 12 * 60) * MINUTE_MS;

      if (day === 0 && random.chance(account.converts ? 0.95 : 0.7)) push(admin, E.trialStarted, at());
      if (day === demoDay[index]) push(admin, E.demoRequested, at());
      for (let view = random.poisson(behaviour.pricingPerDay * (1 + progress)); view > 0; view -= 1) push(admin, E.pricingViewed, at());
      if (day % 7 === 3) {
        const percent = Math.min(100, Math.round((account.converts ? 40 : 20) + progress * (account.converts ? 70 : 50)));
        push(admin, E.onboardingProgressed, at(), { percentComplete: percent });
      }
      if (day % 30 === 29 && (account.traits['usage'] as number) > (account.traits['usage_limit'] as number)) {
        push(admin, E.overageCharged, at(), { amount: Math.round(((account.traits['usage'] as number) - 10_000) * 0.5) });
      }
      if (random.chance(0.002)) push(admin, E.paymentFailed, at());
      if (day === account.convertsOnDay) push(admin, E.orderCompleted, base + 20 * HOUR_MS, { revenue: random.pick([1200, 4800, 12_000]), plan: 'business' });

      for (let member = 0; member < account.people.length; member += 1) {
        const person = account.people[member]!;
        const personRef = ref.people[member]!;
        if (person.joinsOnDay > day) continue;
        if (person.joinsOnDay === day && day > 0) {
          // Before any session of the day (sessions start from 7:00).
          const invitedAt = base + 6 * HOUR_MS + 50 * MINUTE_MS;
          push(admin, E.userInvited, invitedAt, { inviterRole: 'admin', invitee: person.traits['email'] });
          push(personRef, E.userActivated, invitedAt + 5 * MINUTE_MS);
        }
        const rate = Math.max(0.05, behaviour.sessionsPerDay * (1 + behaviour.warmUp * progress));
        for (let session = random.poisson(rate); session > 0; session -= 1) {
          let time = at();
          push(personRef, E.sessionStarted, time, { platform: random.chance(0.2) ? 'mobile' : 'web' });
          for (let use = random.poisson(1.5); use > 0; use -= 1) {
            const feature = random.pick(random.chance(behaviour.advancedShare) ? ADVANCED_FEATURES : BASIC_FEATURES);
            time += random.int(1, 10) * MINUTE_MS;
            push(personRef, E.featureUsed, time, { feature: feature.name, core: feature.core, advanced: feature.advanced });
          }
          if (random.chance(behaviour.collaboration)) {
            time += random.int(1, 5) * MINUTE_MS;
            push(personRef, random.pick([E.commentAdded, E.itemShared, E.userMentioned]), time);
          }
          if (random.chance(0.1 + behaviour.collaboration * 0.2)) {
            time += MINUTE_MS;
            push(personRef, E.reportCreated, time, { custom: random.chance(0.5) });
          }
          const minutes = random.int(behaviour.minutes[0], behaviour.minutes[1]);
          push(personRef, E.sessionEnded, time + minutes * MINUTE_MS, { duration_minutes: minutes });
        }
      }
    }
    today.sort((a, b) => a.timestamp - b.timestamp);
    for (const event of today) events.push(event);
  }
  return { events, accounts, converters: accounts.filter((account) => account.converts).map((account) => account.id) };
}
