/**
 * Drill 5: a corpus of hostile templates (Liquid) and conditions (structured filters) run through the
 * code the worker and the ingest path use: renderTemplate / renderInput (@tripline/templates),
 * evaluateFilter and parsePlaybook (@tripline/playbook). An escape is any of: output that shows a
 * function, a prototype or the process; a condition that reads a prototype; Object.prototype changed;
 * an error other than the library's own (a stack overflow, say); a render over its time budget.
 */
import { evaluateFilter, type EvaluationContext, type Filter, parsePlaybook } from '@tripline/playbook';
import { DEFAULT_TEMPLATE_LIMITS, renderInput, renderTemplate, TemplateError } from '@tripline/templates';
import { Checks, type Drill, fmt } from './drill';
import { SeededRandom } from './support/seeded-random';

/** An ordinary context: plain data, every prototype where JavaScript puts it. */
function plainContext(): EvaluationContext & Record<string, unknown> {
  return {
    event: { name: 'Signed Up', properties: { amount: 5, plan: 'pro' } },
    person: { id: 'p1', userId: 'u1', traits: { email: 'a@example.test', plan: 'pro' } },
    account: { id: 'a1', groupId: 'g1', traits: { name: 'Acme' } },
  };
}

/**
 * A context carrying hostile data: own "__proto__" and "constructor" keys, as JSON.parse makes them,
 * whose values say INHERITED. They are data; if INHERITED ever shows through a path that does not
 * name them, the data became a prototype.
 */
function hostileContext(): EvaluationContext & Record<string, unknown> {
  const traits = JSON.parse('{"email":"a@example.test","__proto__":{"isAdmin":"INHERITED","polluted":"INHERITED"},"constructor":{"prototype":{"polluted":"INHERITED"}},"plan":"pro"}') as Record<string, unknown>;
  return {
    event: { name: 'Signed Up', properties: JSON.parse('{"__proto__":{"polluted":"INHERITED"},"amount":5}') as Record<string, unknown> },
    person: { id: 'p1', userId: 'u1', traits },
    account: { id: 'a1', groupId: 'g1', traits: { name: 'Acme' } },
  };
}

// What a template can try to reach: prototypes, constructors, functions, the process.
const REACH = [
  'person.constructor', 'person.__proto__', 'person.constructor.constructor', 'person.traits.constructor.name', 'person.traits.__proto__.isAdmin',
  'person.traits.isAdmin', 'person.traits.polluted', 'person.traits.toString', 'person.traits.hasOwnProperty', 'person.traits.valueOf',
  'event.properties.__proto__', 'event.properties.polluted', 'event.properties.constructor.prototype', 'person.traits["__proto__"]',
  'person.traits["constructor"]["prototype"]', 'person.traits.email.constructor', 'person.traits.email.length.constructor', 'account.traits.__defineGetter__',
  'process', 'global', 'globalThis', 'require', 'this', 'constructor', '__proto__', 'Object', 'Function',
];
const PROTOTYPE_TEMPLATES = [
  ...REACH.map((path) => `{{ ${path} }}`),
  ...REACH.map((path) => `{% assign x = ${path} %}{{ x }}{{ x.prototype }}{{ x.name }}`),
  ...REACH.map((path) => `{{ ${path} | json }}`),
  '{{ "".constructor.constructor("return process")() }}',
  '{{ person | map: "constructor" | first }}',
  '{{ person.traits | map: "__proto__" }}',
  '{% for k in person.traits %}{{ k }}{% endfor %}',
  '{{ person.traits | json }}',
  '{{ event.properties | json }}',
  '{% assign __proto__ = "polluted" %}{{ __proto__ }}',
  '{% assign constructor = "polluted" %}{{ constructor }}',
  '{% capture __proto__ %}polluted{% endcapture %}{{ __proto__.polluted }}',
  '{% increment __proto__ %}{% increment constructor %}',
  '{% assign x = "a,b" | split: "," %}{{ x.constructor }}{{ x.__proto__ }}{{ x.push }}',
  '{{ "a" | append: person.constructor }}',
  '{{ person.traits.email | sort: "constructor" }}',
  '{% include "/etc/passwd" %}',
  '{% render "../../package.json" %}',
  '{% layout "x" %}',
  "{{ '/etc/passwd' | read }}",
];

