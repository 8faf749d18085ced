/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.svg'
declare module '*.css'

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5'
    /** Which adapter the build holds: a file name in src/services/adapters (config/index.ts defaults it to 'mock'). */
    TARO_APP_BACKEND: string
    /** '1' in builds made for tests: the mock's knobs on globalThis (src/services/mock/testHooks.ts); '' otherwise. */
    TARO_APP_TEST_HOOKS: '1' | ''
    /** With TARO_APP_BACKEND=http: the merchant server's origin, '' for the H5 page's own origin. */
    TARO_APP_SERVER_URL: string
  }
}
