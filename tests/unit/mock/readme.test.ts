/** The README's demo identities are the registry's people: same names, document types and numbers (tests read the registry). */
import * as fs from 'fs'
import * as path from 'path'
import { ID_DOC_TYPES, idDocLabel, parseIdDocument } from '@/domain/idDocument'
import { DEMO_PEOPLE } from '@/services/mock/registry'

function readmeRows(): { name: string; type: string; number: string }[] {
  const readme = fs.readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('## Demo identities'), readme.indexOf('\n## ', readme.indexOf('## Demo identities') + 1))
  return section
    .split('\n')
    .filter((line) => /^\| [^-|姓]/.test(line))
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .map(([, name, type, number]) => ({ name, type, number: number.split(' ')[0] }))
}

describe('README demo identities', () => {
  it('list exactly the registry, as it is', () => {
    // A number may be given as people type it (an old 15-digit id): compared as the app reads it.
    const rows = readmeRows().map((row) => {
      const type = ID_DOC_TYPES.find((t) => t.label === row.type)?.type
      const parsed = type && parseIdDocument(type, row.number, '2026-11-23')
      return { ...row, number: parsed && parsed.ok ? parsed.doc.number : row.number }
    })
    expect(rows.length).toBeGreaterThan(0)
    const fromRegistry = DEMO_PEOPLE.map((p) => ({ name: p.name, type: idDocLabel(p.idType), number: p.idNumber }))
    expect(rows.sort((a, b) => a.number.localeCompare(b.number))).toEqual(fromRegistry.sort((a, b) => a.number.localeCompare(b.number)))
  })
})