// Loops and allocations that must hit a limit instead of holding the worker.
const LOOP_TEMPLATES = [
  '{% for i in (1..100000000) %}x{% endfor %}',
  '{% for a in (1..100000) %}{% for b in (1..100000) %}{% endfor %}{% endfor %}',
  `${'{% for i in (1..10) %}'.repeat(10)}x${'{% endfor %}'.repeat(10)}`,
  '{% assign s = "xxxxxxxxxx" %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s }}',
  '{% for i in (1..300000) %}xxxxxxxxxx{% endfor %}',
  '{% for i in (1..1000000) %}{% cycle "a", "b" %}{% endfor %}',
  '{% tablerow i in (1..1000000) cols:3 %}{{ i }}{% endtablerow %}',
  '{% for i in (1..100000000) %}{% increment n %}{% endfor %}',
  `${'{% if true %}'.repeat(20000)}x${'{% endif %}'.repeat(20000)}`,
  `{{ x${' | append: "x"'.repeat(50000)} }}`,
  'x'.repeat(DEFAULT_TEMPLATE_LIMITS.maxSourceLength + 1),
  '{% assign a = (1..10000000) %}{{ a | size }}',
  '{% assign s = "ab" %}{% for i in (1..30) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}{{ s | size }}',
  '{{ "x" | replace: "x", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" | replace: "x", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" | replace: "x", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" | replace: "x", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" | replace: "x", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" }}',
];

