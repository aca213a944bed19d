// A generated playbook of exactly `size` steps for the designer benchmark: a split into lanes, each lane a
// chain of the blocks real playbooks are made of (condition, A/B split, parallel/join, approval with a
// rejected branch, wait for an event with a timeout, business-hours wait), ending in an end step.
// Pure: JSON in, JSON out; every document it returns passes validate() (the benchmark checks that).

const NODE_WIDTH = 240; // designer/src/canvas/layered-layout.ts
const ROW = 150;
const BRANCH = 140; // half the distance between the centres of two side-by-side branches
const LANE_WIDTH = 2 * 2 * BRANCH + 80;

const email = (label, subject) => ({
  kind: 'action',
  label,
  connector: 'email',
  action: 'send',
  connection: 'default-email',
  input: { to: '{{ person.traits.email }}', subject, text: 'Hi {{ person.traits.firstName | default: "there" }},\n\n' + subject + '.' },
});
const slack = (label, text) => ({ kind: 'action', label, connector: 'slack', action: 'postMessage', connection: 'sales-slack', input: { channel: '#sales', text } });
const hubspotTask = (label) => ({
  kind: 'action',
  label,
  connector: 'hubspot',
  action: 'createTask',
  connection: 'hubspot',
  input: { subject: `${label}: {{ person.traits.email }}`, contactId: '{{ person.traits.hubspotContactId }}', priority: 'HIGH' },
});

/**
 * Each block: its steps (ids local to the block, placed at [column, row] with column -1, 0 or 1), its edges,
 * its head and the tails (a step and the port) the next block's head is reached from.
 */
const BLOCKS = [
  {
    size: 5,
    rows: 3,
    build: () => ({
      steps: {
        engaged: [{ kind: 'condition', label: 'Engaged this week?', when: { property: 'person.traits.sessionsThisWeek', operator: 'gte', value: 3 } }, 0, 0],
        tips: [email('Feature tips', 'Three features teams like yours use next'), -1, 1],
        pause: [{ kind: 'wait', label: 'Two days', for: '2d' }, -1, 2],
        bump: [{ kind: 'score', label: 'Lower the score', model: 'pql', adjust: -5 }, 1, 1],
        alert: [slack('Tell the owner', 'Engagement dropped for {{ person.traits.email }}'), 1, 2],
      },
      edges: [['engaged', 'tips', 'yes'], ['tips', 'pause'], ['engaged', 'bump', 'no'], ['bump', 'alert']],
      head: 'engaged',
      tails: [['pause'], ['alert']],
    }),
  },
  {
    size: 3,
    rows: 2,
    build: () => ({
      steps: {
        test: [{ kind: 'split', label: 'Subject line A/B', variants: [{ port: 'A', percent: 50 }, { port: 'B', percent: 50 }] }, 0, 0],
        a: [email('Offer (A)', '15% off the annual plan'), -1, 1],
        b: [email('Offer (B)', 'Your team, on the annual plan'), 1, 1],
      },
      edges: [['test', 'a', 'A'], ['test', 'b', 'B']],
      head: 'test',
      tails: [['a'], ['b']],
    }),
  },
  {
    size: 4,
    rows: 3,
    build: () => ({
      steps: {
        both: [{ kind: 'parallel', label: 'CRM and Slack' }, 0, 0],
        task: [hubspotTask('Call the account'), -1, 1],
        ping: [slack('Ping the channel', 'New hot lead: {{ person.traits.email }}'), 1, 1],
        joined: [{ kind: 'join', label: 'Both done' }, 0, 2],
      },
      edges: [['both', 'task'], ['both', 'ping'], ['task', 'joined'], ['ping', 'joined']],
      head: 'both',
      tails: [['joined']],
    }),
  },
  {
    size: 3,
    rows: 2,
    build: () => ({
      steps: {
        approve: [{ kind: 'approval', label: 'Manager approves', assignees: { roles: ['approver'] }, timeout: '2d', onTimeout: 'reject' }, 0, 0],
        notify: [{ kind: 'action', label: 'Notify the CRM', connector: 'webhook', action: 'send', connection: 'crm-webhook', input: { event: 'approved', email: '{{ person.traits.email }}' } }, -1, 1],
        stop: [{ kind: 'end', label: 'Rejected' }, 1, 1],
      },
      edges: [['approve', 'notify'], ['approve', 'stop', 'rejected']],
      head: 'approve',
      tails: [['notify']],
    }),
  },
  {
    size: 3,
    rows: 2,
    build: () => ({
      steps: {
        demo: [{ kind: 'waitForEvent', label: 'Books a demo?', event: { name: 'Demo Booked' }, timeout: '3d' }, 0, 0],
        reminder: [email('Reminder', 'Still want that demo?'), -1, 1],
        boost: [{ kind: 'score', label: 'Raise the score', model: 'pql', adjust: 10 }, 1, 1],
      },
      edges: [['demo', 'reminder'], ['demo', 'boost', 'received']],
      head: 'demo',
      tails: [['reminder'], ['boost']],
    }),
  },
  {
    size: 2,
    rows: 2,
    build: () => ({
      steps: {
        office: [{ kind: 'wait', label: 'Office hours', until: { timeZone: 'Europe/Berlin', days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17 } }, 0, 0],
        followUp: [email('Follow-up', 'A quick question about your trial'), 0, 1],
      },
      edges: [['office', 'followUp']],
      head: 'office',
      tails: [['followUp']],
    }),
  },
];

