/** What "New playbook" starts from: the shared demo-request example (trigger → condition → email → end), renamed. */
import { demoRequestFollowUp, type Playbook } from '@tripline/playbook';

export function starterPlaybook(name: string): Playbook {
  return { ...structuredClone(demoRequestFollowUp), id: slugOf(name), version: 1, name };
}

/** A DSL id from a display name: "Demo follow-up!" → "demo-follow-up". */
export function slugOf(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents: "é" → "e", not "e-"
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'playbook';
}
