import { describe, expect, it } from 'vitest';
import { twilioSignature, urlVariants } from './twilio-signature.js';

describe('twilioSignature', () => {
  it("matches the example in Twilio's security documentation", () => {
    const params = new URLSearchParams({ CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' });
    expect(twilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', params)).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  });

  it('sorts names case-sensitively and keeps Cyrillic values as UTF-8', () => {
    const a = twilioSignature('t', 'https://x.example/h', new URLSearchParams({ b: '1', Body: 'Привет', a: '2' }));
    const b = twilioSignature('t', 'https://x.example/h', new URLSearchParams({ a: '2', Body: 'Привет', b: '1' }));
    expect(a).toBe(b);
  });
});

describe('urlVariants', () => {
  it('offers the URL with and without the default port', () => {
    expect(urlVariants('https://a.example/webhooks/1?x=1')).toEqual(['https://a.example/webhooks/1?x=1', 'https://a.example:443/webhooks/1?x=1']);
    expect(urlVariants('http://a.example:80/w')).toEqual(['http://a.example/w', 'http://a.example:80/w']);
    expect(urlVariants('https://a.example:8443/w')).toEqual(['https://a.example:8443/w']);
  });
});
