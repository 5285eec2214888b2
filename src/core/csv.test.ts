import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, toCsv } from './csv.js';

describe('CSV cells (RFC 4180, OWASP CSV injection)', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ['+351912345678', "'+351912345678"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
  ])('neutralises %j as a formula', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it.each([
    ['plain', 'plain'],
    ['a=b', 'a=b'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
  ])('leaves %j alone but for quoting', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('applies to whole lines and tables', () => {
    expect(csvLine(['=1', 'ok'])).toBe("'=1,ok\r\n");
    expect(toCsv([{ a: '@x' }])).toBe("a\r\n'@x\r\n");
  });
});
