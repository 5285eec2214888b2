import { describe, expect, it } from 'vitest';
import { slugProblem } from './slug.js';

describe('shop slugs (DNS label rules)', () => {
  it.each(['demo', 'loja-da-maria', 'a1b', 'x'.repeat(63), '123'])('accepts %s', (slug) => {
    expect(slugProblem(slug)).toBeNull();
  });
  it.each([
    ['ab', /3 to 63/],
    ['x'.repeat(64), /3 to 63/],
    ['-demo', /starting and ending/],
    ['demo-', /starting and ending/],
    ['Demo', /lower-case/],
    ['loja_maria', /lower-case/],
    ['loja.maria', /lower-case/],
    ['xn--demo', /Two hyphens/],
    ['www', /reserved/],
    ['api', /reserved/],
    ['admin', /reserved/],
    ['staff', /reserved/],
    ['mail', /reserved/],
  ])('refuses %s', (slug, why) => {
    expect(slugProblem(slug)).toMatch(why);
  });
});
