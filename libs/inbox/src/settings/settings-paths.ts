/** Dot-path access to settings objects; `record.*` patterns expand to every key of that record. */
export type Settings = Record<string, unknown>;

const isObject = (value: unknown): value is Settings => typeof value === 'object' && value !== null && !Array.isArray(value);

export function getPath(settings: unknown, path: string): unknown {
  let current: unknown = settings;
  for (const key of path.split('.')) {
    if (!isObject(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/** Sets the value, creating missing parent objects; does nothing where a parent is not an object. */
export function setPath(settings: Settings, path: string, value: unknown): void {
  const keys = path.split('.');
  let current: Settings = settings;
  for (const key of keys.slice(0, -1)) {
    if (current[key] === undefined) current[key] = {};
    const next = current[key];
    if (!isObject(next)) return;
    current = next;
  }
  current[keys[keys.length - 1]] = value;
}

export function deletePath(settings: Settings, path: string): void {
  const keys = path.split('.');
  const parent = keys.length === 1 ? settings : getPath(settings, keys.slice(0, -1).join('.'));
  if (isObject(parent)) delete parent[keys[keys.length - 1]];
}

/** The concrete paths the patterns name in these settings, whether or not a value is set there. */
export function expandPaths(patterns: readonly string[], ...sources: unknown[]): string[] {
  const paths = new Set<string>();
  for (const pattern of patterns) {
    if (!pattern.endsWith('.*')) {
      paths.add(pattern);
      continue;
    }
    const recordPath = pattern.slice(0, -2);
    for (const source of sources) {
      const record = getPath(source, recordPath);
      if (isObject(record)) for (const key of Object.keys(record)) paths.add(`${recordPath}.${key}`);
    }
  }
  return [...paths];
}

export function cloneSettings<T>(settings: T): T {
  return structuredClone(settings);
}
