import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { ja } from './ja';
import { RichText } from './rich-text';
import { fill } from './template';

describe('fill', () => {
  it('fills each placeholder, wherever the language puts it', () => {
    expect(fill(en.client.countdown.minutesAndSeconds, { minutes: 3, seconds: '05' })).toBe('3 min 05 s');
    expect(fill(ja.client.countdown.minutesAndSeconds, { minutes: 3, seconds: '05' })).toBe('3分05秒');
    expect(fill('{a}{a} {b}', { a: 1 })).toBe('11 {b}');
  });
});

describe('RichText', () => {
  const render = (template: string) =>
    renderToStaticMarkup(createElement(RichText, { template, values: { failure: createElement('code', null, 'token.request_failed') } }));

  it('puts markup where the template says, escaping the text around it', () => {
    expect(render(en.refreshNotice.body)).toBe(
      'You are still signed in; data that needs fresh tokens may be missing. Reload in a moment. (<code>token.request_failed</code>)',
    );
    expect(render(ja.refreshNotice.body)).toMatch(/^サインインは続いています。.*（<code>token\.request_failed<\/code>）$/);
    expect(render('<b>{failure}</b> {missing}')).toBe('&lt;b&gt;<code>token.request_failed</code>&lt;/b&gt; {missing}');
  });
});
