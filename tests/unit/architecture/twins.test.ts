/** Every platform twin in src/ is in platformTwins.ts, where tsc checks the pair's types. */
import * as path from 'path'
import { CHECKED_TWINS } from './platformTwins'
import { sourceFiles, SRC } from './imports'

it('every .h5 twin is type-checked against its mini-program file, and has one', () => {
  const twins = sourceFiles()
    .filter((f) => /\.h5\.tsx?$/.test(f))
    .map((f) => path.relative(SRC, f).replace(/\.h5\.tsx?$/, ''))
  expect(twins.sort()).toEqual(Object.keys(CHECKED_TWINS).sort())
  expect(sourceFiles().filter((f) => /\.weapp\.tsx?$/.test(f))).toEqual([])
})
