/** Tier 1 (unit: domain and services), the server tier and tier 2 (weapp: the compiled dist/weapp) share one jest. */
/** The compiled weapp build's files (dist/weapp, dist/weapp-server, or the bench's copy): they call require.async. */
const WEAPP_JS = '/weapp(-server)?/.+\\.js$'
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true, diagnostics: false }]

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/src', '<rootDir>/tests/unit'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.tsx?$': tsJest },
      moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
    },
    {
      // The server as a child process over HTTP, on embedded PGlite and on a real PostgreSQL.
      displayName: 'server',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests/server'],
      testMatch: ['**/*.test.ts'],
      // Each test drives real processes (login, notify, jobs): 30 s each (tests/server/timeout.ts).
      setupFilesAfterEnv: ['<rootDir>/tests/server/timeout.ts'],
      // Every server log line of the run is scanned at the end (tests/server/logScan.ts).
      globalSetup: '<rootDir>/tests/server/logScan.setup.ts',
      globalTeardown: '<rootDir>/tests/server/logScan.teardown.ts',
      transform: { '^.+\\.tsx?$': tsJest },
      moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
    },
    {
      displayName: 'weapp',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/tests/weapp'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.tsx?$': tsJest, [WEAPP_JS]: '<rootDir>/tests/weapp/wxRequire.cjs' },
      moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
    },
    {
      // Tier 2 against the merchant server: dist/weapp-server (TARO_APP_BACKEND=http), wx.request to a server process.
      displayName: 'weapp-server',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/tests/weapp-server'],
      testMatch: ['**/*.test.ts'],
      setupFiles: ['<rootDir>/tests/weapp-server/useServerBuild.cjs'],
      transform: { '^.+\\.tsx?$': tsJest, [WEAPP_JS]: '<rootDir>/tests/weapp/wxRequire.cjs' },
      moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
    },
  ],
}
