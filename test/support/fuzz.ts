import fc from 'fast-check';

/** One seed for every property, so a failure prints a path that reproduces it exactly. */
export const FUZZ_SEED = 20_261_128;

/** Bounded runs: enough to find the crashes that matter, small enough for the whole suite on two cores. */
export const fuzzParameters = (numRuns = 200): fc.Parameters<unknown> => ({ numRuns, seed: FUZZ_SEED, endOnFailure: true });

/** Strings that break naive parsers, SQL and HTML. */
export const hostileStrings = [
  '',
  ' ',
  "' OR 1=1 --",
  '%',
  '_',
  '\\',
  '{"$gt":""}',
  'ё%',
  '\u0000',
  '\uD800',
  '🙂'.repeat(50),
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '9'.repeat(400),
  '-1',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
];

export const hostileString = fc.oneof(fc.constantFrom(...hostileStrings), fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }));

/** Any JSON value, with hostile strings mixed in and prototype-looking keys. */
export const anyJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double(),
    fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 0, 1e21, 2 ** 53 + 1),
    hostileString,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileString, fc.constantFrom('__proto__', 'constructor', 'toString')), tie('value'), { maxKeys: 4 }),
  ),
})).value;

type Path = Array<string | number>;

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const paths: Path[] = prefix.length ? [prefix] : [];
  if (Array.isArray(value)) value.forEach((item, index) => paths.push(...pathsOf(item, [...prefix, index])));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]));
  return paths;
}

interface Mutation {
  pick: number;
  op: 'delete' | 'replace' | 'wrap' | 'add';
  value: unknown;
  key: string;
}

function applyMutation(root: unknown, mutation: Mutation): unknown {
  const paths = pathsOf(root);
  if (!paths.length) return mutation.value;
  const path = paths[mutation.pick % paths.length];
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent = copy;
  for (const segment of path.slice(0, -1)) parent = parent[segment] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  switch (mutation.op) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
      break;
    case 'replace':
      parent[last] = mutation.value;
      break;
    case 'wrap':
      parent[last] = [parent[last]];
      break;
    case 'add': {
      const target = parent[last];
      if (target && typeof target === 'object' && !Array.isArray(target)) (target as Record<string, unknown>)[mutation.key] = mutation.value;
      else parent[last] = { [mutation.key]: mutation.value };
      break;
    }
  }
  return copy;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  pick: fc.nat(),
  op: fc.constantFrom('delete', 'replace', 'wrap', 'add'),
  value: anyJson,
  key: hostileString,
});

/** A real-shaped payload with one to four fields removed, retyped, wrapped or added; sometimes a wholly random value. */
export function mutatedJson(fixtures: readonly unknown[]): fc.Arbitrary<unknown> {
  const mutated = fc
    .tuple(fc.constantFrom(...fixtures), fc.array(mutation, { minLength: 1, maxLength: 4 }))
    .map(([fixture, mutations]) => mutations.reduce<unknown>((value, m) => applyMutation(value, m), fixture));
  return fc.oneof({ weight: 6, arbitrary: mutated }, { weight: 1, arbitrary: anyJson });
}

/** A form (flat string fields, as SMS and telephony providers post) with fields removed, changed or added. */
export function mutatedForm(fixtures: ReadonlyArray<Record<string, string>>): fc.Arbitrary<Record<string, string>> {
  return fc
    .tuple(
      fc.constantFrom(...fixtures),
      fc.array(fc.record({ pick: fc.nat(), op: fc.constantFrom('delete', 'replace', 'add'), value: hostileString, key: hostileString }), { minLength: 1, maxLength: 4 }),
    )
    .map(([fixture, mutations]) => {
      const form: Record<string, string> = { ...fixture };
      for (const m of mutations) {
        const keys = Object.keys(form);
        const key = keys.length ? keys[m.pick % keys.length] : m.key;
        if (m.op === 'delete') delete form[key];
        else if (m.op === 'replace') form[key] = m.value;
        else form[m.key] = m.value;
      }
      return form;
    });
}

/** Raw bytes as a body: truncated JSON, binary noise, wrong encodings. */
export const rawBody = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
  fc.string({ maxLength: 200 }).map((text) => Buffer.from(text)),
);
