import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLE_SCOPES, SCOPE_TABLE } from '../../src/common/authz/scope-table';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
const names = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1]);

/** The README's scope table, row by row: name, description, implied scopes. */
function readmeScopeRows() {
  const start = readme.indexOf('| scope | description | implies |');
  const rows = readme.slice(start).split('\n').slice(2);
  const table = rows.slice(
    0,
    rows.findIndex((line) => !line.startsWith('|')),
  );
  return table.map((line) => {
    const [name, description, implies] = line
      .split('|')
      .slice(1, 4)
      .map((cell) => cell.trim());
    return { name: names(name)[0], description, implies: names(implies) };
  });
}

/** Promise: the README's scope table and role ceilings say what the one scope table says. */
describe('the README describes the scope table as it is', () => {
  it('lists every scope, with its description and what it implies', () => {
    const documented = readmeScopeRows();
    expect(documented.map((row) => row.name)).toEqual(SCOPE_TABLE.map((scope) => scope.name));
    for (const scope of SCOPE_TABLE) {
      const row = documented.find((candidate) => candidate.name === scope.name)!;
      expect({ name: scope.name, description: row.description }).toEqual({
        name: scope.name,
        description: scope.description,
      });
      // `admin` implies every other scope, which the README says in words.
      if (scope.name !== 'admin') {
        expect({ name: scope.name, implies: row.implies }).toEqual({
          name: scope.name,
          implies: [...scope.implies],
        });
      }
    }
  });

  it('gives each role the ceiling it has', () => {
    const flat = readme.replace(/\s+/g, ' ');
    for (const [role, scopes] of Object.entries(ROLE_SCOPES)) {
      expect({ role, line: flat.includes(`\`${role}\` → \`${scopes.join(' ')}\``) }).toEqual({
        role,
        line: true,
      });
    }
  });
});
