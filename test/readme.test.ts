import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configVariables } from '../src/core/config.js';

const readme = readFileSync('README.md', 'utf8');

describe('README', () => {
  it('starts with the two commands and the test command', () => {
    const firstScreen = readme.split('\n').slice(0, 30).join('\n');
    for (const command of ['npm install', 'npm start', 'npm test']) expect(firstScreen).toContain(command);
  });

  it('documents every configuration variable the platform reads', () => {
    const table = readme.slice(readme.indexOf('## Configuration'));
    for (const name of configVariables) expect(table, name).toMatch(new RegExp(`\\| \`${name}\` \\|`));
  });
});
