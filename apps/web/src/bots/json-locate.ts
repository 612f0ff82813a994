/** Where a value sits in JSON text, so an error's field path or a graph node can be shown in the editor. */
export interface TextRange {
  start: number;
  end: number;
}

type Segment = string | number;

/**
 * Finds the text range of the value at path ("nodes", 2, "text") in JSON text. Returns the deepest
 * range that exists (a missing "text" field points at its node), or null when the text is not JSON.
 */
export function locatePath(text: string, path: readonly Segment[]): TextRange | null {
  const scanner = new Scanner(text);
  try {
    scanner.skipSpace();
    return scanner.find(path);
  } catch {
    return null;
  }
}

/** "document.nodes.2.text" → ["nodes", 2, "text"]: field paths of the API name the document as a body field. */
export function pathFromField(field: string): Segment[] {
  const parts = field.split('.').filter((p) => p !== '');
  if (parts[0] === 'document') parts.shift();
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** The 1-based line of an offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

class Scanner {
  private pos = 0;
  constructor(private readonly text: string) {}

  /** The value at the cursor: descends into path, or returns the value's own range at the end of it. */
  find(path: readonly Segment[]): TextRange {
    const start = this.pos;
    const [head, ...rest] = path;
    const ch = this.text[this.pos];
    if (head !== undefined && ch === '{') {
      const found = this.scanObject(head, rest);
      if (found) return found;
    } else if (head !== undefined && ch === '[') {
      const found = this.scanArray(head, rest);
      if (found) return found;
    } else {
      this.skipValue();
    }
    return { start, end: this.pos };
  }

  skipSpace() {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }

  private scanObject(key: Segment, rest: readonly Segment[]): TextRange | null {
    this.pos++;
    this.skipSpace();
    while (this.text[this.pos] !== '}') {
      const name = this.readString();
      this.skipSpace();
      this.expect(':');
      this.skipSpace();
      if (name === String(key)) return this.find(rest);
      this.skipValue();
      this.skipSpace();
      if (this.text[this.pos] === ',') {
        this.pos++;
        this.skipSpace();
      }
    }
    this.pos++;
    return null;
  }

  private scanArray(index: Segment, rest: readonly Segment[]): TextRange | null {
    this.pos++;
    this.skipSpace();
    let i = 0;
    while (this.text[this.pos] !== ']') {
      if (i === Number(index)) return this.find(rest);
      this.skipValue();
      this.skipSpace();
      if (this.text[this.pos] === ',') {
        this.pos++;
        this.skipSpace();
      }
      i++;
    }
    this.pos++;
    return null;
  }

  private skipValue() {
    const ch = this.text[this.pos];
    if (ch === '"') {
      this.readString();
      return;
    }
    if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']';
      this.pos++;
      this.skipSpace();
      while (this.text[this.pos] !== close) {
        if (this.pos >= this.text.length) throw new Error('unterminated');
        if (ch === '{') {
          this.readString();
          this.skipSpace();
          this.expect(':');
          this.skipSpace();
        }
        this.skipValue();
        this.skipSpace();
        if (this.text[this.pos] === ',') {
          this.pos++;
          this.skipSpace();
        }
      }
      this.pos++;
      return;
    }
    const literal = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.text.slice(this.pos, this.pos + 64));
    if (!literal) throw new Error('unexpected token');
    this.pos += literal[0].length;
  }

  private readString(): string {
    this.expect('"');
    const start = this.pos;
    while (this.text[this.pos] !== '"') {
      if (this.pos >= this.text.length) throw new Error('unterminated string');
      if (this.text[this.pos] === '\\') this.pos++;
      this.pos++;
    }
    const raw = this.text.slice(start, this.pos);
    this.pos++;
    return JSON.parse(`"${raw}"`) as string;
  }

  private expect(ch: string) {
    if (this.text[this.pos] !== ch) throw new Error(`expected ${ch}`);
    this.pos++;
  }
}