// What output rendered from plain data may never contain: a function, an object that is no data, the process.
const LEAK = /function|\[native code\]|\[object |process|require|globalThis/i;
// From the hostile context: a function or the process, or INHERITED through a path that does not name the key holding it.
const HOSTILE_LEAK = /function|\[native code\]|process|require|globalThis/i;
const namesDataKey = (template: string) => /__proto__|constructor|\| json|for k in/.test(template);

// Conditions that try to read prototypes or blow the stack.
const PROTOTYPE_PATHS = [
  'person.traits.__proto__.isAdmin', 'person.traits.isAdmin', 'person.traits.polluted', 'person.traits.constructor.prototype.polluted',
  'person.traits.constructor.name', 'person.traits.toString', 'person.traits.hasOwnProperty', 'event.properties.polluted', 'event.properties.__proto__',
  '__proto__', 'constructor', 'constructor.prototype', 'person.__proto__.polluted', 'person.constructor.name', 'person.traits.email.length',
  'person.traits.email.constructor', 'event.properties.amount.constructor', 'prototype', 'person..traits', '.person', 'person.traits.',
];

function deepFilter(depth: number): Filter {
  let filter: Filter = { property: 'person.traits.plan', operator: 'eq', value: 'pro' };
  for (let i = 0; i < depth; i++) filter = i % 2 ? { all: [filter] } : { any: [filter] };
  return filter;
}

const prototypeSnapshot = () => JSON.stringify([Object.getOwnPropertyNames(Object.prototype).sort(), Object.getOwnPropertyNames(Array.prototype).sort(), Object.getOwnPropertyNames(Function.prototype).sort(), Object.getOwnPropertyNames(String.prototype).sort()]);

export const hostileTemplatesDrill: Drill = {
  number: 5,
  id: 'hostile-templates',
  title: 'Template and condition hostile-input corpus (prototype pollution, constructor chains, huge loops)',
  async run({ size, log }) {
    const checks = new Checks();
    const prototypesBefore = prototypeSnapshot();
    const escapes: string[] = [];
    const budgetMs = DEFAULT_TEMPLATE_LIMITS.renderTimeMs;
    // What a render costs is its CPU time: wall time on a busy 2-core machine also counts the other
    // processes' turns. A render that used more than twice its budget of CPU is an escape.
    const overrunMs = 2 * budgetMs;
    const cpuMsSince = (start: NodeJS.CpuUsage) => {
      const used = process.cpuUsage(start);
      return Math.round((used.user + used.system) / 1000);
    };
    let slowest = 0;
    const outcomes = { rendered: 0, refusedParse: 0, refusedLimit: 0, refusedRender: 0 };

    const attempt = (template: string, what: string) => {
      for (const hostile of [false, true]) {
        const started = process.cpuUsage();
        try {
          const output = renderTemplate(template, hostile ? hostileContext() : plainContext());
          if (!hostile) outcomes.rendered += 1;
          const leaked = hostile ? HOSTILE_LEAK.test(output) || (output.includes('INHERITED') && !namesDataKey(template)) : LEAK.test(output);
          if (leaked) escapes.push(`${what}${hostile ? ' (hostile data)' : ''}: ${template.slice(0, 80)} rendered ${JSON.stringify(output.slice(0, 120))}`);
          if (output.length > DEFAULT_TEMPLATE_LIMITS.maxOutputLength) escapes.push(`${what}: output of ${output.length} characters`);
        } catch (error) {
          if (!(error instanceof TemplateError)) escapes.push(`${what}: ${template.slice(0, 80)} threw ${(error as Error).name}: ${(error as Error).message.slice(0, 120)}`);
          else if (!hostile) outcomes[error.reason === 'parse' ? 'refusedParse' : error.reason === 'limit' ? 'refusedLimit' : 'refusedRender'] += 1;
        }
        const took = cpuMsSince(started);
        slowest = Math.max(slowest, took);
        if (took > overrunMs) escapes.push(`${what}: ${template.slice(0, 80)} took ${took} ms of CPU (budget ${budgetMs} ms)`);
        if (what === 'loop') break; // the loops say nothing new on the second context, and cost a second each
      }
    };

    // Fixed corpus, then seeded combinations of it (the full drill runs more of them).
    for (const template of PROTOTYPE_TEMPLATES) attempt(template, 'prototype');
    log(`  ${PROTOTYPE_TEMPLATES.length} prototype templates`);
    for (const template of LOOP_TEMPLATES) attempt(template, 'loop');
    log(`  ${LOOP_TEMPLATES.length} loop and allocation templates, slowest ${slowest} ms`);
    const rng = new SeededRandom(5_000);
    const combinations = size === 'full' ? 3_000 : 200;
    for (let i = 0; i < combinations; i++) {
      const parts = Array.from({ length: rng.int(2, 5) }, () => rng.pick(PROTOTYPE_TEMPLATES));
      if (size === 'full' && rng.chance(0.02)) parts.push(rng.pick(LOOP_TEMPLATES.slice(0, 8)));
      attempt(parts.join(rng.pick(['', ' ', '\n', '{{ "-" }}'])), 'combined');
    }
    const templates = PROTOTYPE_TEMPLATES.length + LOOP_TEMPLATES.length + combinations;

    // renderInput: deep inputs, many fields, hostile keys.
    let inputs = 0;
    const inputAttempt = (input: Record<string, unknown>, what: string, mustRefuse: boolean) => {
      inputs += 1;
      const started = process.cpuUsage();
      try {
        const output = renderInput(input, hostileContext());
        const text = JSON.stringify(output);
        if (mustRefuse) escapes.push(`renderInput ${what}: not refused`);
        if (HOSTILE_LEAK.test(text)) escapes.push(`renderInput ${what}: ${text.slice(0, 120)}`);
        if (Object.getPrototypeOf(output) !== Object.prototype) escapes.push(`renderInput ${what}: output has another prototype`);
      } catch (error) {
        if (!(error instanceof TemplateError)) escapes.push(`renderInput ${what}: threw ${(error as Error).name}: ${(error as Error).message.slice(0, 120)}`);
      }
      const took = cpuMsSince(started);
      if (took > DEFAULT_TEMPLATE_LIMITS.inputRenderTimeMs + overrunMs) escapes.push(`renderInput ${what}: took ${took} ms of CPU`);
    };
    let deep: unknown = '{{ person.traits.email }}';
    for (let i = 0; i < 200; i++) deep = { a: deep };
    inputAttempt({ deep } as Record<string, unknown>, 'nested 200 deep', true);
    inputAttempt(JSON.parse('{"__proto__": {"polluted": "{{ person.traits.email }}"}, "subject": "{{ person.constructor }}"}'), 'own __proto__ key', false);
    inputAttempt({ fields: Array.from({ length: 2_000 }, () => '{% for i in (1..3000) %}x{% endfor %}') }, '2,000 slow fields', true);
    inputAttempt({ constructor: '{{ x }}', prototype: ['{{ person.__proto__ }}'] }, 'constructor / prototype keys', false);

    // Conditions: prototype paths must read as missing, deep filters must be refused, not overflow the stack.
    let conditions = 0;
    for (const property of PROTOTYPE_PATHS) {
      for (const [operator, value] of [['exists', undefined], ['eq', 'yes'], ['eq', true], ['eq', 'Object'], ['contains', 'function'], ['neq', 'x']] as const) {
        conditions += 1;
        const rule = { property, operator, ...(value === undefined ? {} : { value }) } as Filter;
        let result: boolean;
        try {
          result = evaluateFilter(rule, hostileContext());
        } catch (error) {
          escapes.push(`condition ${property} ${operator}: threw ${(error as Error).message}`);
          continue;
        }
        // Only the negated operator may hold on a path that reads as missing; "email.length" is data.
        const legitimate = property === 'person.traits.email.length' && operator === 'exists';
        if (result !== (operator === 'neq') && !legitimate) escapes.push(`condition ${property} ${operator} ${String(value)} evaluated ${result}`);
      }
    }
    for (const depth of [65, 1_000, 100_000]) {
      conditions += 1;
      try {
        evaluateFilter(deepFilter(depth), hostileContext());
        escapes.push(`a filter ${depth} deep was evaluated`);
      } catch (error) {
        if (!/nested deeper than 64/.test((error as Error).message)) escapes.push(`a filter ${depth} deep: ${(error as Error).name}: ${(error as Error).message.slice(0, 100)}`);
      }
    }
    // Playbook documents carrying the same payloads are refused before anything reads them.
    const documents = [
      JSON.parse('{"__proto__": {"nodes": {}}, "schemaVersion": 1}'),
      { schemaVersion: 1, id: 'p', version: 1, name: 'x', trigger: { kind: 'event', event: 'E', where: deepFilter(200) }, enrollment: { subject: 'person', reenroll: 'never' }, start: 'e', nodes: { e: { kind: 'end' } }, edges: [] },
      { schemaVersion: 1, id: 'p', version: 1, name: 'x', trigger: { kind: 'event', event: 'E', where: { property: 'person.__proto__.isAdmin', operator: 'exists' } }, enrollment: { subject: 'person', reenroll: 'never' }, start: 'e', nodes: { e: { kind: 'end' } }, edges: [] },
      { schemaVersion: 1, id: 'p', version: 1, name: 'x', trigger: { kind: 'event', event: 'E' }, enrollment: { subject: 'person', reenroll: 'never' }, start: 'constructor', nodes: JSON.parse('{"__proto__": {"kind": "end"}}'), edges: [] },
    ];
    let documentsRefused = 0;
    for (const document of documents) {
      conditions += 1;
      try {
        const parsed = parsePlaybook(document);
        if (parsed.ok) escapes.push(`a hostile playbook document was accepted: ${JSON.stringify(document).slice(0, 100)}`);
        else documentsRefused += 1;
      } catch (error) {
        escapes.push(`parsePlaybook threw ${(error as Error).name}: ${(error as Error).message.slice(0, 100)}`);
      }
    }

    const prototypesAfter = prototypeSnapshot();
    const polluted = prototypesAfter !== prototypesBefore || ({} as Record<string, unknown>).polluted !== undefined || ({} as Record<string, unknown>).isAdmin !== undefined;
    checks.check('0 escapes from templates', escapes.filter((e) => !e.startsWith('condition') && !e.startsWith('a filter') && !e.startsWith('a hostile') && !e.startsWith('parsePlaybook')).length === 0, escapes.slice(0, 5).join(' | ') || `${fmt(templates)} templates and ${inputs} inputs: none reached a prototype, a function or the process`);
    checks.check('0 escapes from conditions', !escapes.some((e) => /^(condition|a filter|a hostile|parsePlaybook)/.test(e)), escapes.filter((e) => /^(condition|a filter|a hostile|parsePlaybook)/.test(e)).slice(0, 5).join(' | ') || `${conditions} conditions and documents: prototype paths read as missing, deep filters refused`);
    checks.check('no prototype changed', !polluted, polluted ? 'Object/Array/Function/String prototypes changed' : 'Object, Array, Function and String prototypes as before');
    checks.check('render limits enforced', slowest <= overrunMs, `slowest render ${fmt(slowest)} ms of CPU (budget ${fmt(budgetMs)} ms per template, ${fmt(DEFAULT_TEMPLATE_LIMITS.inputRenderTimeMs)} ms per input)`);
    checks.check('hostile playbook documents refused', documentsRefused === documents.length, `${documentsRefused} of ${documents.length}`);
    return {
      did: `Rendered ${fmt(templates)} hostile templates (${PROTOTYPE_TEMPLATES.length} prototype and constructor probes, ${LOOP_TEMPLATES.length} loops and allocation bombs, ${fmt(combinations)} seeded combinations) and ${inputs} hostile action inputs each against plain data and against data carrying own "__proto__" and "constructor" keys; evaluated ${conditions} hostile conditions and playbook documents.`,
      lost: escapes.length === 0 && !polluted ? 'nothing: 0 escapes, every loop stopped by a limit' : `${escapes.length} escapes`,
      figures: [
        ['templates', fmt(templates)],
        ['rendered (harmless output)', fmt(outcomes.rendered)],
        ['refused: parse error (unknown tags, file tags, over-long source)', fmt(outcomes.refusedParse)],
        ['refused: limit (time, memory, output, nesting)', fmt(outcomes.refusedLimit)],
        ['refused: render error', fmt(outcomes.refusedRender)],
        ['slowest render (CPU time)', `${fmt(slowest)} ms (budget ${fmt(budgetMs)} ms)`],
        ['action inputs', String(inputs)],
        ['conditions and documents', String(conditions)],
        ['escapes', String(escapes.length)],
      ],
      checks: checks.list,
    };
  },
};