/** Percentages of `count` variants that add up to 100. */
function percentages(count) {
  const base = Math.floor(100 / count);
  return Array.from({ length: count }, (_, i) => base + (i < 100 - base * count ? 1 : 0));
}

/**
 * The playbook document with exactly `size` steps (at least 6): ~50 steps per lane.
 * @param {number} size
 */
export function benchPlaybook(size) {
  if (!Number.isInteger(size) || size < 6) throw new Error(`a bench playbook needs at least 6 steps, got ${size}`);
  const lanes = Math.max(2, Math.round(size / 50));
  const nodes = {};
  const edges = [];
  const layout = {};
  const put = (id, step, x, y) => {
    nodes[id] = step;
    layout[id] = { x: Math.round(x - NODE_WIDTH / 2), y };
  };
  put('lanes', { kind: 'split', label: 'Segment', variants: percentages(lanes).map((percent, i) => ({ port: `segment-${i + 1}`, percent })) }, 0, 0);

  const budget = size - 1;
  let blockIndex = 0;
  for (let lane = 0; lane < lanes; lane++) {
    const centre = (lane - (lanes - 1) / 2) * LANE_WIDTH;
    let remaining = Math.floor(budget / lanes) + (lane < budget % lanes ? 1 : 0);
    let tails = [['lanes', `segment-${lane + 1}`]];
    let row = 1;
    let part = 0;
    const link = (head) => {
      for (const [from, port] of tails) edges.push(port === undefined ? { from, to: head } : { from, to: head, port });
    };
    // Blocks while they fit (one step is kept for the lane's end), then single waits.
    while (remaining > 1) {
      const block = BLOCKS[blockIndex % BLOCKS.length];
      const prefix = `l${lane + 1}-${++part}-`;
      if (block.size <= remaining - 1) {
        blockIndex++;
        const built = block.build();
        for (const [local, [step, column, blockRow]] of Object.entries(built.steps)) put(prefix + local, step, centre + column * BRANCH, (row + blockRow) * ROW);
        link(prefix + built.head);
        for (const [from, to, port] of built.edges) edges.push(port === undefined ? { from: prefix + from, to: prefix + to } : { from: prefix + from, to: prefix + to, port });
        tails = built.tails.map(([from, port]) => [prefix + from, port]);
        row += block.rows;
        remaining -= block.size;
      } else {
        put(`${prefix}wait`, { kind: 'wait', label: 'One day', for: '1d' }, centre, row * ROW);
        link(`${prefix}wait`);
        tails = [[`${prefix}wait`]];
        row += 1;
        remaining -= 1;
      }
    }
    put(`l${lane + 1}-done`, { kind: 'end', label: 'Done' }, centre, row * ROW);
    link(`l${lane + 1}-done`);
  }

  return {
    schemaVersion: 1,
    id: `designer-bench-${size}`,
    version: 1,
    name: `Designer benchmark (${size} steps)`,
    description: 'Generated by scripts/bench/designer.mjs',
    trigger: { kind: 'event', event: 'Trial Started' },
    enrollment: { subject: 'person', reenroll: 'never' },
    start: 'lanes',
    nodes,
    edges,
    layout,
  };
}
