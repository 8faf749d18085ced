/** The bench's tier-2 walk (bench/weapp.walk.ts): the weapp project's transform and environment, run on its own. */
const path = require('node:path')

const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true, diagnostics: false }]

module.exports = {
  rootDir: path.resolve(__dirname, '..'),
  displayName: 'bench-weapp',
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/bench'],
  testMatch: ['**/*.walk.ts'],
  transform: { '^.+\\.tsx?$': tsJest, '/weapp/.+\\.js$': '<rootDir>/tests/weapp/wxRequire.cjs' },
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
}
